// The member's stream (docs/API.md, "The stream"): one WebSocket per tab to
// /api/v1/stream?after=<last event id>, reconnected with backoff, resuming after the last numbered
// event seen, so that subscribers get every event once and in order. No UI here.
import type { NumberedStreamEvent, StreamFrame, TypingStreamEvent } from '../api/types';

/** What subscribers receive: numbered events (each once, ids strictly increasing) and typing. */
export type StreamEvent = NumberedStreamEvent | TypingStreamEvent;

/**
 * `connecting`: no socket yet, or waiting for the replay to end. `live`: caught up (the server
 * sent `ready`). `offline`: the socket closed; a reconnect is scheduled. `stopped`: stop() ran.
 */
export type StreamStatus = 'connecting' | 'live' | 'offline' | 'stopped';

/** The part of WebSocket the client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** WebSocket.CONNECTING and OPEN, without needing the WebSocket global (absent in tests). */
const CONNECTING = 0;
const OPEN = 1;

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;
/** Typing frames go out at most this often per conversation while the member types. */
export const TYPING_INTERVAL_MS = 3_000;

/** A pending timer, as the `setTimer` in use returns it. */
type Timer = unknown;

const defaultSetTimer = (fn: () => void, ms: number): Timer => setTimeout(fn, ms);
const defaultClearTimer = (timer: Timer): void => clearTimeout(timer as ReturnType<typeof setTimeout>);

export interface StreamOptions {
  /** The socket URL for a resume point (undefined: from now on). */
  url: (after: number | undefined) => string;
  /** Opens a socket; default `new WebSocket(url)`. */
  connect?: (url: string) => SocketLike;
  /** Where the last event id survives a reload of the tab; default sessionStorage, null for none. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The storage key, one per member, so another account in the same tab starts afresh. */
  storageKey: string;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => Timer;
  clearTimer?: (timer: Timer) => void;
  /** In [0, 1): spreads reconnects of many clients apart. */
  random?: () => number;
}

/** The wait before reconnect attempt `attempt` (0, 1, 2…): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** The stream's URL on the page's own origin: ws: or wss: as the page is http: or https:. */
export function streamUrl(loc: Pick<Location, 'protocol' | 'host'>, after: number | undefined): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/api/v1/stream${after === undefined ? '' : `?after=${after}`}`;
}

const NUMBERED: ReadonlySet<string> = new Set(['message', 'message_changed', 'read', 'conversation', 'notification']);

/** Reads one text frame; undefined for anything that is not a frame this client knows. */
export function parseFrame(data: unknown): StreamFrame | undefined {
  if (typeof data !== 'string') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const type = (v as { type?: unknown }).type;
  if (typeof type !== 'string') return undefined;
  if (NUMBERED.has(type)) {
    const id = (v as { id?: unknown }).id;
    return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? (v as StreamFrame) : undefined;
  }
  if (type === 'ready') {
    const last = (v as { last_event?: unknown }).last_event;
    return typeof last === 'number' && Number.isSafeInteger(last) && last >= 0 ? (v as StreamFrame) : undefined;
  }
  if (type === 'typing' || type === 'error') return v as StreamFrame;
  return undefined;
}

/**
 * `replay`: the event arrived before `ready`, i.e. it happened while this client was away. On a
 * first connection (no resume point) nothing before `ready` is delivered: the page loads what
 * exists through the API.
 */
export type StreamListener = (event: StreamEvent, info: { replay: boolean }) => void;

/**
 * One member's stream. Single-threaded like the page; every callback runs on the page's event
 * loop. start() connects, and every close reconnects after backoffDelay() until stop().
 */
export class StreamClient {
  private readonly options: StreamOptions;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  private readonly listeners = new Set<StreamListener>();
  private readonly statusListeners = new Set<(status: StreamStatus) => void>();
  private readonly typingSentAt = new Map<string, number>();
  private socket: SocketLike | null = null;
  private timer: Timer | null = null;
  private attempt = 0;
  private lastId: number | undefined;
  private replaying = true;
  // Connected without a resume point: what comes before `ready` is history the page loaded
  // through the API already, not news (some servers replay the whole log then).
  private historyOnly = false;
  private current: StreamStatus = 'stopped';

  constructor(options: StreamOptions) {
    this.options = options;
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.lastId = this.readStoredId();
  }

  /** The last numbered event delivered, or undefined before the first `ready`. */
  get lastEventId(): number | undefined {
    return this.lastId;
  }

  get status(): StreamStatus {
    return this.current;
  }

  /** Adds a subscriber; returns the function that removes it. */
  subscribe(listener: StreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a status watcher; returns the function that removes it. */
  onStatus(listener: (status: StreamStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  start(): void {
    if (this.current !== 'stopped') return;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.cancelTimer();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      // Closing a socket still connecting makes browsers log an error: close it once open.
      if (socket.readyState === CONNECTING) socket.onopen = () => socket.close(1000);
      else socket.close(1000);
    }
    this.setStatus('stopped');
  }

  /** Reconnects at once when offline (the browser came back online, the tab became visible). */
  reconnectNow(): void {
    if (this.current !== 'offline') return;
    this.cancelTimer();
    this.open();
  }

  /**
   * Tells the others in `conversation` that the member is typing, at most once every
   * TYPING_INTERVAL_MS. Returns true when a frame went out.
   */
  typing(conversation: string): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    const now = (this.options.now ?? Date.now)();
    const last = this.typingSentAt.get(conversation);
    if (last !== undefined && now - last < TYPING_INTERVAL_MS) return false;
    this.typingSentAt.set(conversation, now);
    socket.send(JSON.stringify({ type: 'typing', conversation }));
    return true;
  }

  private open(): void {
    this.replaying = true;
    this.historyOnly = this.lastId === undefined;
    this.setStatus('connecting');
    const url = this.options.url(this.lastId);
    let socket: SocketLike;
    try {
      socket = (this.options.connect ?? defaultConnect)(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      detach(socket);
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A close event follows every error; reconnecting happens there.
    };
  }

  private receive(data: unknown): void {
    const frame = parseFrame(data);
    if (!frame) return;
    switch (frame.type) {
      case 'ready':
        // A log that ends before what this tab saw was started afresh (a new database): follow it,
        // or every new event would look like one already delivered.
        if (this.lastId === undefined || frame.last_event < this.lastId) this.remember(frame.last_event);
        this.replaying = false;
        this.attempt = 0;
        this.setStatus('live');
        return;
      case 'typing':
        this.dispatch(frame, false);
        return;
      case 'error':
        return;
      default:
        // A replay overlapping what was delivered before the socket dropped: each event once.
        if (this.lastId !== undefined && frame.id <= this.lastId) return;
        this.remember(frame.id);
        if (this.replaying && this.historyOnly) return;
        this.dispatch(frame, this.replaying);
    }
  }

  private dispatch(event: StreamEvent, replay: boolean): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, { replay });
      } catch (e) {
        // One broken subscriber must not starve the others.
        console.error(e);
      }
    }
  }

  private remember(id: number): void {
    this.lastId = id;
    try {
      this.storage?.setItem(this.options.storageKey, String(id));
    } catch {
      // Storage full or denied: memory still holds it for this page.
    }
  }

  private readStoredId(): number | undefined {
    let raw: string | null = null;
    try {
      raw = this.storage?.getItem(this.options.storageKey) ?? null;
    } catch {
      return undefined;
    }
    if (raw === null || !/^\d+$/.test(raw)) return undefined;
    const id = Number(raw);
    return Number.isSafeInteger(id) ? id : undefined;
  }

  private scheduleReconnect(): void {
    this.setStatus('offline');
    const delay = backoffDelay(this.attempt, (this.options.random ?? Math.random)());
    this.attempt += 1;
    this.cancelTimer();
    this.timer = (this.options.setTimer ?? defaultSetTimer)(() => {
      this.timer = null;
      this.open();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    (this.options.clearTimer ?? defaultClearTimer)(this.timer);
    this.timer = null;
  }

  private setStatus(status: StreamStatus): void {
    if (status === this.current) return;
    this.current = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}

function detach(socket: SocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}

function defaultConnect(url: string): SocketLike {
  // WebSocket's handlers take its own event types; the client reads only `data` of them.
  return new WebSocket(url) as unknown as SocketLike;
}

function defaultStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
