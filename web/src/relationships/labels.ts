// Message keys of the relationship enumerations.
import type {
  BusinessAsks,
  ConnectionListAudience,
  Degree,
  Provenance,
  Reach,
  RequestKind,
  SentStatus,
} from '../api/types';
import type { MessageKey } from '../i18n/translate';

type Badge = Exclude<Degree, null>;

/** "1st" / "1次" / "一度": the badge itself. */
export const DEGREE_SHORT: Readonly<Record<Badge, MessageKey>> = {
  1: 'degree.first',
  2: 'degree.second',
  3: 'degree.third',
};

/** "1st-degree connection": what the badge means, for screen readers and tooltips. */
export const DEGREE_LONG: Readonly<Record<Badge, MessageKey>> = {
  1: 'degree.first_long',
  2: 'degree.second_long',
  3: 'degree.third_long',
};

/** The badge for a degree, or undefined when there is none to show (null, absent, unknown). */
export function degreeBadge(degree: Degree | undefined): { short: MessageKey; long: MessageKey } | undefined {
  if (degree !== 1 && degree !== 2 && degree !== 3) return undefined;
  return { short: DEGREE_SHORT[degree], long: DEGREE_LONG[degree] };
}

export const PROVENANCE_LABEL: Readonly<Record<Provenance, MessageKey>> = {
  met_in_person: 'provenance.met_in_person',
  introduced: 'provenance.introduced',
  same_group: 'provenance.same_group',
  imported: 'provenance.imported',
};

/** The provenances a member can choose when asking to connect (`introduced` needs an introducer). */
export const PROVENANCE_CHOICES: readonly Provenance[] = ['met_in_person', 'introduced', 'same_group', 'imported'];

export const REQUEST_KIND_LABEL: Readonly<Record<RequestKind, MessageKey>> = {
  greeting: 'request_kind.greeting',
  connection: 'request_kind.connection',
};

export const SENT_STATUS_LABEL: Readonly<Record<SentStatus, MessageKey>> = {
  pending: 'sent_status.pending',
  accepted: 'sent_status.accepted',
  expired: 'sent_status.expired',
};

/** Widest first, as the settings list them. */
export const REACH_CHOICES: readonly Reach[] = ['anyone', 'third_degree', 'second_degree', 'nobody'];

export const REACH_LABEL: Readonly<Record<Reach, MessageKey>> = {
  anyone: 'inbound.reach_anyone',
  third_degree: 'inbound.reach_third_degree',
  second_degree: 'inbound.reach_second_degree',
  nobody: 'inbound.reach_nobody',
};

export const BUSINESS_ASKS_CHOICES: readonly BusinessAsks[] = ['trusted_only', 'connections'];

export const BUSINESS_ASKS_LABEL: Readonly<Record<BusinessAsks, MessageKey>> = {
  trusted_only: 'inbound.business_trusted_only',
  connections: 'inbound.business_connections',
};

/** Narrowest first; the labels are the audiences' own. */
export const CONNECTION_LIST_CHOICES: readonly ConnectionListAudience[] = ['only_me', 'connections', 'network2', 'members'];

export const CONNECTION_LIST_LABEL: Readonly<Record<ConnectionListAudience, MessageKey>> = {
  only_me: 'audience.only_me',
  connections: 'audience.connections',
  network2: 'audience.network2',
  members: 'audience.members',
};

export const RATINGS = [1, 2, 3, 4, 5] as const;

/** What each rating means: how well the member knows the other. */
export const RATING_LABEL: Readonly<Record<(typeof RATINGS)[number], MessageKey>> = {
  1: 'rating.r1',
  2: 'rating.r2',
  3: 'rating.r3',
  4: 'rating.r4',
  5: 'rating.r5',
};

/** The meaning of a rating, or undefined for none (or a value outside 1–5). */
export function ratingLabel(rating: number | null): MessageKey | undefined {
  return rating === null ? undefined : RATING_LABEL[rating as (typeof RATINGS)[number]];
}
