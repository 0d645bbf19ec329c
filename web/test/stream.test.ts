// The stream client against a fake WebSocket: resume after the last event, no duplicates, backoff.
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../src/api/types';
import {
  BACKOFF_MAX_MS,
  backoffDelay,
  parseFrame,
  StreamClient,
  streamUrl,
  TYPING_INTERVAL_MS,
  type SocketLike,
  type StreamEvent,
} from '../src/messaging/stream';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  readonly sent: string[] = [];
  closedWith: number | undefined;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(data);
  }
  close(code?: number): void {
    this.closedWith = code ?? 1000;
    this.readyState = 3;
  }

  // The server's side.
  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(v: unknown): void {
    this.onmessage?.({ data: typeof v === 'string' ? v : JSON.stringify(v) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code });
  }
}

function message(seq: number): ChatMessage {
  return {
    id: `msg_${seq}`,
    conversation: 'c_1',
    seq,
    sender: 'm_2',
    kind: 'text',
    text: `hello ${seq}`,
    created_at: '2026-11-22T03:15:00Z',
    deleted: false,
  };
}

const event = (id: number) => ({ id, type: 'message', conversation: 'c_1', message: message(id), alert: false });

/** A client wired to fakes: sockets, a manual clock and timers, and a storage map. */
function harness(stored?: string) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const storage = new Map<string, string>();
  if (stored !== undefined) storage.set('after:m_1', stored);
  let now = 1_000_000;
  const client = new StreamClient({
    url: (after) => streamUrl({ protocol: 'https:', host: 'enishi.example' }, after),
    connect: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    storageKey: 'after:m_1',
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      (t as { cancelled: boolean }).cancelled = true;
    },
    random: () => 0.5,
  });
  const received: { event: StreamEvent; replay: boolean }[] = [];
  client.subscribe((e, info) => received.push({ event: e, replay: info.replay }));
  const statuses: string[] = [];
  client.onStatus((s) => statuses.push(s));
  const last = () => sockets.at(-1) as FakeSocket;
  /** Runs the pending reconnect timer. */
  const fire = () => {
    const t = timers.filter((x) => !x.cancelled).at(-1);
    if (!t) throw new Error('no timer pending');
    t.cancelled = true;
    t.fn();
  };
  const ids = () => received.flatMap((r) => ('id' in r.event ? [r.event.id] : []));
  return {
    client,
    sockets,
    timers,
    storage,
    received,
    statuses,
    last,
    fire,
    ids,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('streamUrl', () => {
  it('uses wss: under https: and ws: under http:, on the same host', () => {
    expect(streamUrl({ protocol: 'https:', host: 'enishi.jp' }, 42)).toBe('wss://enishi.jp/api/v1/stream?after=42');
    expect(streamUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, undefined)).toBe('ws://127.0.0.1:8080/api/v1/stream');
  });
});

describe('parseFrame', () => {
  it('accepts the documented frames and drops the rest', () => {
    expect(parseFrame(JSON.stringify(event(3)))?.type).toBe('message');
    expect(parseFrame('{"type":"ready","last_event":0}')?.type).toBe('ready');
    expect(parseFrame('{"type":"typing","conversation":"c","member":"m"}')?.type).toBe('typing');
    expect(parseFrame('{"type":"message","conversation":"c"}')).toBeUndefined(); // no id
    expect(parseFrame('{"type":"read","id":-1}')).toBeUndefined();
    expect(parseFrame('{"type":"future_thing","id":9}')).toBeUndefined();
    expect(parseFrame('not json')).toBeUndefined();
    expect(parseFrame(new ArrayBuffer(2))).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles from one second, with jitter, up to the cap', () => {
    expect(backoffDelay(0, 0)).toBe(500);
    expect(backoffDelay(0, 0.999)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(1, 0.5)).toBe(1500);
    expect(backoffDelay(3, 1)).toBe(8000);
    expect(backoffDelay(50, 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(50, 0)).toBe(BACKOFF_MAX_MS / 2);
  });
});

describe('StreamClient', () => {
  it('connects without `after` the first time, and follows `ready`', () => {
    const h = harness();
    h.client.start();
    expect(h.last().url).toBe('wss://enishi.example/api/v1/stream');
    expect(h.client.status).toBe('connecting');
    h.last().accept();
    h.last().frame({ type: 'ready', last_event: 17 });
    expect(h.client.status).toBe('live');
    expect(h.client.lastEventId).toBe(17);
    expect(h.storage.get('after:m_1')).toBe('17');
    h.last().frame(event(18));
    expect(h.ids()).toEqual([18]);
    expect(h.received[0]?.replay).toBe(false);
  });

  it('on a first connection, delivers nothing the server sends before `ready`', () => {
    // The page loads what exists through the API; a server replaying its whole log must not
    // turn history into news.
    const h = harness();
    h.client.start();
    h.last().accept();
    h.last().frame(event(1));
    h.last().frame(event(2));
    h.last().frame({ type: 'ready', last_event: 2 });
    h.last().frame(event(3));
    expect(h.ids()).toEqual([3]);
    expect(h.storage.get('after:m_1')).toBe('3');
  });

  it('closes a socket stopped while connecting only once it opens', () => {
    const h = harness();
    h.client.start();
    const s = h.last();
    h.client.stop();
    expect(s.closedWith).toBeUndefined();
    s.readyState = 1;
    s.onopen?.({});
    expect(s.closedWith).toBe(1000);
    expect(h.sockets).toHaveLength(1);
  });

  it('resumes after the id kept in storage (a reloaded tab)', () => {
    const h = harness('41');
    h.client.start();
    expect(h.last().url).toBe('wss://enishi.example/api/v1/stream?after=41');
  });

  it('ignores a stored value that is not a number', () => {
    const h = harness('abc');
    h.client.start();
    expect(h.last().url).toBe('wss://enishi.example/api/v1/stream');
  });

  it('reconnects with the last id seen and delivers nothing twice when the server replays', () => {
    const h = harness();
    h.client.start();
    h.last().accept();
    h.last().frame({ type: 'ready', last_event: 4 });
    h.last().frame(event(5));
    h.last().frame(event(6));
    h.last().drop();
    expect(h.client.status).toBe('offline');
    expect(h.timers.at(-1)?.ms).toBe(backoffDelay(0, 0.5));

    h.fire();
    expect(h.last().url).toBe('wss://enishi.example/api/v1/stream?after=6');
    h.last().accept();
    // A server that replays more than asked (or a frame repeated) must not reach subscribers twice.
    h.last().frame(event(5));
    h.last().frame(event(6));
    h.last().frame(event(7));
    h.last().frame(event(7));
    h.last().frame({ type: 'ready', last_event: 7 });
    h.last().frame(event(8));
    expect(h.ids()).toEqual([5, 6, 7, 8]);
    expect(h.received.map((r) => r.replay)).toEqual([false, false, true, false]);
    expect(h.storage.get('after:m_1')).toBe('8');
  });

  it('keeps ids strictly increasing even when frames arrive out of order', () => {
    const h = harness();
    h.client.start();
    h.last().accept();
    h.last().frame({ type: 'ready', last_event: 0 });
    for (const id of [1, 3, 2, 4, 4, 1]) h.last().frame(event(id));
    const ids = h.ids();
    expect(ids).toEqual([1, 3, 4]);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] as number);
  });

  it('backs off more after each failed attempt and starts over once caught up', () => {
    const h = harness();
    h.client.start();
    h.last().drop(); // the upgrade failed
    h.fire();
    h.last().drop();
    h.fire();
    h.last().drop();
    expect(h.timers.map((t) => t.ms)).toEqual([backoffDelay(0, 0.5), backoffDelay(1, 0.5), backoffDelay(2, 0.5)]);
    h.fire();
    h.last().accept();
    h.last().frame({ type: 'ready', last_event: 0 });
    h.last().drop(1008); // too slow a reader: disconnected, should reconnect
    expect(h.timers.at(-1)?.ms).toBe(backoffDelay(0, 0.5));
  });

  it('follows a log that starts over (a fresh database) instead of dropping its events', () => {
    const h = harness('120');
    h.client.start();
    h.last().accept();
    h.last().frame({ type: 'ready', last_event: 3 });
    h.last().frame(event(4));
    expect(h.ids()).toEqual([4]);
    expect(h.client.lastEventId).toBe(4);
  });

  it('passes typing frames through without numbering them', () => {
    const h = harness();
    h.client.start();
    h.last().accept();
    h.last().frame({ type: 'ready', last_event: 2 });
    h.last().frame({ type: 'typing', conversation: 'c_1', member: 'm_2' });
    h.last().frame({ type: 'error', error: { code: 'invalid_argument', message: 'bad frame' } });
    expect(h.received.map((r) => r.event.type)).toEqual(['typing']);
    expect(h.client.lastEventId).toBe(2);
  });

  it('sends typing at most every 3 s per conversation, and only while connected', () => {
    const h = harness();
    h.client.start();
    expect(h.client.typing('c_1')).toBe(false); // not open yet
    h.last().accept();
    expect(h.client.typing('c_1')).toBe(true);
    h.advance(1000);
    expect(h.client.typing('c_1')).toBe(false);
    expect(h.client.typing('c_2')).toBe(true);
    h.advance(TYPING_INTERVAL_MS - 1000);
    expect(h.client.typing('c_1')).toBe(true);
    expect(h.last().sent.map((s) => JSON.parse(s))).toEqual([
      { type: 'typing', conversation: 'c_1' },
      { type: 'typing', conversation: 'c_2' },
      { type: 'typing', conversation: 'c_1' },
    ]);
  });

  it('stop() closes the socket and cancels any reconnect', () => {
    const h = harness();
    h.client.start();
    const first = h.last();
    first.accept();
    h.client.stop();
    expect(first.closedWith).toBe(1000);
    expect(h.client.status).toBe('stopped');
    expect(h.sockets).toHaveLength(1);

    h.client.start();
    h.last().drop();
    h.client.stop();
    expect(h.timers.every((t) => t.cancelled)).toBe(true);
    expect(h.statuses).toEqual(['connecting', 'stopped', 'connecting', 'offline', 'stopped']);
  });

  it('reconnectNow() skips the wait when offline', () => {
    const h = harness();
    h.client.start();
    h.last().drop();
    h.client.reconnectNow();
    expect(h.sockets).toHaveLength(2);
    expect(h.timers[0]?.cancelled).toBe(true);
  });

  it('one failing subscriber does not keep the event from the others', () => {
    const h = harness();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (e: unknown) => errors.push(e);
    try {
      h.client.subscribe(() => {
        throw new Error('boom');
      });
      const later: number[] = [];
      h.client.subscribe((e) => {
        if ('id' in e) later.push(e.id);
      });
      h.client.start();
      h.last().accept();
      h.last().frame({ type: 'ready', last_event: 0 });
      h.last().frame(event(1));
      expect(later).toEqual([1]);
      expect(h.ids()).toEqual([1]);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
