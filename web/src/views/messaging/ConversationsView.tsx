import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import type { ConversationEntry, ConversationPage, Folder } from '../../api/types';
import { useAuth } from '../../auth';
import { Avatar } from '../../components/Avatar';
import { PlusIcon, UsersIcon } from '../../components/Icons';
import { ErrorRegion } from '../../components/Live';
import { Loaded, useLoad } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { useActionStatus } from '../../components/useActionStatus';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { mergeFirstPage, requestRole } from '../../messaging/conversation';
import { badgeText, conversationName, formatRelative, messagePreview } from '../../messaging/format';
import { useLive, useOnLive, useStreamEvents } from '../../messaging/live';
import { memberName } from '../../relationships/requests';

/** The list is fetched again this long after the last event that changed it. */
const REFRESH_DEBOUNCE_MS = 250;

const TABS: readonly { folder: Folder; label: MessageKey; href: string }[] = [
  { folder: 'inbox', label: 'messages.inbox', href: '/messages' },
  { folder: 'requests', label: 'messages.requests', href: '/messages?folder=requests' },
];

const HINT: Readonly<Record<Folder, MessageKey>> = {
  inbox: 'messages.inbox_hint',
  requests: 'messages.requests_hint',
  filtered: 'messages.filtered_hint',
};

const EMPTY: Readonly<Record<Folder, MessageKey>> = {
  inbox: 'messages.inbox_empty',
  requests: 'messages.requests_empty',
  filtered: 'messages.filtered_empty',
};

export function folderFromQuery(value: string | undefined): Folder {
  return value === 'requests' || value === 'filtered' ? value : 'inbox';
}

/** Inbox and Message requests as tabs, with their unread counts; Filtered as a quiet link. */
function FolderTabs({ folder }: { folder: Folder }) {
  const { t } = useI18n();
  const { unread } = useLive();
  const count = (f: Folder) => (f === 'inbox' ? unread?.messages : f === 'requests' ? unread?.requests : 0) ?? 0;
  return (
    <nav class="subnav" aria-label={t('messages.folders_label')}>
      <ul>
        {TABS.map((tab) => (
          <li key={tab.folder}>
            <a href={tab.href} aria-current={folder === tab.folder ? 'page' : undefined}>
              {t(tab.label)}
              {count(tab.folder) > 0 && (
                <span class="count-badge">
                  <span aria-hidden="true">{badgeText(count(tab.folder))}</span>
                  <span class="visually-hidden">{t('nav.unread', { count: count(tab.folder) })}</span>
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One conversation: who, the last message, when, and how many are unread; the row opens it. */
function ConversationRow({ entry, now }: { entry: ConversationEntry; now: number }) {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const name = conversationName(entry, t);
  const first = entry.participants[0];
  const role = requestRole(entry, me?.id);
  return (
    <li class={entry.unread > 0 ? 'conversation-item conversation-unread' : 'conversation-item'}>
      <a class="conversation-link" href={`/messages/${encodeURIComponent(entry.id)}`}>
        {entry.kind === 'group' ? (
          <span class="avatar avatar-small avatar-initials avatar-group" aria-hidden="true">
            <UsersIcon class="icon" />
          </span>
        ) : (
          <Avatar name={first ? memberName(first, t('profile.unnamed')) : name} photoUrl={first?.photo_url} />
        )}
        <span class="conversation-main">
          <span class="conversation-top">
            <span class="conversation-name">{name}</span>
            <time class="conversation-time" dateTime={entry.last_activity_at}>
              {formatRelative(entry.last_activity_at, now, locale)}
            </time>
          </span>
          {entry.introduced_by && (
            <span class="conversation-introduced">{t('chat.introduced_by', { name: memberName(entry.introduced_by, t('profile.unnamed')) })}</span>
          )}
          <span class="conversation-bottom">
            <span class="conversation-preview">
              {role === 'sender' && <span class="status-pill" data-status="pending">{t('messages.awaiting_reply_tag')}</span>}{' '}
              {entry.last_message ? messagePreview(entry.last_message, me?.id, t) : t('messages.no_messages_yet')}
            </span>
            {entry.unread > 0 && (
              <span class="count-badge">
                <span aria-hidden="true">{badgeText(entry.unread)}</span>
                <span class="visually-hidden">{t('nav.unread', { count: entry.unread })}</span>
              </span>
            )}
          </span>
        </span>
      </a>
    </li>
  );
}

/**
 * The member's conversations, one folder at a time (`/messages?folder=requests|filtered`), most
 * recently active first, kept current by the stream.
 */
export function ConversationsView() {
  const { t } = useI18n();
  const { query } = useLocation();
  const folder = folderFromQuery(query.folder);
  const now = useNow();
  const list = useLoad<ConversationPage>(() => api.conversations(folder), [folder]);
  const more = useActionStatus('message');
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The first page again, once a burst of events is over: it carries the unread counts and last
  // messages as the server sees them now.
  function refreshSoon() {
    if (refreshTimer.current !== null) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      api.conversations(folder).then(
        (fresh) => list.setData((page) => mergeFirstPage(page, fresh)),
        () => undefined, // The list stays as it is; the next event tries again.
      );
    }, REFRESH_DEBOUNCE_MS);
  }

  useEffect(
    () => () => {
      if (refreshTimer.current !== null) clearTimeout(refreshTimer.current);
    },
    [folder],
  );

  useStreamEvents((event) => {
    if (event.type === 'message' || event.type === 'message_changed' || event.type === 'conversation' || event.type === 'read') refreshSoon();
  });
  useOnLive(refreshSoon);

  async function loadMore(cursor: string) {
    await more.run('more', async () => {
      const page = await api.conversations(folder, cursor);
      list.setData((d) => ({
        conversations: [...d.conversations, ...page.conversations.filter((c) => !d.conversations.some((x) => x.id === c.id))],
        next_cursor: page.next_cursor,
      }));
    });
  }

  return (
    <Page title={t(folder === 'filtered' ? 'messages.filtered_title' : 'messages.title')} class="messages">
      <div class="page-actions messages-actions">
        <a class="btn btn-secondary btn-small" href="/messages/new">
          <PlusIcon class="icon icon-small" />
          {t('messages.new_group')}
        </a>
        <a class="btn btn-link btn-small" href="/settings/notifications">
          {t('messages.settings_link')}
        </a>
      </div>
      {folder === 'filtered' ? (
        <p>
          <a href="/messages?folder=requests">{t('messages.back_to_requests')}</a>
        </p>
      ) : (
        <FolderTabs folder={folder} />
      )}
      <p class="hint">
        {t(HINT[folder])}{' '}
        {folder === 'requests' && <a href="/messages?folder=filtered">{t('messages.filtered_link')}</a>}
        {folder === 'filtered' && <a href="/settings/inbound">{t('requests.filters_link')}</a>}
      </p>
      <Loaded state={list}>
        {(page) => (
          <>
            {page.conversations.length === 0 ? (
              <p class="muted empty-state">{t(EMPTY[folder])}</p>
            ) : (
              <ul class="conversation-list">
                {page.conversations.map((c) => (
                  <ConversationRow key={c.id} entry={c} now={now} />
                ))}
              </ul>
            )}
            {page.next_cursor && (
              <p class="list-more">
                <button
                  type="button"
                  class="btn btn-secondary"
                  aria-disabled={more.busy ? 'true' : undefined}
                  onClick={() => void loadMore(page.next_cursor as string)}
                >
                  {more.busy ? t('common.loading') : t('messages.load_more')}
                </button>
              </p>
            )}
          </>
        )}
      </Loaded>
      <ErrorRegion text={more.error} />
    </Page>
  );
}
