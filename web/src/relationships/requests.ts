// Greetings and connection requests without UI: what a member may send at each stage, the
// send form's local checks and body, and what to say about a request once it went out.
import type { MemberSummary, NewRequest, Provenance, RequestKind, SentRequest, Stage } from '../api/types';
import type { Message } from '../i18n/fieldErrors';
import type { MessageKey } from '../i18n/translate';

/** Notes on requests and on connections are at most this many characters. */
export const NOTE_MAX = 300;

/** What the profile page offers towards a member at a stage (none when the stage is unknown). */
export function offeredRequests(stage: Stage | undefined): readonly RequestKind[] {
  switch (stage) {
    case 'none':
      return ['greeting', 'connection'];
    case 'greeted':
    case 'conversing':
      return ['connection'];
    default:
      return [];
  }
}

/** True at the stages where the two are connected (trust is one side's private mark on that). */
export function isConnected(stage: Stage | undefined): boolean {
  return stage === 'connected' || stage === 'trusted';
}

/** The send form as typed: provenance and introducer are '' until chosen. */
export interface RequestDraft {
  kind: RequestKind;
  note: string;
  provenance: Provenance | '';
  introducedBy: string;
}

export function emptyDraft(kind: RequestKind): RequestDraft {
  return { kind, note: '', provenance: '', introducedBy: '' };
}

/** Characters as people count them (not UTF-16 units). */
export function charCount(text: string): number {
  return [...text].length;
}

/** The form's problems by the request's field names, found before sending. */
export function requestProblems(d: RequestDraft): Record<'note' | 'provenance' | 'introduced_by', Message | MessageKey | undefined> {
  const connection = d.kind === 'connection';
  return {
    provenance: connection && d.provenance === '' ? 'errors.choice_required' : undefined,
    introduced_by: connection && d.provenance === 'introduced' && d.introducedBy === '' ? 'errors.choice_required' : undefined,
    note: charCount(d.note.trim()) > NOTE_MAX ? { key: 'errors.too_long', params: { max: NOTE_MAX } } : undefined,
  };
}

/** The body of POST /requests; a greeting carries no provenance. REQUIRES: no requestProblems. */
export function requestBody(to: string, d: RequestDraft): NewRequest {
  const body: NewRequest = { kind: d.kind, to };
  const note = d.note.trim();
  if (note !== '') body.note = note;
  if (d.kind === 'connection' && d.provenance !== '') {
    body.provenance = d.provenance;
    if (d.provenance === 'introduced') body.introduced_by = d.introducedBy;
  }
  return body;
}

/** What to tell the sender once a request went out ({name} is the recipient). */
export function sentMessageKey(sent: Pick<SentRequest, 'kind' | 'status'>): MessageKey {
  if (sent.kind === 'greeting') return sent.status === 'accepted' ? 'relation.greeted_each_other' : 'relation.greeting_sent';
  return sent.status === 'accepted' ? 'relation.connected_now' : 'relation.request_sent';
}

/** The stage a request leaves behind when it answered the other's (status `accepted`). */
export function stageAfter(sent: Pick<SentRequest, 'kind' | 'status'>, before: Stage | undefined): Stage | undefined {
  if (sent.status !== 'accepted') return before;
  if (sent.kind === 'connection') return 'connected';
  return before === undefined || before === 'none' ? 'greeted' : before;
}

/** The button that accepts a received request: a greeting is greeted back. */
export function acceptLabelKey(kind: RequestKind): MessageKey {
  return kind === 'greeting' ? 'requests.greet_back' : 'requests.accept';
}

/** What to say once a received request is accepted ({name} is the sender). */
export function acceptedMessageKey(kind: RequestKind): MessageKey {
  return kind === 'greeting' ? 'requests.greeted_back' : 'requests.accepted';
}

/** The name a member is shown by: their display name as the caller may see it, else `fallback`. */
export function memberName(member: Pick<MemberSummary, 'display_name'>, fallback: string): string {
  return member.display_name?.trim() || fallback;
}
