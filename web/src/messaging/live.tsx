import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { UnreadCounts } from '../api/types';
import { useAuth } from '../auth';
import { StreamClient, streamUrl, type StreamListener, type StreamStatus } from './stream';

/** Unread counts are asked for again this long after the last event that may change them. */
const UNREAD_DEBOUNCE_MS = 300;

export interface Live {
  status: StreamStatus;
  /** The counts behind the badges; null until loaded (and when signed out). */
  unread: UnreadCounts | null;
  /** Asks for the counts again soon (after marking something read, for instance). */
  refreshUnread: () => void;
  /** Subscribes to the stream's events; stable across reconnects and accounts. */
  subscribe: (listener: StreamListener) => () => void;
  /** Tells the others in a conversation that the member is typing (throttled). */
  typing: (conversation: string) => void;
}

const idle: Live = {
  status: 'stopped',
  unread: null,
  refreshUnread: () => undefined,
  subscribe: () => () => undefined,
  typing: () => undefined,
};

const LiveContext = createContext<Live>(idle);

/**
 * The signed-in member's live connection: one stream per tab (started at sign-in, stopped at
 * sign-out) and the unread counts, kept current by its events. Outside it (signed out, or in
 * tests) everything is idle.
 */
export function LiveProvider({ children }: { children: ComponentChildren }) {
  const { status: authStatus, me } = useAuth();
  const memberId = authStatus === 'signed_in' ? me?.id : undefined;
  const listeners = useRef(new Set<StreamListener>());
  const client = useRef<StreamClient | null>(null);
  const [status, setStatus] = useState<StreamStatus>('stopped');
  const [unread, setUnread] = useState<UnreadCounts | null>(null);
  const unreadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Only the latest answer counts; one for a member who signed out is dropped.
  const unreadAsked = useRef(0);

  const loadUnread = useCallback(async () => {
    const mine = ++unreadAsked.current;
    try {
      const counts = await api.unread();
      if (mine === unreadAsked.current) setUnread(counts);
    } catch {
      // The badges keep their last counts; the next event or visit asks again.
    }
  }, []);

  const refreshUnread = useCallback(() => {
    if (unreadTimer.current !== null) clearTimeout(unreadTimer.current);
    unreadTimer.current = setTimeout(() => {
      unreadTimer.current = null;
      void loadUnread();
    }, UNREAD_DEBOUNCE_MS);
  }, [loadUnread]);

  useEffect(() => {
    if (memberId === undefined) {
      unreadAsked.current++;
      setUnread(null);
      return;
    }
    void loadUnread();
    const stream = new StreamClient({
      url: (after) => streamUrl(location, after),
      storageKey: `enishi.stream.${memberId}`,
    });
    client.current = stream;
    const offStatus = stream.onStatus((s) => {
      setStatus(s);
      // Caught up after a gap: what the badges count may have changed meanwhile.
      if (s === 'live') refreshUnread();
    });
    const offEvents = stream.subscribe((event, info) => {
      if (event.type !== 'typing') refreshUnread();
      for (const listener of [...listeners.current]) listener(event, info);
    });
    const wake = () => {
      if (document.visibilityState !== 'visible') return;
      stream.reconnectNow();
      refreshUnread();
    };
    const online = () => stream.reconnectNow();
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('online', online);
    stream.start();
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('online', online);
      offEvents();
      offStatus();
      stream.stop();
      client.current = null;
      setStatus('stopped');
    };
  }, [memberId, loadUnread, refreshUnread]);

  useEffect(
    () => () => {
      if (unreadTimer.current !== null) clearTimeout(unreadTimer.current);
    },
    [],
  );

  const subscribe = useCallback((listener: StreamListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const typing = useCallback((conversation: string) => {
    client.current?.typing(conversation);
  }, []);

  const value = useMemo<Live>(() => ({ status, unread, refreshUnread, subscribe, typing }), [status, unread, refreshUnread, subscribe, typing]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  return useContext(LiveContext);
}

/** Calls `handler` for every stream event while the component is mounted (the latest handler). */
export function useStreamEvents(handler: StreamListener): void {
  const { subscribe } = useLive();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => subscribe((event, info) => latest.current(event, info)), [subscribe]);
}

/**
 * Calls `handler` each time the stream becomes live again after the component mounted (a first
 * connection or a reconnect), so a screen can catch up on what happened between its own loading
 * and the stream's: a first connection replays nothing.
 */
export function useOnLive(handler: () => void): void {
  const { status } = useLive();
  const previous = useRef(status);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (status === 'live' && previous.current !== 'live') latest.current();
    previous.current = status;
  }, [status]);
}
