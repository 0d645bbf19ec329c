import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import type { ChatMessage, ConversationEntry, MemberSummary, MessagingPreferences } from '../../api/types';
import { useAuth } from '../../auth';
import { Avatar } from '../../components/Avatar';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { DegreeBadge } from '../../components/DegreeBadge';
import { focusSoon } from '../../components/focus';
import { BackIcon, BlockIcon, BriefcaseIcon, UsersIcon } from '../../components/Icons';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { Loaded, useLoad, type Loadable } from '../../components/Loaded';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { Page } from '../../components/Page';
import { useActionStatus } from '../../components/useActionStatus';
import { useNow } from '../../components/useNow';
import { useI18n } from '../../i18n/context';
import {
  latestSeq,
  mergeMessages,
  PAGE_SIZE,
  readMarker,
  requestRole,
  TYPING_SHOWN_MS,
} from '../../messaging/conversation';
import { conversationName, dayKey, formatDay, messagePreview } from '../../messaging/format';
import { useLive, useOnLive, useStreamEvents } from '../../messaging/live';
import { memberName } from '../../relationships/requests';
import { AskForm } from './AskForm';
import { Composer } from './Composer';
import { ConnectionPicker } from './ConnectionPicker';
import { MessageItem } from './MessageItem';

/** Within this many pixels of the end, the chat counts as read and follows new messages. */
const NEAR_BOTTOM_PX = 80;

type ChatData = { kind: 'shown'; entry: ConversationEntry; messages: ChatMessage[]; hasMore: boolean } | { kind: 'gone' };
type Shown = Extract<ChatData, { kind: 'shown' }>;

async function loadChat(id: string): Promise<ChatData> {
  try {
    const [entry, page] = await Promise.all([api.conversation(id), api.messages(id, { limit: PAGE_SIZE })]);
    return { kind: 'shown', entry, messages: mergeMessages([], page.messages), hasMore: page.has_more };
  } catch (e) {
    if (isApiError(e) && e.code === 'not_found') return { kind: 'gone' };
    throw e;
  }
}

/** `/messages/:id`: one conversation. A new id is a new chat, with nothing kept from the last. */
export function ChatView() {
  const { params } = useRoute();
  const id = params.id ?? '';
  return <Chat key={id} id={id} />;
}

function Chat({ id }: { id: string }) {
  const { t } = useI18n();
  const data = useLoad<ChatData>(() => loadChat(id), [id]);
  const shown = data.data?.kind === 'shown' ? data.data : null;
  const title = shown ? conversationName(shown.entry, t) : t('messages.title');
  return (
    <Page title={title} heading={false} class="chat-page">
      <Loaded state={data}>
        {(d) =>
          d.kind === 'gone' ? (
            <>
              <h1 tabIndex={-1} class="page-title">
                {t('chat.gone_title')}
              </h1>
              <p>{t('chat.gone_text')}</p>
              <p>
                <a href="/messages">{t('chat.back')}</a>
              </p>
            </>
          ) : (
            <ChatScreen id={id} data={d} state={data} />
          )
        }
      </Loaded>
    </Page>
  );
}

/** The others in a direct conversation: the one member, or undefined in a group. */
function directPartner(entry: ConversationEntry): MemberSummary | undefined {
  return entry.kind === 'direct' ? entry.participants[0] : undefined;
}

function ChatHeader({ entry, membersOpen, onMembers }: { entry: ConversationEntry; membersOpen: boolean; onMembers: () => void }) {
  const { t } = useI18n();
  const name = conversationName(entry, t);
  const partner = directPartner(entry);
  return (
    <header class="chat-head">
      <a href="/messages" class="icon-button chat-back" aria-label={t('chat.back')} title={t('chat.back')}>
        <BackIcon class="icon" />
      </a>
      {partner ? (
        <Avatar name={name} photoUrl={partner.photo_url} />
      ) : (
        <span class="avatar avatar-small avatar-initials avatar-group" aria-hidden="true">
          <UsersIcon class="icon" />
        </span>
      )}
      <div class="chat-head-text">
        <h1 tabIndex={-1} class="page-title chat-title">
          {name}
        </h1>
        <p class="chat-subtitle">
          {partner ? (
            <>
              <DegreeBadge degree={partner.degree} />
              <a href={`/members/${encodeURIComponent(partner.id)}`}>{t('chat.view_profile')}</a>
            </>
          ) : (
            t('chat.member_count', { count: entry.participants.length + 1 })
          )}
        </p>
      </div>
      {entry.kind === 'group' && (
        <button type="button" class="btn btn-secondary btn-small" aria-expanded={membersOpen} aria-controls="chat-members" onClick={onMembers}>
          {t('chat.members_button')}
        </button>
      )}
    </header>
  );
}

/** A group's members, adding connections to it, and leaving it. */
function GroupPanel({ entry, onChanged }: { entry: ConversationEntry; onChanged: (e: ConversationEntry) => void }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const actions = useActionStatus('message');
  const [open, setOpen] = useState<'add' | 'leave' | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const present = entry.participants.map((p) => p.id);

  return (
    <section class="card chat-members" id="chat-members" aria-labelledby="chat-members-heading">
      <h2 id="chat-members-heading" tabIndex={-1}>
        {t('chat.members_heading')}
      </h2>
      <ul class="member-list member-list-compact">
        {entry.participants.map((p) => (
          <li key={p.id}>
            <MemberSummaryRow member={p} />
          </li>
        ))}
      </ul>
      <div class="form-actions">
        <button type="button" class="btn btn-secondary btn-small" aria-expanded={open === 'add'} onClick={() => setOpen(open === 'add' ? null : 'add')}>
          {t('chat.add_people')}
        </button>
        <button
          type="button"
          id="chat-leave"
          class="btn btn-link btn-danger-link"
          aria-expanded={open === 'leave'}
          onClick={() => {
            setOpen('leave');
            focusSoon('chat-leave-confirm');
          }}
        >
          {t('chat.leave')}
        </button>
      </div>
      {open === 'add' && (
        <div class="chat-add">
          <ConnectionPicker idBase="chat-add" exclude={present} picked={picked} max={Math.max(0, 49 - present.length)} onChange={setPicked} />
          <div class="form-actions">
            <button
              type="button"
              class="btn btn-primary btn-small"
              aria-disabled={actions.busy !== null || picked.length === 0 ? 'true' : undefined}
              onClick={() =>
                picked.length > 0 &&
                void actions.run('add', async () => {
                  onChanged(await api.addConversationMembers(entry.id, picked));
                  setPicked([]);
                  setOpen(null);
                  return 'chat.people_added';
                })
              }
            >
              {t('chat.add_confirm', { count: picked.length })}
            </button>
          </div>
        </div>
      )}
      {open === 'leave' && (
        <ConfirmPanel
          id="chat-leave"
          tone="warn"
          title={t('chat.leave_title')}
          confirmLabel={t('chat.leave_confirm')}
          busy={actions.busy !== null}
          onConfirm={() =>
            void actions.run('leave', async () => {
              await api.leaveConversation(entry.id);
              route('/messages');
            })
          }
          onCancel={() => setOpen(null)}
        >
          <p>{t('chat.leave_text')}</p>
        </ConfirmPanel>
      )}
      <StatusRegion text={actions.status} />
      <ErrorRegion text={actions.error} />
    </section>
  );
}

/** The state of a message request, for its sender (wait) or its recipient (reply, block, leave it). */
function RequestNotice({ entry, role }: { entry: ConversationEntry; role: 'sender' | 'recipient' }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const actions = useActionStatus('tie');
  const [blocking, setBlocking] = useState(false);
  const partner = directPartner(entry);
  const name = partner ? memberName(partner, t('profile.unnamed')) : conversationName(entry, t);
  if (role === 'sender') {
    return (
      <div class="chat-notice" role="note">
        <p class="strong">{t('chat.request_sent_title')}</p>
        <p>{t('chat.request_sent_text', { name })}</p>
      </div>
    );
  }
  return (
    <div class="chat-notice" role="note">
      <p class="strong">{t('chat.request_received_title', { name })}</p>
      <p>{t(entry.folder === 'filtered' ? 'chat.request_filtered_text' : 'chat.request_received_text')}</p>
      <div class="form-actions">
        <a class="btn btn-secondary btn-small" href={`/messages?folder=${entry.folder === 'filtered' ? 'filtered' : 'requests'}`}>
          {t('chat.request_leave')}
        </a>
        {partner && (
          <button
            type="button"
            id="chat-block"
            class="btn btn-link btn-danger-link"
            aria-expanded={blocking}
            onClick={() => {
              setBlocking(true);
              focusSoon('chat-block-confirm');
            }}
          >
            <BlockIcon class="icon icon-small" />
            {t('relation.block')}
          </button>
        )}
      </div>
      {blocking && partner && (
        <ConfirmPanel
          id="chat-block"
          tone="danger"
          title={t('relation.block_title', { name })}
          confirmLabel={t('relation.block_confirm')}
          busy={actions.busy !== null}
          onConfirm={() =>
            void actions.run('block', async () => {
              await api.block(partner.id);
              route('/messages?folder=requests');
            })
          }
          onCancel={() => setBlocking(false)}
        >
          <p>{t('relation.block_text')}</p>
        </ConfirmPanel>
      )}
      <ErrorRegion text={actions.error} />
    </div>
  );
}

function ChatScreen({ id, data, state }: { id: string; data: Shown; state: Loadable<ChatData> }) {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const live = useLive();
  const now = useNow();
  const meId = me?.id;
  const { entry, messages, hasMore } = data;
  const update = (change: (d: Shown) => Shown) => state.setData((d) => (d.kind === 'shown' ? change(d) : d));

  const log = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  // Whether the view follows new messages (it is at the end), and what loading older ones moved.
  const atBottom = useRef(true);
  const prepended = useRef<{ height: number; top: number } | null>(null);
  const readSent = useRef(entry.read_seq);
  const [older, setOlder] = useState<'idle' | 'loading'>('idle');
  const olderStatus = useActionStatus('message');
  const send = useActionStatus('message');
  const [typers, setTypers] = useState<Record<string, number>>({});
  const [prefs, setPrefs] = useState<MessagingPreferences | null>(null);
  const [asking, setAsking] = useState(false);
  const [membersOpen, setMembersOpen] = useState(false);
  // What screen readers hear when someone else's message arrives.
  const [arrived, setArrived] = useState<string | null>(null);
  const role = requestRole(entry, meId);
  const group = entry.kind === 'group';

  useEffect(() => {
    api.messagingPreferences().then(setPrefs, () => undefined);
  }, []);

  async function reloadEntry() {
    try {
      const fresh = await api.conversation(id);
      update((d) => ({ ...d, entry: fresh }));
    } catch (e) {
      if (isApiError(e) && e.code === 'not_found') state.setData(() => ({ kind: 'gone' }));
    }
  }

  function markRead() {
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
    if (!atBottom.current) return;
    const upTo = latestSeq(messages.filter((m) => m.sender !== meId));
    if (upTo <= readSent.current) return;
    const before = readSent.current;
    readSent.current = upTo;
    api.markConversationRead(id, upTo).then(
      () => {
        update((d) => ({ ...d, entry: { ...d.entry, read_seq: Math.max(d.entry.read_seq, upTo), unread: 0 } }));
        live.refreshUnread();
      },
      () => {
        if (readSent.current === upTo) readSent.current = before;
      },
    );
  }

  useStreamEvents((event) => {
    if (event.type === 'typing') {
      if (event.conversation === id && event.member !== meId) setTypers((m) => ({ ...m, [event.member]: Date.now() + TYPING_SHOWN_MS }));
      return;
    }
    if (event.type === 'notification' || event.conversation !== id) return;
    switch (event.type) {
      case 'message': {
        const sender = event.message.sender;
        setTypers((m) => {
          if (!(sender in m)) return m;
          const { [sender]: _, ...rest } = m;
          return rest;
        });
        update((d) => ({ ...d, messages: mergeMessages(d.messages, [event.message]) }));
        if (sender !== meId) {
          const from = entry.participants.find((p) => p.id === sender);
          setArrived(t('chat.arrived', { name: from ? memberName(from, t('profile.unnamed')) : t('profile.unnamed'), text: messagePreview(event.message, meId, t) }));
        }
        // A reply to a message request opens the conversation: the entry says so.
        if (entry.awaiting_reply) void reloadEntry();
        return;
      }
      case 'message_changed':
        update((d) => ({ ...d, messages: mergeMessages(d.messages, [event.message]) }));
        return;
      case 'read':
        update((d) =>
          event.member === meId
            ? { ...d, entry: { ...d.entry, read_seq: Math.max(d.entry.read_seq, event.read_seq) } }
            : { ...d, entry: { ...d.entry, read_by: { ...(d.entry.read_by ?? {}), [event.member]: event.read_seq } } },
        );
        return;
      case 'conversation':
        void reloadEntry();
    }
  });

  // Caught up with the stream: the newest page covers what came between loading and connecting.
  useOnLive(() => {
    api.messages(id, { limit: PAGE_SIZE }).then(
      (page) => update((d) => ({ ...d, messages: mergeMessages(d.messages, page.messages) })),
      () => undefined,
    );
  });

  // Typing indicators fade when no frame renews them.
  useEffect(() => {
    const times = Object.values(typers);
    if (times.length === 0) return;
    const timer = setTimeout(() => {
      const at = Date.now();
      setTypers((m) => Object.fromEntries(Object.entries(m).filter(([, until]) => until > at)));
    }, Math.max(50, Math.min(...times) - Date.now()));
    return () => clearTimeout(timer);
  }, [typers]);

  // Keep the reading position: after older messages went in above, or at the end for new ones.
  useLayoutEffect(() => {
    const el = log.current;
    if (!el) return;
    if (prepended.current) {
      el.scrollTop = el.scrollHeight - prepended.current.height + prepended.current.top;
      prepended.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages, typers]);

  useEffect(() => {
    markRead();
  }, [messages]);

  // Coming back to the tab reads what arrived meanwhile.
  const markReadLatest = useRef(markRead);
  markReadLatest.current = markRead;
  useEffect(() => {
    const visible = () => markReadLatest.current();
    document.addEventListener('visibilitychange', visible);
    return () => document.removeEventListener('visibilitychange', visible);
  }, []);

  async function loadOlder() {
    const oldest = messages[0];
    if (older === 'loading' || !hasMore || !oldest) return;
    setOlder('loading');
    await olderStatus.run('older', async () => {
      const page = await api.messages(id, { before: oldest.seq, limit: PAGE_SIZE });
      const el = log.current;
      prepended.current = el ? { height: el.scrollHeight, top: el.scrollTop } : null;
      update((d) => ({ ...d, messages: mergeMessages(d.messages, page.messages), hasMore: page.has_more }));
    });
    setOlder('idle');
  }

  // Scrolling up to the top loads older messages (the button does the same for keyboards).
  const loadOlderLatest = useRef(loadOlder);
  loadOlderLatest.current = loadOlder;
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void loadOlderLatest.current();
      },
      { root: log.current, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasMore]);

  function onScroll() {
    const el = log.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current) markRead();
  }

  async function sendText(text: string): Promise<boolean> {
    return send.run('send', async () => {
      const sent = await api.sendMessage(id, { text });
      atBottom.current = true;
      update((d) => ({ ...d, messages: mergeMessages(d.messages, [sent]) }));
      if (entry.awaiting_reply) void reloadEntry();
    });
  }

  const names = new Map(entry.participants.map((p) => [p.id, memberName(p, t('profile.unnamed'))]));
  const marker = readMarker(entry.read_by, messages, meId);
  const typing = Object.keys(typers).map((member) => names.get(member) ?? t('profile.unnamed'));
  const partner = directPartner(entry);

  return (
    <>
      <ChatHeader entry={entry} membersOpen={membersOpen} onMembers={() => setMembersOpen((o) => !o)} />
      {membersOpen && group && <GroupPanel entry={entry} onChanged={(fresh) => update((d) => ({ ...d, entry: fresh }))} />}
      {entry.introduced_by && (
        <p class="chat-introduced">{t('chat.introduced_by', { name: memberName(entry.introduced_by, t('profile.unnamed')) })}</p>
      )}
      {role && <RequestNotice entry={entry} role={role} />}
      <div class="chat-log" ref={log} onScroll={onScroll} tabIndex={0} role="region" aria-label={t('chat.log_label')}>
        <div ref={sentinel} class="chat-sentinel" />
        {hasMore && (
          <p class="chat-older">
            <button type="button" class="btn btn-link btn-small" aria-disabled={older === 'loading' ? 'true' : undefined} onClick={() => void loadOlder()}>
              {older === 'loading' ? t('common.loading') : t('chat.load_older')}
            </button>
          </p>
        )}
        <ErrorRegion text={olderStatus.error} />
        {messages.length === 0 ? (
          <p class="muted chat-empty">{t(entry.can_write ? 'chat.empty' : 'chat.empty_readonly')}</p>
        ) : (
          <ol class="msg-list">
            {messages.map((m, i) => {
              const prev = messages[i - 1];
              const newDay = !prev || dayKey(prev.created_at) !== dayKey(m.created_at);
              const runStart = newDay || prev?.sender !== m.sender;
              return (
                <Fragment key={m.id}>
                  {newDay && (
                    <li class="day-sep">
                      <span>{formatDay(m.created_at, now, locale)}</span>
                    </li>
                  )}
                  <MessageItem
                    message={m}
                    meId={meId}
                    senderName={group && runStart && m.sender !== meId ? (names.get(m.sender) ?? t('profile.unnamed')) : undefined}
                    readers={marker?.messageId === m.id ? marker.readers : 0}
                    group={group}
                    now={now}
                    onChanged={(changed) => update((d) => ({ ...d, messages: mergeMessages(d.messages, [changed]) }))}
                    onRemoved={(gone) => update((d) => ({ ...d, messages: d.messages.filter((x) => x.id !== gone) }))}
                  />
                </Fragment>
              );
            })}
          </ol>
        )}
      </div>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">
        {arrived}
      </div>
      <p class="typing-indicator">
        {typing.length > 0 && t('chat.typing', { names: typing.join(t('common.list_separator')) })}
      </p>
      {entry.can_write ? (
        <>
          {asking && (
            <AskForm
              conversationId={id}
              onSent={(m) => {
                setAsking(false);
                atBottom.current = true;
                update((d) => ({ ...d, messages: mergeMessages(d.messages, [m]) }));
              }}
              onCancel={() => setAsking(false)}
            />
          )}
          <Composer
            id="chat-input"
            error={send.error}
            onSend={sendText}
            onTyping={() => {
              if (prefs?.typing_indicators) live.typing(id);
            }}
            tools={
              entry.business_asks && partner ? (
                <button
                  type="button"
                  class="icon-button composer-tool"
                  aria-label={t('chat.ask_open')}
                  title={t('chat.ask_open')}
                  aria-expanded={asking}
                  onClick={() => {
                    setAsking((a) => !a);
                    if (!asking) focusSoon('ask-heading');
                  }}
                >
                  <BriefcaseIcon class="icon" />
                </button>
              ) : undefined
            }
          />
        </>
      ) : (
        role !== 'sender' && <p class="chat-notice chat-readonly">{t('chat.cannot_write')}</p>
      )}
    </>
  );
}
