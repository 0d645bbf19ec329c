// Introductions without UI: when a profile offers one, the forms' local checks and bodies, and the
// tabs of the Introductions page.
import type { Degree, ForwardIntroduction, IntroductionPurpose, IntroductionRoute, IntroductionRoutes, NewIntroduction } from '../api/types';
import type { Message } from '../i18n/fieldErrors';
import { charCount, memberName } from '../relationships/requests';

/** The note to the intermediaries and a vouching note are 1 to this many characters. */
export const INTRODUCTION_NOTE_MAX = 500;

/**
 * How a profile offers an introduction: `none` (not 2 or 3 hops away, or no route the caller may
 * see), `offered` beside greeting and connecting, or `suggested`: first, with those quieter, for a
 * member far senior to the caller with whom they share nobody.
 */
export type IntroductionOffer = 'none' | 'offered' | 'suggested';

/** Whether there can be routes to a member at this degree: two or three hops away. */
export function mayHaveRoutes(degree: Degree | undefined): boolean {
  return degree === 2 || degree === 3;
}

export function introductionOffer(degree: Degree | undefined, found: IntroductionRoutes | null): IntroductionOffer {
  if (!mayHaveRoutes(degree) || !found || found.routes.length === 0) return 'none';
  return found.suggest_introduction ? 'suggested' : 'offered';
}

/** "A → B → target": the names along a route, the target's last. */
export function routeChain(route: IntroductionRoute, target: string, unnamed: string): string {
  return [...route.intermediaries.map((m) => memberName(m, unnamed)), target].join(' → ');
}

/** A route's key among the routes offered: its intermediaries' ids, in order. */
export function routeKey(route: IntroductionRoute): string {
  return route.intermediaries.map((m) => m.id).join('>');
}

/** The picker's choice: a route (its index among those offered), "ask my network", or none yet. */
export type RouteChoice = number | 'network' | null;

/** The request form as typed: purpose is '' until chosen. */
export interface IntroductionDraft {
  route: RouteChoice;
  purpose: IntroductionPurpose | '';
  note: string;
}

export function emptyIntroductionDraft(): IntroductionDraft {
  return { route: null, purpose: '', note: '' };
}

/** A note's problem: empty (after trimming) or longer than allowed, in characters. */
export function introductionNoteProblem(note: string): Message | undefined {
  const n = charCount(note.trim());
  return n === 0 || n > INTRODUCTION_NOTE_MAX ? { key: 'errors.length_range', params: { max: INTRODUCTION_NOTE_MAX } } : undefined;
}

/** The request form's problems by the request's field names, found before sending. */
export function introductionProblems(d: IntroductionDraft, routes: readonly IntroductionRoute[]): Record<'intermediaries' | 'purpose' | 'note', Message | undefined> {
  const routeChosen = d.route === 'network' || (d.route !== null && routes[d.route] !== undefined);
  return {
    intermediaries: routeChosen ? undefined : { key: 'errors.choice_required' },
    purpose: d.purpose === '' ? { key: 'errors.choice_required' } : undefined,
    note: introductionNoteProblem(d.note),
  };
}

/** The body of POST /introductions; "ask my network" leaves the intermediaries out. REQUIRES: no introductionProblems. */
export function introductionBody(target: string, d: IntroductionDraft, routes: readonly IntroductionRoute[]): NewIntroduction {
  const body: NewIntroduction = { target, purpose: d.purpose as IntroductionPurpose, note: d.note.trim() };
  const route = typeof d.route === 'number' ? routes[d.route] : undefined;
  if (route) body.intermediaries = route.intermediaries.map((m) => m.id);
  return body;
}

/** The body of POST /introductions/{id}/forward; `join` only when chosen. */
export function forwardBody(note: string, join: boolean): ForwardIntroduction {
  return join ? { note: note.trim(), join: true } : { note: note.trim() };
}

/** The tabs of the Introductions page: what the member asked for, was asked to pass on, received. */
export type IntroductionsTab = 'sent' | 'asked' | 'received';

export const INTRODUCTIONS_TABS: readonly IntroductionsTab[] = ['sent', 'asked', 'received'];

export const INTRODUCTIONS_PATH = '/connections/introductions';

/** The tab a `?tab=` value names; Sent when absent or unknown. */
export function tabFromQuery(value: string | undefined): IntroductionsTab {
  return value === 'asked' || value === 'received' ? value : 'sent';
}

/** The Introductions page at a tab. */
export function introductionsHref(tab: IntroductionsTab = 'sent'): string {
  return tab === 'sent' ? INTRODUCTIONS_PATH : `${INTRODUCTIONS_PATH}?tab=${tab}`;
}
