import { ApiError, errorFromResponse } from './errors';
import { searchApiQuery, type SearchRequest } from '../search/query';
import type {
  AskedIntroduction,
  AuthResponse,
  Block,
  Card,
  ChangePasswordRequest,
  ChatMessage,
  Circle,
  CircleInput,
  Company,
  Connection,
  ConnectionInput,
  ConversationEntry,
  ConversationPage,
  DeleteAccountRequest,
  DeleteScope,
  Folder,
  ForwardIntroduction,
  ImageType,
  InboundPolicy,
  IntroductionRoutes,
  IntroductionView,
  LoginRequest,
  Me,
  MemberSummary,
  MemberView,
  MessageEdit,
  MessagePage,
  MessagingPreferences,
  NewCompany,
  NewConversation,
  NewIntroduction,
  NewMessage,
  NewRequest,
  NewSchool,
  NotificationPage,
  NotificationSettings,
  NotificationSettingsAnswer,
  OwnProfile,
  OwnProfileInput,
  Persona,
  PersonaInput,
  PreviewResponse,
  PreviewViewer,
  Privacy,
  PrivacyInput,
  ReceivedBox,
  ReceivedIntroduction,
  ReceivedRequest,
  ScanResult,
  School,
  SearchPage,
  SentIntroduction,
  SentRequest,
  SessionsResponse,
  SignupRequest,
  SignupResponse,
  Suggestion,
  UnreadCounts,
  UpdateMeRequest,
  VerifyRequest,
  WorkEmail,
  WorkEmailSent,
  WorkEmailsResponse,
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

/** How one call may be cut short. */
export interface CallOptions {
  /**
   * Aborts the request when it fires; the call then rejects like a failed fetch (code
   * `network`), so a caller that aborts should check its signal before showing the error.
   */
  signal?: AbortSignal | undefined;
}

/** A request body that is not JSON: an uploaded file and its media type. */
export interface RawBody {
  data: Blob;
  contentType: string;
}

/** Percent-encodes one path segment (ids are opaque and may hold any character). */
const seg = encodeURIComponent;

/** A query string of the parameters that are set (no leading "?"). */
function query(params: Readonly<Record<string, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
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
  send(method: Method, path: string, body?: unknown, options: CallOptions = {}): Promise<Response> {
    return this.request(method, path, body === undefined ? undefined : { json: body }, options.signal);
  }

  /** Sends a file as the raw request body (photo and avatar uploads). */
  sendRaw(method: Method, path: string, raw: RawBody): Promise<Response> {
    return this.request(method, path, { raw });
  }

  private async request(
    method: Method,
    path: string,
    payload: { json: unknown } | { raw: RawBody } | undefined,
    signal?: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload && 'json' in payload) headers['Content-Type'] = 'application/json';
    if (payload && 'raw' in payload) headers['Content-Type'] = payload.raw.contentType;
    if (UNSAFE_METHODS.has(method)) {
      const token = readCookie(this.cookies(), CSRF_COOKIE);
      if (token) headers[CSRF_HEADER] = token;
    }
    const controller = typeof AbortController === 'undefined' ? undefined : new AbortController();
    const timer = controller ? setTimeout(() => controller.abort(), this.timeoutMs) : undefined;
    const cancel = () => controller?.abort();
    if (signal?.aborted) cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    let response: Response;
    try {
      const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
      if (payload && 'json' in payload) init.body = JSON.stringify(payload.json);
      if (payload && 'raw' in payload) init.body = payload.raw.data;
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
      signal?.removeEventListener('abort', cancel);
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
  async json<T>(method: Method, path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
    return this.decode<T>(await this.send(method, path, body, options));
  }

  /** Uploads a file and decodes the JSON answer. */
  async upload<T>(method: Method, path: string, file: Blob, contentType: ImageType): Promise<T> {
    return this.decode<T>(await this.sendRaw(method, path, { data: file, contentType }));
  }

  private async decode<T>(response: Response): Promise<T> {
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

  // --- Profiles and privacy (docs/API.md) ---

  member(id: string): Promise<MemberView> {
    return this.json('GET', `/api/v1/members/${seg(id)}`);
  }

  profileLink(token: string): Promise<MemberView> {
    return this.json('GET', `/api/v1/profile-links/${seg(token)}`);
  }

  ownProfile(): Promise<OwnProfile> {
    return this.json('GET', '/api/v1/me/profile');
  }

  saveProfile(doc: OwnProfileInput): Promise<OwnProfile> {
    return this.json('PUT', '/api/v1/me/profile', doc);
  }

  uploadPhoto(file: Blob, type: ImageType): Promise<{ photo_url: string }> {
    return this.upload('PUT', '/api/v1/me/profile/photo', file, type);
  }

  deletePhoto(): Promise<void> {
    return this.json('DELETE', '/api/v1/me/profile/photo');
  }

  preview(as: PreviewViewer): Promise<PreviewResponse> {
    return this.json('GET', `/api/v1/me/profile/preview?as=${encodeURIComponent(as)}`);
  }

  privacy(): Promise<Privacy> {
    return this.json('GET', '/api/v1/me/privacy');
  }

  savePrivacy(req: PrivacyInput): Promise<Privacy> {
    return this.json('PUT', '/api/v1/me/privacy', req);
  }

  rotateProfileLink(): Promise<Privacy> {
    return this.json('POST', '/api/v1/me/profile-link');
  }

  circles(): Promise<{ circles: Circle[] }> {
    return this.json('GET', '/api/v1/me/circles');
  }

  createCircle(req: CircleInput): Promise<Circle> {
    return this.json('POST', '/api/v1/me/circles', req);
  }

  updateCircle(id: string, req: CircleInput): Promise<Circle> {
    return this.json('PUT', `/api/v1/me/circles/${seg(id)}`, req);
  }

  deleteCircle(id: string): Promise<void> {
    return this.json('DELETE', `/api/v1/me/circles/${seg(id)}`);
  }

  workEmails(): Promise<WorkEmailsResponse> {
    return this.json('GET', '/api/v1/me/work-emails');
  }

  addWorkEmail(email: string): Promise<WorkEmailSent> {
    return this.json('POST', '/api/v1/me/work-emails', { email });
  }

  verifyWorkEmail(code: string): Promise<WorkEmail> {
    return this.json('POST', '/api/v1/me/work-emails/verify', { code });
  }

  removeWorkEmail(email: string): Promise<void> {
    return this.json('DELETE', `/api/v1/me/work-emails/${seg(email)}`);
  }

  searchCompanies(prefix: string): Promise<{ companies: Company[] }> {
    return this.json('GET', `/api/v1/companies?q=${encodeURIComponent(prefix)}`);
  }

  createCompany(req: NewCompany): Promise<Company> {
    return this.json('POST', '/api/v1/companies', req);
  }

  company(id: string): Promise<Company> {
    return this.json('GET', `/api/v1/companies/${seg(id)}`);
  }

  school(id: string): Promise<School> {
    return this.json('GET', `/api/v1/schools/${seg(id)}`);
  }

  searchSchools(prefix: string): Promise<{ schools: School[] }> {
    return this.json('GET', `/api/v1/schools?q=${encodeURIComponent(prefix)}`);
  }

  createSchool(req: NewSchool): Promise<School> {
    return this.json('POST', '/api/v1/schools', req);
  }

  personas(): Promise<{ personas: Persona[] }> {
    return this.json('GET', '/api/v1/me/personas');
  }

  createPersona(req: PersonaInput): Promise<Persona> {
    return this.json('POST', '/api/v1/me/personas', req);
  }

  updatePersona(id: string, req: Partial<PersonaInput>): Promise<Persona> {
    return this.json('PATCH', `/api/v1/me/personas/${seg(id)}`, req);
  }

  deletePersona(id: string): Promise<void> {
    return this.json('DELETE', `/api/v1/me/personas/${seg(id)}`);
  }

  uploadPersonaAvatar(id: string, file: Blob, type: ImageType): Promise<Persona> {
    return this.upload('PUT', `/api/v1/me/personas/${seg(id)}/avatar`, file, type);
  }

  // --- Relationships (docs/API.md) ---

  sendRequest(req: NewRequest): Promise<SentRequest> {
    return this.json('POST', '/api/v1/requests', req);
  }

  receivedRequests(box: ReceivedBox): Promise<{ requests: ReceivedRequest[] }> {
    return this.json('GET', `/api/v1/me/requests/received?box=${box}`);
  }

  sentRequests(): Promise<{ requests: SentRequest[] }> {
    return this.json('GET', '/api/v1/me/requests/sent');
  }

  acceptRequest(id: string): Promise<void> {
    return this.json('POST', `/api/v1/requests/${seg(id)}/accept`);
  }

  declineRequest(id: string): Promise<void> {
    return this.json('POST', `/api/v1/requests/${seg(id)}/decline`);
  }

  withdrawRequest(id: string): Promise<void> {
    return this.json('DELETE', `/api/v1/requests/${seg(id)}`);
  }

  connections(): Promise<{ connections: Connection[] }> {
    return this.json('GET', '/api/v1/me/connections');
  }

  updateConnection(memberId: string, req: ConnectionInput): Promise<Connection> {
    return this.json('PUT', `/api/v1/me/connections/${seg(memberId)}`, req);
  }

  removeConnection(memberId: string): Promise<void> {
    return this.json('DELETE', `/api/v1/me/connections/${seg(memberId)}`);
  }

  blocks(): Promise<{ blocks: Block[] }> {
    return this.json('GET', '/api/v1/me/blocks');
  }

  block(memberId: string): Promise<void> {
    return this.json('POST', '/api/v1/me/blocks', { member: memberId });
  }

  unblock(memberId: string): Promise<void> {
    return this.json('DELETE', `/api/v1/me/blocks/${seg(memberId)}`);
  }

  inboundPolicy(): Promise<InboundPolicy> {
    return this.json('GET', '/api/v1/me/inbound-policy');
  }

  saveInboundPolicy(policy: InboundPolicy): Promise<InboundPolicy> {
    return this.json('PUT', '/api/v1/me/inbound-policy', policy);
  }

  card(): Promise<Card> {
    return this.json('GET', '/api/v1/me/card');
  }

  rotateCard(): Promise<Card> {
    return this.json('POST', '/api/v1/me/card/rotate');
  }

  scanCard(code: string): Promise<ScanResult> {
    return this.json('POST', '/api/v1/cards/scan', { code });
  }

  mutuals(memberId: string): Promise<{ mutuals: MemberSummary[] }> {
    return this.json('GET', `/api/v1/members/${seg(memberId)}/mutuals`);
  }

  suggestions(): Promise<{ suggestions: Suggestion[] }> {
    return this.json('GET', '/api/v1/me/suggestions');
  }

  // --- Introductions (docs/API.md) ---

  introductionRoutes(memberId: string): Promise<IntroductionRoutes> {
    return this.json('GET', `/api/v1/members/${seg(memberId)}/introduction-routes`);
  }

  requestIntroduction(req: NewIntroduction): Promise<SentIntroduction> {
    return this.json('POST', '/api/v1/introductions', req);
  }

  sentIntroductions(): Promise<{ introductions: SentIntroduction[] }> {
    return this.json('GET', '/api/v1/me/introductions/sent');
  }

  askedIntroductions(): Promise<{ introductions: AskedIntroduction[] }> {
    return this.json('GET', '/api/v1/me/introductions/asked');
  }

  receivedIntroductions(): Promise<{ introductions: ReceivedIntroduction[] }> {
    return this.json('GET', '/api/v1/me/introductions/received');
  }

  /** The caller's view of one introduction: as requester, intermediary or target (`role`). */
  introduction(id: string): Promise<IntroductionView> {
    return this.json('GET', `/api/v1/introductions/${seg(id)}`);
  }

  forwardIntroduction(id: string, req: ForwardIntroduction): Promise<AskedIntroduction> {
    return this.json('POST', `/api/v1/introductions/${seg(id)}/forward`, req);
  }

  /** The intermediary lets it lapse; nobody is told. */
  lapseIntroduction(id: string): Promise<void> {
    return this.json('POST', `/api/v1/introductions/${seg(id)}/lapse`);
  }

  /** The target accepts: resolves to the conversation it opened. */
  acceptIntroduction(id: string): Promise<{ conversation: string }> {
    return this.json('POST', `/api/v1/introductions/${seg(id)}/accept`);
  }

  /** The target declines; nobody is told. */
  declineIntroduction(id: string): Promise<void> {
    return this.json('POST', `/api/v1/introductions/${seg(id)}/decline`);
  }

  /** The requester withdraws a pending introduction. */
  withdrawIntroduction(id: string): Promise<void> {
    return this.json('DELETE', `/api/v1/introductions/${seg(id)}`);
  }

  // --- Messaging (docs/API.md) ---

  conversations(folder: Folder, cursor?: string): Promise<ConversationPage> {
    return this.json('GET', `/api/v1/conversations?${query({ folder, cursor })}`);
  }

  /** The direct conversation with one member (opened, or the existing one), or a new group. */
  startConversation(req: NewConversation): Promise<ConversationEntry> {
    return this.json('POST', '/api/v1/conversations', req);
  }

  conversation(id: string): Promise<ConversationEntry> {
    return this.json('GET', `/api/v1/conversations/${seg(id)}`);
  }

  /** Newest first; `before` is a seq: the page ends just before it. */
  messages(conversationId: string, page: { before?: number; limit?: number } = {}): Promise<MessagePage> {
    const q = query({ before: page.before, limit: page.limit });
    return this.json('GET', `/api/v1/conversations/${seg(conversationId)}/messages${q ? `?${q}` : ''}`);
  }

  sendMessage(conversationId: string, req: NewMessage): Promise<ChatMessage> {
    return this.json('POST', `/api/v1/conversations/${seg(conversationId)}/messages`, req);
  }

  editMessage(conversationId: string, messageId: string, req: MessageEdit): Promise<ChatMessage> {
    return this.json('PATCH', `/api/v1/conversations/${seg(conversationId)}/messages/${seg(messageId)}`, req);
  }

  deleteMessage(conversationId: string, messageId: string, scope: DeleteScope): Promise<void> {
    return this.json('DELETE', `/api/v1/conversations/${seg(conversationId)}/messages/${seg(messageId)}?for=${scope}`);
  }

  markConversationRead(conversationId: string, upTo: number): Promise<void> {
    return this.json('POST', `/api/v1/conversations/${seg(conversationId)}/read`, { up_to: upTo });
  }

  addConversationMembers(conversationId: string, members: string[]): Promise<ConversationEntry> {
    return this.json('POST', `/api/v1/conversations/${seg(conversationId)}/members`, { members });
  }

  leaveConversation(conversationId: string): Promise<void> {
    return this.json('POST', `/api/v1/conversations/${seg(conversationId)}/leave`);
  }

  messagingPreferences(): Promise<MessagingPreferences> {
    return this.json('GET', '/api/v1/me/messaging');
  }

  saveMessagingPreferences(prefs: MessagingPreferences): Promise<MessagingPreferences> {
    return this.json('PUT', '/api/v1/me/messaging', prefs);
  }

  unread(): Promise<UnreadCounts> {
    return this.json('GET', '/api/v1/me/unread');
  }

  // --- Search (docs/API.md) ---

  /** Members the caller may discover, best first; `cursor` is the previous page's `next_cursor`. */
  searchMembers(req: SearchRequest, page: { limit?: number; cursor?: string } = {}, options: CallOptions = {}): Promise<SearchPage> {
    return this.json('GET', `/api/v1/search/members?${searchApiQuery(req, page)}`, undefined, options);
  }

  // --- Notifications (docs/API.md) ---

  notifications(cursor?: string): Promise<NotificationPage> {
    const q = query({ cursor });
    return this.json('GET', `/api/v1/me/notifications${q ? `?${q}` : ''}`);
  }

  markNotificationRead(id: string): Promise<void> {
    return this.json('POST', `/api/v1/me/notifications/${seg(id)}/read`);
  }

  markAllNotificationsRead(): Promise<void> {
    return this.json('POST', '/api/v1/me/notifications/read');
  }

  notificationSettings(): Promise<NotificationSettingsAnswer> {
    return this.json('GET', '/api/v1/me/notification-settings');
  }

  saveNotificationSettings(settings: NotificationSettings): Promise<NotificationSettingsAnswer> {
    return this.json('PUT', '/api/v1/me/notification-settings', settings);
  }

  /** Where a connection's vCard downloads from (a plain link: the cookie authenticates it). */
  vcardUrl(memberId: string): string {
    return `${this.baseUrl}/api/v1/members/${seg(memberId)}/vcard`;
  }
}

/** The client the app uses: same origin as the page. */
export const api = new ApiClient();
