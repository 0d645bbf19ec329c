import { ApiError, errorFromResponse } from './errors';
import type {
  AuthResponse,
  ChangePasswordRequest,
  DeleteAccountRequest,
  LoginRequest,
  Me,
  SessionsResponse,
  SignupRequest,
  SignupResponse,
  UpdateMeRequest,
  VerifyRequest,
} from './types';

export const CSRF_COOKIE = 'enishi_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ClientOptions {
  /** Prefix for every path, e.g. '' (same origin) or 'http://127.0.0.1:8080'. */
  baseUrl?: string;
  /** The fetch to use; tests pass a mock. */
  fetch?: typeof fetch;
  /** Returns the document's cookie string; tests pass a stub. */
  cookies?: () => string;
  /** Milliseconds before a request is given up as a network error. */
  timeoutMs?: number;
}

/** Reads one cookie's value from a `document.cookie` style string. */
export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** A downloaded file: its bytes and the name the server suggested. */
export interface Download {
  blob: Blob;
  filename: string | undefined;
}

/** Extracts the file name from a Content-Disposition header. */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  const name = plain?.[2] ?? plain?.[1];
  return name ? name.trim() : undefined;
}

/**
 * A typed client of the Enishi API. Every call sends the cookies of the
 * origin, JSON bodies, and on unsafe methods the CSRF token read from the
 * `enishi_csrf` cookie. Every failure rejects with an ApiError.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly cookies: () => string;
  private readonly timeoutMs: number;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.cookies = options.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  /** Sends one request and returns the raw 2xx Response; rejects with ApiError otherwise. */
  async send(method: Method, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (UNSAFE_METHODS.has(method)) {
      const token = readCookie(this.cookies(), CSRF_COOKIE);
      if (token) headers[CSRF_HEADER] = token;
    }
    const controller = typeof AbortController === 'undefined' ? undefined : new AbortController();
    const timer = controller ? setTimeout(() => controller.abort(), this.timeoutMs) : undefined;
    let response: Response;
    try {
      const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
      if (body !== undefined) init.body = JSON.stringify(body);
      if (controller) init.signal = controller.signal;
      response = await this.fetchFn(this.baseUrl + path, init);
    } catch (e) {
      throw new ApiError({
        status: 0,
        code: 'network',
        message: e instanceof Error ? e.message : String(e),
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    if (!response.ok) {
      let text = '';
      try {
        text = await response.text();
      } catch {
        /* the body is unreadable; the status still tells */
      }
      throw errorFromResponse(response.status, text, response.headers.get('Retry-After'));
    }
    return response;
  }

  /** Sends a request and decodes the JSON answer; a 204 yields undefined. */
  async json<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status === 204) return undefined as T;
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      throw new ApiError({ status: 0, code: 'network', message: e instanceof Error ? e.message : String(e) });
    }
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError({ status: response.status, code: 'bad_response', message: 'answer is not JSON' });
    }
  }

  // --- Accounts (docs/API.md) ---

  signup(req: SignupRequest): Promise<SignupResponse> {
    return this.json('POST', '/api/v1/signup', req);
  }

  verifySignup(req: VerifyRequest): Promise<AuthResponse> {
    return this.json('POST', '/api/v1/signup/verify', req);
  }

  login(req: LoginRequest): Promise<AuthResponse> {
    return this.json('POST', '/api/v1/login', req);
  }

  logout(): Promise<void> {
    return this.json('POST', '/api/v1/logout');
  }

  me(): Promise<Me> {
    return this.json('GET', '/api/v1/me');
  }

  updateMe(req: UpdateMeRequest): Promise<Me> {
    return this.json('PATCH', '/api/v1/me', req);
  }

  changePassword(req: ChangePasswordRequest): Promise<void> {
    return this.json('POST', '/api/v1/me/password', req);
  }

  sessions(): Promise<SessionsResponse> {
    return this.json('GET', '/api/v1/sessions');
  }

  revokeSession(id: string): Promise<void> {
    return this.json('DELETE', `/api/v1/sessions/${encodeURIComponent(id)}`);
  }

  async exportData(): Promise<Download> {
    const response = await this.send('GET', '/api/v1/me/export');
    const blob = await response.blob();
    return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition')) };
  }

  deleteAccount(req: DeleteAccountRequest): Promise<void> {
    return this.json('DELETE', '/api/v1/me', req);
  }
}

/** The client the app uses: same origin as the page. */
export const api = new ApiClient();
