// Notifications without UI: what each kind says and where it leads, the categories and delivery
// modes of the settings in the order the settings page lists them.
import type { Delivery, NotificationCategory, NotificationEntry, NotificationKind } from '../api/types';
import type { MessageKey } from '../i18n/translate';
import { introductionsHref } from '../introductions/introductions';

/** What a notification says; {name} is the actor. */
export const NOTIFICATION_TEXT: Readonly<Record<NotificationKind, MessageKey>> = {
  greeting_received: 'notifications.greeting_received',
  greeting_returned: 'notifications.greeting_returned',
  connection_requested: 'notifications.connection_requested',
  connection_accepted: 'notifications.connection_accepted',
  message_request: 'notifications.message_request',
  introduction_asked: 'notifications.introduction_asked',
  introduction_forwarded: 'notifications.introduction_forwarded',
  introduction_accepted: 'notifications.introduction_accepted',
  introduction_helped: 'notifications.introduction_helped',
};

/** What a notification says ({name} is the actor); a kind this client does not know, by its category. */
export function notificationText(n: Pick<NotificationEntry, 'kind' | 'category'>): MessageKey {
  const known: Partial<Record<string, MessageKey>> = NOTIFICATION_TEXT;
  return known[n.kind] ?? (n.category === 'introductions' ? 'notifications.introduction_other' : 'notifications.other');
}

/**
 * Where a notification leads: the request to answer, the conversation, the tab of the
 * Introductions page it is about, or the member.
 */
export function notificationHref(n: Pick<NotificationEntry, 'category' | 'kind' | 'subject' | 'actor'>): string {
  switch (n.kind) {
    case 'greeting_received':
    case 'connection_requested':
      return '/connections/requests';
    case 'message_request':
      return `/messages/${encodeURIComponent(n.subject)}`;
    case 'introduction_asked':
      return introductionsHref('asked');
    case 'introduction_forwarded':
      return introductionsHref('received');
    case 'introduction_accepted':
    case 'introduction_helped':
      return introductionsHref('sent');
    default:
      return n.category === 'introductions' ? introductionsHref() : `/members/${encodeURIComponent(n.actor.id)}`;
  }
}

/** The most personal first. */
export const NOTIFICATION_CATEGORIES: readonly NotificationCategory[] = [
  'messages',
  'requests',
  'introductions',
  'greetings',
  'groups',
  'jobs',
  'safety',
];

export const CATEGORY_LABEL: Readonly<Record<NotificationCategory, MessageKey>> = {
  messages: 'notify_settings.category_messages',
  requests: 'notify_settings.category_requests',
  introductions: 'notify_settings.category_introductions',
  greetings: 'notify_settings.category_greetings',
  groups: 'notify_settings.category_groups',
  jobs: 'notify_settings.category_jobs',
  safety: 'notify_settings.category_safety',
};

export const DELIVERY_CHOICES: readonly Delivery[] = ['real_time', 'in_app', 'digest'];

export const DELIVERY_LABEL: Readonly<Record<Delivery, MessageKey>> = {
  real_time: 'notify_settings.delivery_real_time',
  in_app: 'notify_settings.delivery_in_app',
  digest: 'notify_settings.delivery_digest',
};

/** What each delivery mode means, as the settings explain it. */
export const DELIVERY_HINT: Readonly<Record<Delivery, MessageKey>> = {
  real_time: 'notify_settings.delivery_real_time_hint',
  in_app: 'notify_settings.delivery_in_app_hint',
  digest: 'notify_settings.delivery_digest_hint',
};
