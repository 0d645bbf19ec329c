// Locale-aware formatting for conversations: relative times in lists, clock times and day
// separators in a chat, one-line previews of messages, and conversation names.
import type { ChatMessage, ConversationEntry, Locale } from '../api/types';
import type { MessageKey, TranslateFn } from '../i18n/translate';
import { memberName } from '../relationships/requests';

const DAY_MS = 86_400_000;

function safeDate(iso: string): Date | undefined {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The calendar day of an instant in a time zone (the device's when undefined), as a day number. */
function dayNumber(ms: number, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
}

/** How many calendar days `then` lies before `now` (0: the same day). */
export function calendarDaysAgo(then: number, now: number, timeZone?: string): number {
  return dayNumber(now, timeZone) - dayNumber(then, timeZone);
}

/**
 * A short time for lists: "now", "5 min. ago", "3 hr. ago" (today), "yesterday", a weekday within
 * the week, then the date ("Mar 5"; with the year when it is not this year). Anything
 * unreadable comes back as it came.
 */
export function formatRelative(iso: string, now: number, locale: Locale, timeZone?: string): string {
  const d = safeDate(iso);
  if (!d) return iso;
  const then = d.getTime();
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (seconds < 45) return rtf.format(0, 'second');
  if (seconds < 3600) return rtf.format(-Math.max(1, Math.round(seconds / 60)), 'minute');
  const days = calendarDaysAgo(then, now, timeZone);
  if (days <= 0) return rtf.format(-Math.round(seconds / 3600), 'hour');
  if (days === 1) return rtf.format(-1, 'day');
  if (days < 7) return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone }).format(d);
  const sameYear = new Date(now).getUTCFullYear() === d.getUTCFullYear();
  return new Intl.DateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric', timeZone } : { dateStyle: 'medium', timeZone }).format(d);
}

/** The time of day of a message: "14:05" / "2:05 PM". */
export function formatClock(iso: string, locale: Locale, timeZone?: string): string {
  const d = safeDate(iso);
  return d ? new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(d) : iso;
}

/** A day separator in a chat: "Today", "Yesterday", else the date with its weekday. */
export function formatDay(iso: string, now: number, locale: Locale, timeZone?: string): string {
  const d = safeDate(iso);
  if (!d) return iso;
  const days = calendarDaysAgo(d.getTime(), now, timeZone);
  if (days === 0 || days === 1) {
    const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day');
    return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
  }
  const sameYear = new Date(now).getUTCFullYear() === d.getUTCFullYear();
  return new Intl.DateTimeFormat(locale, {
    year: sameYear ? undefined : 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone,
  }).format(d);
}

/** A meeting time proposed in a meeting request: date, weekday and time, in the viewer's zone. */
export function formatProposedTime(iso: string, locale: Locale, timeZone?: string): string {
  const d = safeDate(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d) +
    ` (${new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone }).format(d)})`;
}

/** The key of a day: messages with the same key go under one separator. */
export function dayKey(iso: string, timeZone?: string): number {
  const d = safeDate(iso);
  return d ? dayNumber(d.getTime(), timeZone) : 0;
}

/** Characters as people count them (not UTF-16 units). */
const chars = (s: string) => [...s];

/** The first line of a text, whitespace collapsed, cut to `max` characters with an ellipsis. */
export function firstLine(text: string, max = 80): string {
  const line = text.trim().split('\n', 1)[0]?.replace(/\s+/g, ' ') ?? '';
  const c = chars(line);
  return c.length > max ? `${c.slice(0, max - 1).join('')}…` : line;
}

const ASK_PREVIEW: Readonly<Record<Exclude<ChatMessage['kind'], 'text'>, MessageKey>> = {
  meeting_request: 'messages.preview_meeting',
  proposal: 'messages.preview_proposal',
  referral_request: 'messages.preview_referral',
};

/** One line for a conversation list: "You: …" for one's own, the kind of a business ask. */
export function messagePreview(m: ChatMessage, meId: string | undefined, t: TranslateFn): string {
  let body: string;
  if (m.deleted) body = t('messages.deleted');
  else if (m.kind === 'text') body = firstLine(m.text);
  else body = t(ASK_PREVIEW[m.kind], { subject: firstLine(m.subject ?? '', 40) });
  return m.sender === meId ? t('messages.preview_own', { text: body }) : body;
}

/** A conversation's name: a group's title, else the other participants' names. */
export function conversationName(entry: Pick<ConversationEntry, 'kind' | 'title' | 'participants'>, t: TranslateFn): string {
  if (entry.kind === 'group' && entry.title.trim() !== '') return entry.title.trim();
  const names = entry.participants.map((p) => memberName(p, t('profile.unnamed')));
  if (names.length === 0) return t('messages.no_one_left');
  if (names.length <= 3) return names.join(t('common.list_separator'));
  return t('messages.names_and_more', { names: names.slice(0, 3).join(t('common.list_separator')), count: names.length - 3 });
}

/** "99+" beyond 99: what a badge shows for a count. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}
