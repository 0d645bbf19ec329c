import { isApiError } from '../api/errors';
import { INTRODUCTION_NOTE_MAX } from '../introductions/introductions';
import { MIN_AGE_MAX_DAYS } from '../relationships/policy';
import { NOTE_MAX } from '../relationships/requests';
import { MAX_PROPOSED_TIMES, SUBJECT_MAX, TEXT_MAX, TITLE_MAX } from '../messaging/asks';
import { BUDGET_MAX } from '../notifications/settings';
import { QUERY_MAX as SEARCH_QUERY_MAX, QUERY_MAX_WORDS as SEARCH_QUERY_MAX_WORDS } from '../search/query';
import { describeProfileField } from './fieldErrors';
import type { MessageKey, Params } from './translate';

/**
 * Which form an error came from: the same code means different things in each.
 * `profile` is PATCH /me (display name, language); `profile_edit` the whole profile
 * document; `upload` a photo or avatar; `persona`, `work_email`, `circle` and
 * `organization` (new company or school) the forms of those names. `request` is sending a
 * greeting or connection request, `scan` exchanging cards by code, `tie` acting on a connection,
 * a block, a request or an introduction already there, `inbound_policy` the inbound filters.
 * `introduction` is asking for an introduction, `vouch` passing one on with a vouching note.
 * `message` is anything done in or to a conversation (starting one, sending, editing, deleting,
 * leaving); `notification_settings` the notification settings. `search` is people search (the
 * query, its filters and the daily cap).
 */
export type ErrorContext =
  | 'signup'
  | 'verify'
  | 'login'
  | 'profile'
  | 'password'
  | 'delete'
  | 'profile_edit'
  | 'upload'
  | 'persona'
  | 'work_email'
  | 'circle'
  | 'organization'
  | 'request'
  | 'scan'
  | 'tie'
  | 'inbound_policy'
  | 'introduction'
  | 'vouch'
  | 'message'
  | 'notification_settings'
  | 'search'
  | 'other';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 100;

/** A translated message, and the request field it belongs next to (if any). */
export interface DescribedError {
  key: MessageKey;
  params?: Params;
  /** The server's field name (e.g. "password", "new_password"); absent for form-level errors. */
  field?: string;
  /** True when the error means the session is gone and the app should sign out. */
  signedOut?: boolean;
}

export interface DescribeOptions {
  /** The password the user sent, to tell "too short" from "too common". */
  password?: string;
  /** Formats a delay in seconds for the current locale ("in 5 minutes"). */
  formatDelay?: (seconds: number) => string;
}

/** Client-side check of a new password's length; undefined when acceptable. */
export function passwordLengthError(password: string): MessageKey | undefined {
  const length = [...password].length;
  if (length === 0) return 'errors.required';
  if (length < PASSWORD_MIN) return 'errors.password_too_short';
  if (length > PASSWORD_MAX) return 'errors.password_too_long';
  return undefined;
}

/** Checks the login locally: an email address, or a number in international form. */
export function loginFormatError(login: string): MessageKey | undefined {
  const value = login.trim();
  if (value === '') return 'errors.required';
  if (value.includes('@')) return /^[^\s@]+@[^\s@]+$/.test(value) ? undefined : 'errors.login_invalid';
  return /^\+[0-9][0-9 ()-]{6,}$/.test(value) ? undefined : 'errors.login_invalid';
}

/** The server starts a refused password's message with its reason code ("common: ..."). */
const PASSWORD_REASONS: Record<string, MessageKey> = {
  too_short: 'errors.password_too_short',
  too_long: 'errors.password_too_long',
  common: 'errors.password_common',
  matches_account: 'errors.password_matches_account',
  invalid_utf8: 'errors.password_invalid',
};

function passwordProblem(password: string | undefined, message: string): MessageKey {
  const reason = PASSWORD_REASONS[message.split(':', 1)[0] ?? ''];
  if (reason) return reason;
  if (password !== undefined) {
    const length = [...password].length;
    if (length < PASSWORD_MIN) return 'errors.password_too_short';
    if (length > PASSWORD_MAX) return 'errors.password_too_long';
  }
  return 'errors.password_invalid';
}

/**
 * Maps any error thrown by the API client to a message key and the field it
 * belongs to. Never shows the server's English message to the user.
 */
export function describeError(err: unknown, context: ErrorContext, options: DescribeOptions = {}): DescribedError {
  if (!isApiError(err)) return { key: 'errors.generic' };
  switch (err.code) {
    case 'network':
      return { key: 'errors.network' };
    case 'resource_exhausted': {
      // Sending requests, asking for introductions and searching have quotas of their own, not "attempts".
      const [later, soon]: [MessageKey, MessageKey] =
        context === 'request'
          ? ['errors.request_quota', 'errors.request_quota_soon']
          : context === 'introduction'
            ? ['errors.introduction_quota', 'errors.introduction_quota_soon']
            : context === 'search'
              ? ['errors.search_quota', 'errors.search_quota_soon']
              : ['errors.rate_limited', 'errors.rate_limited_soon'];
      if (err.retryAfter !== undefined && options.formatDelay) return { key: later, params: { when: options.formatDelay(err.retryAfter) } };
      return { key: soon };
    }
    case 'unavailable':
      return { key: 'errors.unavailable' };
    case 'internal':
    case 'bad_response':
      return { key: 'errors.internal' };
    case 'permission_denied':
      return { key: 'errors.csrf' };
    case 'payload_too_large':
      return context === 'upload' ? { key: 'errors.image_too_large' } : { key: 'errors.too_large' };
    case 'unsupported_media_type':
      return context === 'upload' ? { key: 'errors.image_type' } : { key: 'errors.generic' };
    case 'already_exists':
      if (context === 'persona') return { key: 'errors.handle_taken', field: 'handle' };
      // Already connected, already greeted, or a request already pending: all one answer.
      if (context === 'request') return { key: 'errors.request_exists' };
      if (context === 'scan') return { key: 'errors.already_connected' };
      break;
    case 'not_found':
      // A blocked member, one who left, and an unknown id all look the same.
      if (context === 'request' || context === 'introduction') return { key: 'errors.member_gone' };
      // A request or an introduction withdrawn or expired, or a connection removed meanwhile.
      if (context === 'tie' || context === 'vouch') return { key: 'errors.gone' };
      if (context === 'scan') return { key: 'errors.card_not_found', field: 'code' };
      // A conversation left or never joined, a member blocked since: all "not there".
      if (context === 'message') return { key: 'errors.conversation_gone' };
      break;
    case 'failed_precondition':
      if (context === 'persona') return { key: 'errors.persona_limit' };
      // Writing again before a reply, or editing after the 24 hours.
      if (context === 'message') return { key: 'errors.message_refused' };
      // Already answered, or expired meanwhile.
      if (context === 'vouch') return { key: 'errors.gone' };
      break;
    case 'unauthenticated':
      switch (context) {
        case 'login':
          return { key: 'errors.invalid_credentials' };
        case 'verify':
          return { key: 'errors.invalid_code', field: 'code' };
        case 'password':
          return err.field === 'current_password' || err.field === undefined
            ? { key: 'errors.wrong_password', field: 'current_password' }
            : { key: 'errors.session_expired', signedOut: true };
        case 'delete':
          return { key: 'errors.wrong_password', field: 'password' };
        default:
          return { key: 'errors.session_expired', signedOut: true };
      }
    default:
      break;
  }
  const field = err.field;
  if (context === 'search' && err.code === 'invalid_argument') {
    // The query is typed; a cursor is stale once the results changed; anything else is a filter.
    if (field === 'q') return { key: 'errors.search_query', params: { max: SEARCH_QUERY_MAX, words: SEARCH_QUERY_MAX_WORDS }, field };
    if (field === 'cursor') return { key: 'errors.search_cursor', field };
    return field ? { key: 'errors.search_filter', field } : { key: 'errors.generic' };
  }
  if (context === 'profile_edit' && field) {
    const m = describeProfileField(field);
    return m.params ? { key: m.key, params: m.params, field } : { key: m.key, field };
  }
  if (context === 'upload' && err.code === 'invalid_argument') return { key: 'errors.image_unreadable' };
  // "members[3]" and "names.ja" are about the list or object as a whole.
  const head = field?.split(/[.[]/, 1)[0];
  switch (head) {
    case 'login':
      return { key: 'errors.login_invalid', field };
    case 'display_name':
      return { key: 'errors.display_name_invalid', field };
    case 'code':
      // A wrong work-email code is a 400 naming the code, not a 401.
      if (context === 'work_email') return { key: 'errors.invalid_code', field };
      return context === 'scan' ? { key: 'errors.card_code_invalid', field } : { key: 'errors.code_format', field };
    case 'note':
      return context === 'introduction' || context === 'vouch'
        ? { key: 'errors.length_range', params: { max: INTRODUCTION_NOTE_MAX }, field }
        : { key: 'errors.too_long', params: { max: NOTE_MAX }, field };
    case 'intermediaries':
      return { key: 'errors.intermediary_unavailable', field };
    case 'target':
      return { key: 'errors.member_gone', field };
    case 'rating':
      return { key: 'errors.rating_invalid', field };
    case 'min_account_age_days':
      return { key: 'errors.days_range', params: { max: MIN_AGE_MAX_DAYS }, field };
    case 'provenance':
    case 'introduced_by':
    case 'purpose':
    case 'refused_functions':
    case 'greetings':
    case 'requests':
    case 'messages':
    case 'business_asks':
    case 'connection_list':
      return { key: 'errors.choice_required', field };
    case 'email':
      return { key: 'errors.email_invalid', field };
    case 'handle':
      return { key: 'errors.handle_invalid', field };
    case 'bio':
      return { key: 'errors.too_long', params: { max: 300 }, field };
    case 'name':
      return { key: 'errors.length_range', params: { max: 100 }, field };
    case 'members':
      return { key: 'errors.members_invalid', field };
    case 'text':
      return { key: 'errors.message_length', params: { max: TEXT_MAX }, field };
    case 'subject':
      return { key: 'errors.too_long', params: { max: SUBJECT_MAX }, field };
    case 'title':
      return { key: 'errors.too_long', params: { max: TITLE_MAX }, field };
    case 'kind':
      return { key: 'errors.business_ask_refused', field };
    case 'proposed_times':
      return { key: 'errors.proposed_times', params: { max: MAX_PROPOSED_TIMES }, field };
    case 'categories':
      return field?.endsWith('daily_budget')
        ? { key: 'errors.budget_range', params: { max: BUDGET_MAX }, field }
        : { key: 'errors.choice_required', field };
    case 'time_zone':
      return { key: 'errors.time_zone_invalid', field };
    case 'quiet_hours':
      return { key: 'errors.time_invalid', field };
    case 'names':
      return { key: 'errors.org_name_invalid', field };
    case 'country':
      return { key: 'errors.choice_required', field };
    case 'current_password':
      return { key: 'errors.wrong_password', field };
    case 'new_password':
      return { key: passwordProblem(options.password, err.message), field };
    case 'password':
      if (context === 'delete') return { key: 'errors.wrong_password', field };
      if (context === 'login') return { key: 'errors.invalid_credentials' };
      return { key: passwordProblem(options.password, err.message), field };
    default:
      return { key: 'errors.generic' };
  }
}
