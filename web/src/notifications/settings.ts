// The notification settings form without UI: the form as typed from the server's settings, its
// local checks, and the document PUT /me/notification-settings takes.
import type { CategorySetting, Delivery, NotificationCategory, NotificationSettings, NotificationSettingsAnswer } from '../api/types';
import type { Message } from '../i18n/fieldErrors';
import type { MessageKey } from '../i18n/translate';
import { NOTIFICATION_CATEGORIES } from './labels';

export const BUDGET_MAX = 100;

/** The server's defaults (docs/API.md), for a category its answer leaves out. */
export const DEFAULT_CATEGORIES: Readonly<Record<NotificationCategory, CategorySetting>> = {
  greetings: { delivery: 'in_app', daily_budget: 5 },
  requests: { delivery: 'real_time', daily_budget: 5 },
  messages: { delivery: 'real_time', daily_budget: 20 },
  introductions: { delivery: 'real_time', daily_budget: 5 },
  groups: { delivery: 'digest', daily_budget: 5 },
  jobs: { delivery: 'digest', daily_budget: 5 },
  safety: { delivery: 'real_time', daily_budget: 20 },
};

export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '08:00' } as const;

export interface SettingsDraft {
  categories: Record<NotificationCategory, { delivery: Delivery; budget: string }>;
  timeZone: string;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  emailDigest: boolean;
  /** Read only: whether the email digest may be turned on. */
  emailDigestAvailable: boolean;
}

export function settingsDraft(s: NotificationSettingsAnswer): SettingsDraft {
  const categories = {} as SettingsDraft['categories'];
  for (const c of NOTIFICATION_CATEGORIES) {
    const setting = s.categories[c] ?? DEFAULT_CATEGORIES[c];
    categories[c] = { delivery: setting.delivery, budget: String(setting.daily_budget) };
  }
  return {
    categories,
    timeZone: s.time_zone,
    quietOn: s.quiet_hours !== null,
    quietStart: s.quiet_hours?.start ?? DEFAULT_QUIET_HOURS.start,
    quietEnd: s.quiet_hours?.end ?? DEFAULT_QUIET_HOURS.end,
    emailDigest: s.email_digest,
    emailDigestAvailable: s.email_digest_available,
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A daily budget as typed (ASCII or full-width digits): 0–100, else undefined. */
export function parseBudget(text: string): number | undefined {
  const digits = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,3}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= BUDGET_MAX ? n : undefined;
}

/** The document to save, or the problems by the server's field names. */
export function settingsFromDraft(d: SettingsDraft): { settings: NotificationSettings } | { problems: Record<string, Message | MessageKey> } {
  const problems: Record<string, Message | MessageKey> = {};
  const categories: Partial<Record<NotificationCategory, CategorySetting>> = {};
  for (const c of NOTIFICATION_CATEGORIES) {
    const { delivery, budget } = d.categories[c];
    const n = parseBudget(budget);
    if (n === undefined) problems[`categories.${c}.daily_budget`] = { key: 'errors.budget_range', params: { max: BUDGET_MAX } };
    categories[c] = { delivery, daily_budget: n ?? 0 };
  }
  if (d.timeZone.trim() === '') problems.time_zone = 'errors.choice_required';
  if (d.quietOn) {
    if (!TIME.test(d.quietStart)) problems['quiet_hours.start'] = 'errors.time_invalid';
    if (!TIME.test(d.quietEnd)) problems['quiet_hours.end'] = 'errors.time_invalid';
  }
  if (Object.keys(problems).length > 0) return { problems };
  return {
    settings: {
      categories,
      time_zone: d.timeZone.trim(),
      quiet_hours: d.quietOn ? { start: d.quietStart, end: d.quietEnd } : null,
      email_digest: d.emailDigest,
    },
  };
}

/** The device's time zone ("Asia/Tokyo"), the suggestion for a member still on the default UTC. */
export function deviceTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** The time zones to choose from, always including `current`, the device's and UTC. */
export function timeZoneChoices(current: string, device: string | undefined): string[] {
  let all: string[] = [];
  try {
    all = (Intl as { supportedValuesOf?: (key: 'timeZone') => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    all = [];
  }
  const set = new Set(all);
  for (const z of [current, device, 'UTC']) if (z) set.add(z);
  return [...set].sort();
}
