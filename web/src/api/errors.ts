import type { ErrorBody, ErrorCode } from './types';

/**
 * Codes the client itself produces when no answer from the server can be
 * read: `network` (fetch failed or timed out) and `bad_response` (a 2xx
 * answer that is not the JSON the contract promises).
 */
export type ClientErrorCode = 'network' | 'bad_response';

export type ApiErrorCode = ErrorCode | ClientErrorCode | 'unknown';

const SERVER_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
  'not_found',
  'method_not_allowed',
  'already_exists',
  'failed_precondition',
  'payload_too_large',
  'unsupported_media_type',
  'resource_exhausted',
  'unavailable',
  'internal',
]);

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'failed_precondition',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'resource_exhausted',
  500: 'internal',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

/** An error answer of the API, or a failure to reach it. */
export class ApiError extends Error {
  /** HTTP status; 0 when no answer arrived. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** The request field the error is about, when the server named one. */
  readonly field: string | undefined;
  /** Seconds to wait before retrying (from `Retry-After`), when given. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    field?: string | undefined;
    retryAfter?: number | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.retryAfter = init.retryAfter;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isErrorBody(v: unknown): v is ErrorBody {
  if (typeof v !== 'object' || v === null) return false;
  const err = (v as { error?: unknown }).error;
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'string'
  );
}

/**
 * Parses a `Retry-After` value: delay-seconds or an HTTP date.
 * Returns whole seconds (at least 1), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.max(1, parseInt(trimmed, 10));
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return undefined;
  return Math.max(1, Math.ceil((when - now) / 1000));
}

/** Builds the ApiError for a non-2xx answer whose body was already read as text. */
export function errorFromResponse(status: number, bodyText: string, retryAfterHeader: string | null): ApiError {
  let parsed: unknown;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (isErrorBody(parsed)) {
    const { code, message, field } = parsed.error;
    return new ApiError({
      status,
      code: SERVER_CODES.has(code) ? (code as ErrorCode) : (CODE_BY_STATUS[status] ?? 'unknown'),
      message: typeof message === 'string' ? message : '',
      field: typeof field === 'string' && field !== '' ? field : undefined,
      retryAfter,
    });
  }
  // Enishi answers every error with the JSON body; a bare 5xx comes from a
  // proxy or gateway in front of it, i.e. the service cannot be reached.
  return new ApiError({
    status,
    code: status >= 500 ? 'unavailable' : (CODE_BY_STATUS[status] ?? 'unknown'),
    message: `HTTP ${status}`,
    retryAfter,
  });
}
