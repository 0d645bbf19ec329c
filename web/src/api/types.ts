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

// --- Profiles and privacy (docs/API.md, "Profiles and privacy") ---

/** The fixed audiences, widest first; `circle:<id>` names one of the member's circles. */
export type FixedAudience =
  | 'public'
  | 'members'
  | 'network2'
  | 'greeted'
  | 'conversing'
  | 'connections'
  | 'trusted'
  | 'only_me';

export type Audience = FixedAudience | `circle:${string}`;

/** A value and who may see it. */
export interface Audienced<T> {
  value: T;
  audience: Audience;
}

/** A name in several languages; at least one of ja, zh, en is present. */
export interface Names {
  ja?: string;
  zh?: string;
  en?: string;
  reading?: string;
}

export interface Company {
  id: string;
  names: Names;
}

export interface School {
  id: string;
  names: Names;
  /** ISO 3166-1 alpha-2, e.g. "JP". */
  country: string;
}

export type NameOrder = 'family_first' | 'given_first';

export interface PersonName {
  family: string;
  given: string;
  family_reading: string;
  given_reading: string;
  latin_family: string;
  latin_given: string;
  order: NameOrder;
}

export type CareerStatus = 'not_looking' | 'open' | 'actively_looking';

export interface Career {
  status: CareerStatus;
  roles: string[];
  locations: string[];
  salary_min?: number;
  salary_max?: number;
  salary_currency?: string;
}

export type JobFunction =
  | 'engineering'
  | 'design'
  | 'product'
  | 'research'
  | 'operations'
  | 'finance'
  | 'legal'
  | 'marketing'
  | 'sales'
  | 'recruiting'
  | 'headhunting'
  | 'human_resources'
  | 'education'
  | 'healthcare'
  | 'consulting'
  | 'management'
  | 'other';

export type Seniority = 'intern' | 'entry' | 'mid' | 'senior' | 'lead' | 'manager' | 'director' | 'executive';

export type Proficiency = 'elementary' | 'working' | 'professional' | 'native';

export type LinkKind = 'project' | 'link';

export type ContactKind = 'email' | 'phone' | 'line' | 'wechat';

/** List entries as the owner sends them: no id means a new entry. */
export interface PositionInput {
  id?: string;
  company_id: string;
  title: string;
  function: JobFunction;
  seniority: Seniority;
  /** "YYYY-MM" */
  start: string;
  end?: string;
  description?: string;
  audience: Audience;
}

export interface EducationInput {
  id?: string;
  school_id: string;
  degree?: string;
  field?: string;
  country?: string;
  start: string;
  end?: string;
  audience: Audience;
}

export interface LanguageInput {
  id?: string;
  language: string;
  proficiency: Proficiency;
  audience: Audience;
}

export interface SkillInput {
  id?: string;
  name: string;
  audience: Audience;
}

export interface LinkInput {
  id?: string;
  kind: LinkKind;
  title: string;
  url: string;
  description?: string;
  audience: Audience;
}

export interface ContactInput {
  id?: string;
  kind: ContactKind;
  value: string;
  audience: Audience;
}

/** Entries as the server answers them: with ids, and the company or school filled in. */
export type Position = PositionInput & { id: string; company?: Company };
export type Education = EducationInput & { id: string; school?: School };
export type Language = LanguageInput & { id: string };
export type Skill = SkillInput & { id: string };
export type Link = LinkInput & { id: string };
export type Contact = ContactInput & { id: string };

/** The body of PUT /me/profile: the whole profile, without response-only fields. */
export interface OwnProfileInput {
  display_name: Audienced<string>;
  name: Audienced<PersonName>;
  headline: Audienced<string>;
  about: Audienced<string>;
  location: Audienced<string>;
  photo: { audience: Audience };
  career: Audienced<Career>;
  positions: PositionInput[];
  education: EducationInput[];
  languages: LanguageInput[];
  skills: SkillInput[];
  links: LinkInput[];
  contacts: ContactInput[];
}

/** GET/PUT /me/profile answer. */
export interface OwnProfile {
  /** The member's id (response only). */
  id?: string;
  display_name: Audienced<string>;
  name: Audienced<PersonName>;
  headline: Audienced<string>;
  about: Audienced<string>;
  location: Audienced<string>;
  photo: { audience: Audience; url: string | null };
  career: Audienced<Career>;
  positions: Position[];
  education: Education[];
  languages: Language[];
  skills: Skill[];
  links: Link[];
  contacts: Contact[];
  updated_at: string;
}

type WithoutAudience<T> = Omit<T, 'audience'>;

/** A profile as one viewer may see it: whatever they may not see is absent. */
export interface MemberView {
  id: string;
  /** The caller's degree badge for this member (signed-in callers only). */
  degree?: Degree;
  /** The caller's stage with this member (signed-in callers only). */
  stage?: Stage;
  display_name?: string;
  name?: PersonName;
  headline?: string;
  about?: string;
  location?: string;
  photo_url?: string;
  career?: Career;
  positions: WithoutAudience<Position>[];
  education: WithoutAudience<Education>[];
  languages: WithoutAudience<Language>[];
  skills: WithoutAudience<Skill>[];
  links: WithoutAudience<Link>[];
  contacts: WithoutAudience<Contact>[];
}

export type PreviewViewer = 'signed_out' | 'member' | 'network2' | 'connection' | 'employer' | `member:${string}`;

export interface PreviewResponse {
  as: string;
  profile: MemberView | null;
}

export interface Discoverability {
  searchable: boolean;
  findable_by_email: boolean;
  findable_by_phone: boolean;
}

export interface Privacy {
  discoverability: Discoverability;
  shield: { companies: Company[]; automatic: Company[]; hide_profile: boolean };
  profile_link: string;
}

export interface PrivacyInput {
  discoverability: Discoverability;
  shield: { companies: string[]; hide_profile: boolean };
}

export interface Circle {
  id: string;
  name: string;
  members: string[];
}

export interface CircleInput {
  name: string;
  members: string[];
}

export interface WorkEmail {
  email: string;
  domain: string;
  verified_at: string;
  companies: Company[];
}

export interface WorkEmailsResponse {
  verified: WorkEmail[];
  pending: { email: string; expires_at: string } | null;
}

export interface WorkEmailSent {
  status: 'verification_sent';
  expires_at: string;
}

export interface Persona {
  id: string;
  handle: string;
  bio: string;
  avatar_url: string | null;
}

export interface PersonaInput {
  handle: string;
  bio: string;
}

export interface NewCompany {
  names: Names;
}

export interface NewSchool {
  names: Names;
  country: string;
}

/** The image types the photo and avatar uploads accept. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

// --- Relationships (docs/API.md, "Relationships") ---

/** How far a member is from the caller: 1, 2 or 3 hops, null when further or unconnected. */
export type Degree = 1 | 2 | 3 | null;

/** How far a relationship has grown; `trusted` is one-sided and private. */
export type Stage = 'none' | 'greeted' | 'conversing' | 'connected' | 'trusted';

/** A member wherever the API lists one: only what the caller may see, and the degree badge. */
export interface MemberSummary {
  id: string;
  display_name?: string;
  headline?: string;
  photo_url?: string;
  degree: Degree;
}

export type RequestKind = 'greeting' | 'connection';

/** How two members know each other, as the sender of a connection request says. */
export type Provenance = 'met_in_person' | 'introduced' | 'same_group' | 'imported';

/** Whoever declined, filtered or ignored a request, its sender reads `pending` until it expires. */
export type SentStatus = 'pending' | 'accepted' | 'expired';

export interface NewRequest {
  kind: RequestKind;
  to: string;
  note?: string;
  /** Required for a connection request, absent for a greeting. */
  provenance?: Provenance;
  /** With provenance `introduced` only. */
  introduced_by?: string;
}

interface RequestBase {
  id: string;
  kind: RequestKind;
  note: string;
  /** Absent or "none" for greetings. */
  provenance?: Provenance | 'none';
  created_at: string;
  expires_at: string;
}

export interface ReceivedRequest extends RequestBase {
  from: MemberSummary;
  introduced_by?: MemberSummary;
}

export interface SentRequest extends RequestBase {
  to: MemberSummary;
  status: SentStatus;
}

export type ReceivedBox = 'inbox' | 'filtered';

/** A connection with the caller's private view of it: the other side never sees any of it. */
export interface Connection {
  member: MemberSummary;
  /** 1–5: how well the caller knows them; null when not rated. */
  rating: number | null;
  note: string;
  trusted: boolean;
  provenance?: Provenance | 'none';
  since: string;
}

/** The body of PUT /me/connections/{id}. */
export interface ConnectionInput {
  rating: number | null;
  note: string;
  trusted: boolean;
}

export interface Block {
  /** The blocked member's id: they are not found anywhere, so nothing more can be shown. */
  member: string;
  blocked_at: string;
}

/** Who may reach a member with greetings, requests or messages. */
export type Reach = 'anyone' | 'third_degree' | 'second_degree' | 'nobody';

export type BusinessAsks = 'trusted_only' | 'connections';

/** Who sees a member's connection list (and mutual connections and paths through them). */
export type ConnectionListAudience = 'only_me' | 'connections' | 'network2' | 'members';

export interface InboundPolicy {
  greetings: Reach;
  requests: Reach;
  messages: Reach;
  refused_functions: JobFunction[];
  /** 0–365 */
  min_account_age_days: number;
  business_asks: BusinessAsks;
  connection_list: ConnectionListAudience;
  /**
   * Greetings, requests and messages from members two or more seniority levels below, with no
   * mutual connection and no relationship, go to Filtered; introductions always get through.
   */
  juniors_need_introduction: boolean;
}

/** The member's business card: the code behind the QR code, typed by hand as a fallback. */
export interface Card {
  code: string;
  /** The card page's path ("/c/<code>"), which the QR code holds on this origin: see cardUrl(). */
  url?: string;
}

export interface ScanResult {
  outcome: 'requested' | 'connected';
  member: MemberSummary;
}

export interface Suggestion {
  member: MemberSummary;
  mutual_count: number;
}

// --- Introductions (docs/API.md, "Introductions") ---

export type IntroductionPurpose = 'advice' | 'business' | 'hiring' | 'other';

/**
 * Why an intermediary is a good route, about the first intermediary and the target (for
 * `knows_you_well`, the caller's own rating of them). `company` and `school` are display names.
 */
export type IntroductionReason =
  | { code: 'knows_you_well' }
  | { code: 'worked_with_both'; company: Company }
  | { code: 'works_with_target'; company: Company }
  | { code: 'studied_with_target'; school: School }
  | { code: 'senior_to_target' }
  | { code: 'peer_of_target' };

/** One way to the target: one intermediary, or a chain of two, in order. */
export interface IntroductionRoute {
  intermediaries: MemberSummary[];
  reasons: IntroductionReason[];
}

export interface IntroductionRoutes {
  /** At most 5, best first; empty for a connection, oneself, or a member beyond three hops. */
  routes: IntroductionRoute[];
  /** The member is far senior and unrelated to the caller: offer an introduction, not a greeting. */
  suggest_introduction: boolean;
}

/** The body of POST /introductions; without `intermediaries`, Enishi asks the network. */
export interface NewIntroduction {
  target: string;
  /** 1 or 2 member ids, in order, as a route offered them. */
  intermediaries?: string[];
  purpose: IntroductionPurpose;
  /** 1–500 characters, to the intermediaries; the target does not see it. */
  note: string;
}

/** An intermediary's vouching note, as it travels with the introduction. */
export interface Vouch {
  by: MemberSummary;
  note: string;
}

/** The requester's view: never more than pending, accepted or expired. */
export interface SentIntroduction {
  id: string;
  role: 'requester';
  target: MemberSummary;
  purpose: IntroductionPurpose;
  note: string;
  ask_network: boolean;
  /** As chosen; empty when asking the network. */
  intermediaries: MemberSummary[];
  /** When asking the network: those who forwarded it. */
  helpers: MemberSummary[];
  status: SentStatus;
  conversation?: string;
  created_at: string;
  expires_at: string;
}

export type AskedStatus = 'waiting' | 'forwarded' | 'lapsed';

/** An intermediary's view of an introduction they were asked to pass on. */
export interface AskedIntroduction {
  id: string;
  role: 'intermediary';
  requester: MemberSummary;
  target: MemberSummary;
  /** Whom forwarding reaches: the target, or the second intermediary of a chain. */
  next: MemberSummary;
  purpose: IntroductionPurpose;
  note: string;
  /** Earlier intermediaries' vouches. */
  vouches: Vouch[];
  status: AskedStatus;
  answer_by: string;
  created_at: string;
}

export type ReceivedStatus = 'waiting' | 'accepted' | 'declined' | 'expired';

/** The target's view, once the last intermediary has forwarded it. */
export interface ReceivedIntroduction {
  id: string;
  role: 'target';
  requester: MemberSummary;
  purpose: IntroductionPurpose;
  vouches: Vouch[];
  status: ReceivedStatus;
  conversation?: string;
  created_at: string;
  expires_at: string;
}

/** GET /introductions/{id}: the caller's view, by `role`. */
export type IntroductionView = SentIntroduction | AskedIntroduction | ReceivedIntroduction;

/** The body of POST /introductions/{id}/forward. */
export interface ForwardIntroduction {
  /** 1–500 characters. */
  note: string;
  /** Be in the conversation too if the target accepts. */
  join?: boolean;
}

// --- Messaging (docs/API.md, "Messaging") ---

export type ConversationKind = 'direct' | 'group';

/** Where a conversation is filed for the caller: open, a message request, or filtered away. */
export type Folder = 'inbox' | 'requests' | 'filtered';

/** `text`, or a business ask (direct conversations only, where the recipient allows them). */
export type MessageKind = 'text' | 'meeting_request' | 'proposal' | 'referral_request';

/** The API's `Message` (named so to keep it apart from the i18n `Message`). */
export interface ChatMessage {
  id: string;
  conversation: string;
  /** 1, 2, 3… within the conversation. */
  seq: number;
  /** The sender's member id. */
  sender: string;
  kind: MessageKind;
  /** Empty when deleted for everyone. */
  text: string;
  /** Proposals and referral requests. */
  subject?: string;
  /** Meeting requests: 1–5 timestamps. */
  proposed_times?: string[];
  created_at: string;
  edited_at?: string;
  /** Deleted for everyone: text, subject and times are gone. */
  deleted: boolean;
}

export interface ConversationEntry {
  id: string;
  kind: ConversationKind;
  /** Groups only; may be empty. */
  title: string;
  folder: Folder;
  /** The other current participants. */
  participants: MemberSummary[];
  last_message?: ChatMessage;
  /** Others' messages after `read_seq`. */
  unread: number;
  read_seq: number;
  last_activity_at: string;
  can_write: boolean;
  /** A message request: nothing more can be sent until the recipient replies. */
  awaiting_reply: boolean;
  /** Whether the caller may send business asks here. */
  business_asks: boolean;
  /** The last intermediary of the introduction that opened it. */
  introduced_by?: MemberSummary;
  /** Read receipts, member id → seq: only participants who have them on, only to a caller who does. */
  read_by?: Record<string, number>;
}

export interface ConversationPage {
  conversations: ConversationEntry[];
  next_cursor?: string;
}

/** The body of POST /conversations: one member (direct) or 2–49 (a group). */
export interface NewConversation {
  members: string[];
  title?: string;
  /** Required for a new direct conversation between members without a relationship. */
  text?: string;
}

export interface NewMessage {
  kind?: MessageKind;
  text: string;
  subject?: string;
  proposed_times?: string[];
}

export interface MessageEdit {
  text: string;
  subject?: string;
}

export interface MessagePage {
  /** Newest first. */
  messages: ChatMessage[];
  has_more: boolean;
}

/** `everyone`: one's own messages within 24 hours; `me`: hides any message from one's own history. */
export type DeleteScope = 'everyone' | 'me';

/** Both off by default; turning one off also hides the others'. */
export interface MessagingPreferences {
  read_receipts: boolean;
  typing_indicators: boolean;
}

/** The counts behind the badges. */
export interface UnreadCounts {
  messages: number;
  requests: number;
  notifications: number;
}

// --- Notifications (docs/API.md, "Notifications") ---

export type NotificationCategory = 'greetings' | 'requests' | 'messages' | 'introductions' | 'groups' | 'jobs' | 'safety';

/** What happened; a kind this client does not know yet is shown by its category (see notificationText). */
export type NotificationKind =
  | 'greeting_received'
  | 'greeting_returned'
  | 'connection_requested'
  | 'connection_accepted'
  | 'message_request'
  | 'introduction_asked'
  | 'introduction_forwarded'
  | 'introduction_accepted'
  | 'introduction_helped';

export type Delivery = 'in_app' | 'real_time' | 'digest';

export interface NotificationEntry {
  id: string;
  category: NotificationCategory;
  kind: NotificationKind;
  actor: MemberSummary;
  /** The id of the request, conversation or introduction it is about. */
  subject: string;
  delivery: Delivery;
  created_at: string;
  read: boolean;
}

export interface NotificationPage {
  notifications: NotificationEntry[];
  next_cursor?: string;
}

export interface CategorySetting {
  delivery: Delivery;
  /** Real-time alerts a day, 0–100; later ones are filed as digest items. */
  daily_budget: number;
}

/** Local times, "HH:MM"; the end may be before the start (over midnight). */
export interface QuietHours {
  start: string;
  end: string;
}

export interface NotificationSettings {
  categories: Partial<Record<NotificationCategory, CategorySetting>>;
  /** IANA name, e.g. "Asia/Tokyo". */
  time_zone: string;
  quiet_hours: QuietHours | null;
  email_digest: boolean;
}

/** The settings as the server answers them. */
export interface NotificationSettingsAnswer extends NotificationSettings {
  /** Whether the member may turn the email digest on: an email login, and a server that sends mail. */
  email_digest_available: boolean;
}

// --- The stream (docs/API.md, "The stream") ---

/** The numbered events of a member's stream: replayed after `after` on reconnect. */
export type NumberedStreamEvent =
  | { id: number; type: 'message'; conversation: string; message: ChatMessage; alert: boolean }
  | { id: number; type: 'message_changed'; conversation: string; message: ChatMessage }
  | { id: number; type: 'read'; conversation: string; member: string; read_seq: number }
  | { id: number; type: 'conversation'; conversation: string }
  | { id: number; type: 'notification'; notification: NotificationEntry; alert: boolean };

/** Someone is typing: not numbered, not replayed. */
export interface TypingStreamEvent {
  type: 'typing';
  conversation: string;
  member: string;
}

/** Every server frame after the replay: the end of the replay and the log's last number. */
export interface ReadyFrame {
  type: 'ready';
  last_event: number;
}

/** A client frame the server refused; the socket stays open. */
export interface ErrorFrame {
  type: 'error';
  error: { code: string; message: string };
}

export type StreamFrame = NumberedStreamEvent | TypingStreamEvent | ReadyFrame | ErrorFrame;

// --- People search (docs/API.md, "Search") ---

/** The parts of a profile a search can match (names in any script count as `name`). */
export type SearchField = 'name' | 'headline' | 'company' | 'school' | 'skill' | 'language' | 'location' | 'seniority';

/** One member found, as much of them as the caller may see. */
export interface SearchResult {
  member: MemberSummary;
  /** Absent when the caller may not see the connection lists it would come from. */
  mutual_count?: number;
  /** What the query matched; a value the client does not know yet is shown as nothing. */
  matched: string[];
}

/** A page of results, best first; `next_cursor` is absent on the last one. */
export interface SearchPage {
  results: SearchResult[];
  next_cursor?: string;
}
