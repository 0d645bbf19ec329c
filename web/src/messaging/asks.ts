// Messages and business asks without UI: the limits the server enforces, the local checks of the
// composer and the business-ask form, and the bodies they send.
import type { MessageKind, NewMessage } from '../api/types';
import type { Message } from '../i18n/fieldErrors';
import type { MessageKey } from '../i18n/translate';

export const TEXT_MAX = 4000;
export const SUBJECT_MAX = 200;
export const TITLE_MAX = 100;
export const MAX_PROPOSED_TIMES = 5;
/** A group holds at most 50 members: the caller and 49 others. */
export const GROUP_MAX_OTHERS = 49;

export type AskKind = Exclude<MessageKind, 'text'>;

export const ASK_KINDS: readonly AskKind[] = ['meeting_request', 'proposal', 'referral_request'];

/** A business-ask form as typed; `times` are `<input type="datetime-local">` values, in local time. */
export interface AskDraft {
  kind: AskKind;
  text: string;
  subject: string;
  times: string[];
}

export function emptyAsk(kind: AskKind): AskDraft {
  return { kind, text: '', subject: '', times: kind === 'meeting_request' ? [''] : [] };
}

const charCount = (s: string) => [...s].length;

/** The problem with a message text, if any: required, at most TEXT_MAX characters after trimming. */
export function textProblem(text: string): Message | MessageKey | undefined {
  const n = charCount(text.trim());
  if (n === 0) return 'errors.required';
  if (n > TEXT_MAX) return { key: 'errors.too_long', params: { max: TEXT_MAX } };
  return undefined;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A datetime-local value ("2026-12-01T10:00", the device's local time) as an RFC 3339 UTC
 * timestamp without fractions ("2026-12-01T01:00:00Z" in Tokyo); undefined when unreadable.
 */
export function localToUtc(value: string): string | undefined {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  // new Date() rolls 2026-02-31 over to March: refuse it instead.
  if (Number.isNaN(date.getTime()) || date.getMonth() !== mo - 1 || date.getDate() !== d) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An instant as a datetime-local value in the device's time: the editor's minimum, for instance. */
export function utcToLocal(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The form's problems by the request's field names (`proposed_times[i]` for one time), found
 * before sending: the text, a subject for proposals and referrals, and 1–5 future times for a
 * meeting request.
 */
export function askProblems(d: AskDraft, now: number): Record<string, Message | MessageKey | undefined> {
  const problems: Record<string, Message | MessageKey | undefined> = { text: textProblem(d.text) };
  if (d.kind === 'proposal' || d.kind === 'referral_request') {
    const n = charCount(d.subject.trim());
    problems.subject = n === 0 ? 'errors.required' : n > SUBJECT_MAX ? { key: 'errors.too_long', params: { max: SUBJECT_MAX } } : undefined;
  }
  if (d.kind === 'meeting_request') {
    const filled = d.times.filter((t) => t.trim() !== '');
    if (filled.length === 0) problems['proposed_times[0]'] = 'errors.required';
    d.times.forEach((value, i) => {
      if (value.trim() === '') return;
      const utc = localToUtc(value);
      if (utc === undefined) problems[`proposed_times[${i}]`] = 'errors.date_time_invalid';
      else if (Date.parse(utc) <= now) problems[`proposed_times[${i}]`] = 'errors.time_in_past';
    });
    if (filled.length > MAX_PROPOSED_TIMES) problems.proposed_times = { key: 'errors.too_many_times', params: { max: MAX_PROPOSED_TIMES } };
  }
  return problems;
}

/** The body of POST …/messages for a business ask. REQUIRES: no askProblems. */
export function askBody(d: AskDraft): NewMessage {
  const body: NewMessage = { kind: d.kind, text: d.text.trim() };
  if (d.kind === 'proposal' || d.kind === 'referral_request') body.subject = d.subject.trim();
  if (d.kind === 'meeting_request') {
    body.proposed_times = d.times.flatMap((t) => {
      const utc = t.trim() === '' ? undefined : localToUtc(t);
      return utc === undefined ? [] : [utc];
    });
  }
  return body;
}
