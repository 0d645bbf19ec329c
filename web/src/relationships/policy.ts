// The inbound policy form without UI: the typed minimum account age, and the refused functions.
import type { InboundPolicy, JobFunction } from '../api/types';
import type { Message } from '../i18n/fieldErrors';

export const MIN_AGE_MAX_DAYS = 365;

/** The functions most members want to keep out, offered first. */
export const COMMONLY_REFUSED: readonly JobFunction[] = ['sales', 'recruiting', 'headhunting'];

/** Days as typed (full-width digits too) → 0–365, or undefined when it is not such a number. */
export function parseDays(text: string): number | undefined {
  const digits = text.normalize('NFKC').trim();
  if (!/^\d{1,3}$/.test(digits)) return undefined;
  const days = Number(digits);
  return days <= MIN_AGE_MAX_DAYS ? days : undefined;
}

/** `list` with `fn` added or taken out, in the order of `all` (so saving twice sends the same). */
export function withFunction(list: readonly JobFunction[], fn: JobFunction, on: boolean, all: readonly JobFunction[]): JobFunction[] {
  const chosen = new Set(list);
  if (on) chosen.add(fn);
  else chosen.delete(fn);
  return all.filter((f) => chosen.has(f));
}

/** The form as typed: the policy, with the minimum age as text. */
export interface PolicyDraft {
  policy: InboundPolicy;
  minAgeText: string;
}

export function policyDraft(policy: InboundPolicy): PolicyDraft {
  return { policy, minAgeText: String(policy.min_account_age_days) };
}

/** The policy to save, or the problem with the typed age (by its field name). */
export function policyFromDraft(d: PolicyDraft): { policy: InboundPolicy } | { problems: Record<string, Message> } {
  const days = parseDays(d.minAgeText);
  if (days === undefined) return { problems: { min_account_age_days: { key: 'errors.days_range', params: { max: MIN_AGE_MAX_DAYS } } } };
  return { policy: { ...d.policy, min_account_age_days: days } };
}
