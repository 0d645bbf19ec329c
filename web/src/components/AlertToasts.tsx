import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/client';
import type { ChatMessage, NotificationEntry } from '../api/types';
import { useAuth } from '../auth';
import { useI18n } from '../i18n/context';
import { useStreamEvents } from '../messaging/live';
import { firstLine, messagePreview } from '../messaging/format';
import { notificationHref, notificationText } from '../notifications/labels';
import { memberName } from '../relationships/requests';
import { CloseIcon } from './Icons';

/** A toast stays this long unless closed earlier. */
const TOAST_MS = 8_000;
/** At most this many at once: older ones make room. */
const MAX_TOASTS = 3;

interface Toast {
  key: number;
  title: string;
  body?: string;
  href: string;
}

/**
 * Alerts as they happen: only stream events with `alert: true` (the member's settings, quiet
 * hours and daily budgets decided that), never replays of what happened while away, and no
 * message alert for the conversation already open on screen.
 */
export function AlertToasts() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { path, route } = useLocation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  function dismiss(key: number) {
    const timer = timers.current.get(key);
    if (timer !== undefined) clearTimeout(timer);
    timers.current.delete(key);
    setToasts((all) => all.filter((x) => x.key !== key));
  }

  function show(toast: Omit<Toast, 'key'>) {
    const key = ++next.current;
    setToasts((all) => [...all, { ...toast, key }].slice(-MAX_TOASTS));
    timers.current.set(
      key,
      setTimeout(() => dismiss(key), TOAST_MS),
    );
  }

  useEffect(
    () => () => {
      for (const timer of timers.current.values()) clearTimeout(timer);
    },
    [],
  );

  // Arriving where a toast leads (by it or another way) makes it moot.
  useEffect(() => {
    for (const toast of toasts) if (toast.href === path) dismiss(toast.key);
  }, [path]);

  function notificationToast(n: NotificationEntry) {
    const name = memberName(n.actor, t('profile.unnamed'));
    show({ title: t(notificationText(n), { name }), href: notificationHref(n) });
  }

  async function messageToast(m: ChatMessage) {
    const href = `/messages/${encodeURIComponent(m.conversation)}`;
    const body = messagePreview(m, me?.id, t);
    try {
      const entry = await api.conversation(m.conversation);
      const sender = entry.participants.find((p) => p.id === m.sender);
      const name = sender ? memberName(sender, t('profile.unnamed')) : t('profile.unnamed');
      show({ title: t('toast.message_from', { name }), body: firstLine(body, 120), href });
    } catch {
      show({ title: t('toast.new_message'), body: firstLine(body, 120), href });
    }
  }

  useStreamEvents((event, { replay }) => {
    if (replay) return;
    if (event.type === 'notification' && event.alert) notificationToast(event.notification);
    if (event.type === 'message' && event.alert && event.message.sender !== me?.id) {
      const open = path === `/messages/${encodeURIComponent(event.conversation)}` && document.visibilityState === 'visible';
      if (!open) void messageToast(event.message);
    }
  });

  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div class="toast" key={toast.key}>
          <a
            class="toast-link"
            href={toast.href}
            onClick={(e) => {
              e.preventDefault();
              dismiss(toast.key);
              route(toast.href);
            }}
          >
            <span class="toast-title">{toast.title}</span>
            {toast.body && <span class="toast-body">{toast.body}</span>}
          </a>
          <button type="button" class="icon-button toast-close" aria-label={t('toast.close')} onClick={() => dismiss(toast.key)}>
            <CloseIcon class="icon icon-small" />
          </button>
        </div>
      ))}
    </div>
  );
}
