import { api } from '../../api/client';
import type { NotificationEntry, NotificationPage } from '../../api/types';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { Loaded, useLoad } from '../../components/Loaded';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { Page } from '../../components/Page';
import { useActionStatus } from '../../components/useActionStatus';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n/context';
import { formatRelative } from '../../messaging/format';
import { useLive, useOnLive, useStreamEvents } from '../../messaging/live';
import { notificationHref, notificationText } from '../../notifications/labels';
import { memberName } from '../../relationships/requests';

/** Adds notifications not yet listed, newest first (the stream may repeat what a page holds). */
function withNew(list: readonly NotificationEntry[], incoming: readonly NotificationEntry[], atEnd = false): NotificationEntry[] {
  const known = new Set(list.map((n) => n.id));
  const fresh = incoming.filter((n) => !known.has(n.id));
  return atEnd ? [...list, ...fresh] : [...fresh, ...list];
}

/**
 * `/notifications`: what happened to the member, newest first, each with its actor as the member
 * may see them now; read one by one or all at once, and kept current by the stream.
 */
export function NotificationsView() {
  const { t, locale } = useI18n();
  const live = useLive();
  const now = useNow();
  const list = useLoad<NotificationPage>(() => api.notifications());
  const actions = useActionStatus('other');

  useStreamEvents((event) => {
    if (event.type === 'notification') list.setData((page) => ({ ...page, notifications: withNew(page.notifications, [event.notification]) }));
  });

  useOnLive(() => {
    api.notifications().then(
      (page) => list.setData((d) => ({ ...d, notifications: withNew(d.notifications, page.notifications) })),
      () => undefined,
    );
  });

  const setRead = (ids: ReadonlySet<string> | 'all') =>
    list.setData((page) => ({
      ...page,
      notifications: page.notifications.map((n) => (ids === 'all' || ids.has(n.id) ? { ...n, read: true } : n)),
    }));

  async function markRead(n: NotificationEntry) {
    if (n.read) return;
    setRead(new Set([n.id]));
    try {
      await api.markNotificationRead(n.id);
      live.refreshUnread();
    } catch {
      // Shown as read here; the list and the badge tell the truth on the next load.
    }
  }

  async function markAll() {
    const done = await actions.run('all', async () => {
      await api.markAllNotificationsRead();
      return 'notifications.all_marked';
    });
    if (done) {
      setRead('all');
      live.refreshUnread();
    }
  }

  async function loadMore(cursor: string) {
    await actions.run('more', async () => {
      const page = await api.notifications(cursor);
      list.setData((d) => ({ notifications: withNew(d.notifications, page.notifications, true), next_cursor: page.next_cursor }));
    });
  }

  return (
    <Page title={t('notifications.title')} class="notifications">
      <div class="page-actions">
        {list.data?.notifications.some((n) => !n.read) && (
          <button type="button" class="btn btn-secondary btn-small" aria-disabled={actions.busy ? 'true' : undefined} onClick={() => void markAll()}>
            {t('notifications.mark_all')}
          </button>
        )}
        <a class="btn btn-link btn-small" href="/settings/notifications">
          {t('notifications.settings_link')}
        </a>
      </div>
      <StatusRegion text={actions.status} />
      <ErrorRegion text={actions.error} />
      <Loaded state={list}>
        {(page) => (
          <>
            {page.notifications.length === 0 ? (
              <p class="muted empty-state">{t('notifications.empty')}</p>
            ) : (
              <ul class="member-list notification-list">
                {page.notifications.map((n) => {
                  const name = memberName(n.actor, t('profile.unnamed'));
                  return (
                    <li key={n.id} class={n.read ? 'member-item notification-item' : 'member-item notification-item notification-unread'}>
                      <MemberSummaryRow
                        member={n.actor}
                        meta={
                          <>
                            {!n.read && <span class="visually-hidden">{t('notifications.unread')}</span>}
                            <a class="notification-text" href={notificationHref(n)} onClick={() => void markRead(n)}>
                              {t(notificationText(n), { name })}
                            </a>{' '}
                            <time dateTime={n.created_at} class="muted">
                              {formatRelative(n.created_at, now, locale)}
                            </time>
                          </>
                        }
                      />
                      {!n.read && (
                        <button
                          type="button"
                          class="btn btn-link btn-small notification-mark"
                          aria-label={t('notifications.mark_read_label', { text: t(notificationText(n), { name }) })}
                          onClick={() => void markRead(n)}
                        >
                          {t('notifications.mark_read')}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
            {page.next_cursor && (
              <p class="list-more">
                <button type="button" class="btn btn-secondary" onClick={() => void loadMore(page.next_cursor as string)}>
                  {t('notifications.load_more')}
                </button>
              </p>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
