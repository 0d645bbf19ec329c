// Audiences: who may see one field or entry (docs/API.md, "Audiences"), their labels and
// the "who sees what" summary of the profile editor.
import type { Audience, Circle, FixedAudience } from '../api/types';
import type { MessageKey, TranslateFn } from '../i18n/translate';

/** The fixed audiences, widest first, as the audience control lists them (circles go before only_me). */
export const FIXED_AUDIENCES: readonly FixedAudience[] = [
  'public',
  'members',
  'network2',
  'greeted',
  'conversing',
  'connections',
  'trusted',
  'only_me',
];

/** What the icon and label are chosen by: a fixed audience, or "some circle". */
export type AudienceKind = FixedAudience | 'circle';

export interface ParsedAudience {
  kind: AudienceKind;
  /** Set for kind "circle". */
  circleId?: string;
}

export function isFixedAudience(value: string): value is FixedAudience {
  return (FIXED_AUDIENCES as readonly string[]).includes(value);
}

/** Reads an audience from the wire; undefined for anything the contract does not know. */
export function parseAudience(value: string): ParsedAudience | undefined {
  if (isFixedAudience(value)) return { kind: value };
  if (value.startsWith('circle:') && value.length > 'circle:'.length) {
    return { kind: 'circle', circleId: value.slice('circle:'.length) };
  }
  return undefined;
}

export function circleAudience(circleId: string): Audience {
  return `circle:${circleId}`;
}

/** Every audience the control offers, in order: the stages, the circles, then only me. */
export function audienceOptions(circles: readonly Circle[]): Audience[] {
  const widest = FIXED_AUDIENCES.filter((a) => a !== 'only_me');
  return [...widest, ...circles.map((c) => circleAudience(c.id)), 'only_me'];
}

const LONG: Readonly<Record<FixedAudience, MessageKey>> = {
  public: 'audience.public',
  members: 'audience.members',
  network2: 'audience.network2',
  greeted: 'audience.greeted',
  conversing: 'audience.conversing',
  connections: 'audience.connections',
  trusted: 'audience.trusted',
  only_me: 'audience.only_me',
};

const SHORT: Readonly<Record<FixedAudience, MessageKey>> = {
  public: 'audience.public_short',
  members: 'audience.members_short',
  network2: 'audience.network2_short',
  greeted: 'audience.greeted_short',
  conversing: 'audience.conversing_short',
  connections: 'audience.connections_short',
  trusted: 'audience.trusted_short',
  only_me: 'audience.only_me_short',
};

/**
 * The label of an audience: the long form for the options ("Everyone, also signed out"),
 * the short one for the chip next to a field ("Public"). A circle is named by its name;
 * a circle that no longer exists (or is not loaded) by a generic label.
 */
export function audienceLabel(
  audience: Audience | string,
  circles: readonly Circle[],
  t: TranslateFn,
  form: 'short' | 'long' = 'short',
): string {
  const parsed = parseAudience(audience);
  if (!parsed) return t('audience.unknown');
  if (parsed.kind === 'circle') {
    const circle = circles.find((c) => c.id === parsed.circleId);
    return circle ? t('audience.circle', { name: circle.name }) : t('audience.circle_unknown');
  }
  return t(form === 'short' ? SHORT[parsed.kind] : LONG[parsed.kind]);
}

/** The kind an audience's icon is chosen by. */
export function audienceKind(audience: Audience | string): AudienceKind {
  return parseAudience(audience)?.kind ?? 'only_me';
}

/** Sort position of an audience: stages widest first, circles after trusted, only me last. */
export function audienceRank(audience: Audience | string): number {
  const kind = audienceKind(audience);
  if (kind === 'circle') return FIXED_AUDIENCES.indexOf('only_me') - 0.5;
  return FIXED_AUDIENCES.indexOf(kind);
}

/** The audience of a new entry in each list, and of each field (narrow, as the server's defaults). */
export const DEFAULT_AUDIENCE = {
  display_name: 'members',
  headline: 'members',
  contacts: 'only_me',
  career: 'only_me',
  other: 'connections',
} as const satisfies Record<string, FixedAudience>;

export interface AudienceGroup {
  audience: Audience;
  /** What this audience sees, in the order given. */
  items: string[];
}

/**
 * Groups labelled items by audience, widest audience first: the editor's "who sees what".
 * Items with the same audience keep their order; circles sort by first appearance.
 */
export function groupByAudience(items: readonly { label: string; audience: Audience }[]): AudienceGroup[] {
  const groups = new Map<string, AudienceGroup>();
  for (const item of items) {
    let group = groups.get(item.audience);
    if (!group) {
      group = { audience: item.audience, items: [] };
      groups.set(item.audience, group);
    }
    if (!group.items.includes(item.label)) group.items.push(item.label);
  }
  return [...groups.values()].sort((a, b) => audienceRank(a.audience) - audienceRank(b.audience));
}

/** The summary of a list's entries: one audience for all, several, or none (empty list). */
export type ListAudience =
  | { kind: 'empty' }
  | { kind: 'same'; audience: Audience }
  | { kind: 'mixed'; widest: Audience; count: number };

export function listAudience(audiences: readonly Audience[]): ListAudience {
  if (audiences.length === 0) return { kind: 'empty' };
  const distinct = [...new Set(audiences)];
  if (distinct.length === 1) return { kind: 'same', audience: distinct[0] as Audience };
  const widest = [...distinct].sort((a, b) => audienceRank(a) - audienceRank(b))[0] as Audience;
  return { kind: 'mixed', widest, count: distinct.length };
}

/** "Visible to: connections", "Visible to: several audiences, widest: members", or "Nothing yet". */
export function visibleToLine(summary: ListAudience, circles: readonly Circle[], t: TranslateFn): string {
  switch (summary.kind) {
    case 'empty':
      return t('audience.nothing_yet');
    case 'same':
      return t('audience.visible_to', { who: audienceLabel(summary.audience, circles, t, 'short') });
    case 'mixed':
      return t('audience.visible_to_mixed', { who: audienceLabel(summary.widest, circles, t, 'short') });
  }
}
