// Wire types of the Enishi HTTP API (docs/API.md). Keys keep the server's
// snake_case spelling; timestamps are RFC 3339 UTC strings; ids are opaque.

export type Locale = 'ja' | 'zh-Hans' | 'en';

export type LoginKind = 'email' | 'phone';

export interface Me {
  id: string;
  display_name: string;
  login: string;
  login_kind: LoginKind;
  locale: Locale;
  created_at: string;
}

export interface Session {
  id: string;
  kind: 'browser' | 'api';
  created_at: string;
  last_seen_at: string;
  user_agent: string;
  current: boolean;
}

export type ErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'method_not_allowed'
  | 'already_exists'
  | 'failed_precondition'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'resource_exhausted'
  | 'unavailable'
  | 'internal';

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface SignupRequest {
  login: string;
  password: string;
  display_name: string;
  locale: Locale;
}

export interface SignupResponse {
  status: 'verification_sent';
}

export interface VerifyRequest {
  login: string;
  code: string;
}

export interface LoginRequest {
  login: string;
  password: string;
}

/** Answer of signup/verify and login; `token` only for `"client": "api"`. */
export interface AuthResponse {
  member: Me;
  token?: string;
}

export interface UpdateMeRequest {
  display_name?: string;
  locale?: Locale;
}

export interface ChangePasswordRequest {
  current_password: string;
  new_password: string;
}

export interface SessionsResponse {
  sessions: Session[];
}

export interface DeleteAccountRequest {
  password: string;
}
