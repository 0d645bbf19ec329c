import { describe, expect, it, vi } from 'vitest';
import { ApiClient, filenameFromDisposition, readCookie } from '../src/api/client';
import { ApiError, parseRetryAfter } from '../src/api/errors';

interface Call {
  url: string;
  init: RequestInit;
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function mockClient(respond: (call: Call) => Response | Promise<Response>, cookie = '') {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  });
  const client = new ApiClient({ fetch: fetchMock as unknown as typeof fetch, cookies: () => cookie });
  return { client, calls };
}

function headersOf(call: Call | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

const me = {
  id: 'm_1',
  display_name: '山田 花子',
  login: 'hanako@example.jp',
  login_kind: 'email',
  locale: 'ja',
  created_at: '2026-11-22T03:15:00Z',
};

describe('ApiClient requests', () => {
  it('GET sends credentials and no CSRF header', async () => {
    const { client, calls } = mockClient(() => jsonResponse(200, me), 'enishi_csrf=tok123');
    await expect(client.me()).resolves.toEqual(me);
    expect(calls[0]?.url).toBe('/api/v1/me');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.credentials).toBe('same-origin');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
    expect(calls[0]?.init.body).toBeUndefined();
  });

  it('unsafe methods send the CSRF token from the enishi_csrf cookie', async () => {
    const { client, calls } = mockClient(
      (c) => (c.init.method === 'PATCH' ? jsonResponse(200, me) : new Response(null, { status: 204 })),
      'theme=dark; enishi_csrf=abc%2Fdef; other=1',
    );
    await client.updateMe({ locale: 'en' });
    await client.logout();
    await client.revokeSession('s/1');
    await client.deleteAccount({ password: 'pw' });
    expect(calls.map((c) => c.init.method)).toEqual(['PATCH', 'POST', 'DELETE', 'DELETE']);
    for (const call of calls) expect(headersOf(call)['X-CSRF-Token']).toBe('abc/def');
    expect(calls[2]?.url).toBe('/api/v1/sessions/s%2F1');
  });

  it('omits the CSRF header when there is no cookie', async () => {
    const { client, calls } = mockClient(() => jsonResponse(202, { status: 'verification_sent' }));
    await client.signup({ login: 'a@b.jp', password: 'long enough', display_name: 'A', locale: 'ja' });
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
  });

  it('sends JSON bodies with the exact wire keys', async () => {
    const { client, calls } = mockClient(() => new Response(null, { status: 204 }));
    await client.changePassword({ current_password: 'old password', new_password: 'new password' });
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      current_password: 'old password',
      new_password: 'new password',
    });
  });

  it('returns undefined for 204', async () => {
    const { client } = mockClient(() => new Response(null, { status: 204 }));
    await expect(client.logout()).resolves.toBeUndefined();
  });
});

describe('ApiClient errors', () => {
  async function caught(p: Promise<unknown>): Promise<ApiError> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      return e as ApiError;
    }
    throw new Error('expected a rejection');
  }

  it('turns an error body into a typed ApiError', async () => {
    const { client } = mockClient(() =>
      jsonResponse(400, {
        error: { code: 'invalid_argument', message: 'password must be at least 8 characters', field: 'password' },
      }),
    );
    const e = await caught(client.signup({ login: 'a@b.jp', password: 'short', display_name: 'A', locale: 'en' }));
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_argument');
    expect(e.field).toBe('password');
    expect(e.message).toBe('password must be at least 8 characters');
  });

  it('401 without a field', async () => {
    const { client } = mockClient(() =>
      jsonResponse(401, { error: { code: 'unauthenticated', message: 'wrong login or password' } }),
    );
    const e = await caught(client.login({ login: 'a@b.jp', password: 'whatever1' }));
    expect(e.code).toBe('unauthenticated');
    expect(e.field).toBeUndefined();
  });

  it('reads Retry-After on 429', async () => {
    const { client } = mockClient(() =>
      jsonResponse(429, { error: { code: 'resource_exhausted', message: 'slow down' } }, { 'Retry-After': '120' }),
    );
    const e = await caught(client.login({ login: 'a@b.jp', password: 'whatever1' }));
    expect(e.code).toBe('resource_exhausted');
    expect(e.retryAfter).toBe(120);
  });

  it('maps a non-JSON error answer by status', async () => {
    const { client } = mockClient(() => new Response('<html>Bad gateway</html>', { status: 503 }));
    const e = await caught(client.me());
    expect(e.status).toBe(503);
    expect(e.code).toBe('unavailable');
  });

  it('maps an unknown code by status', async () => {
    const { client } = mockClient(() => jsonResponse(409, { error: { code: 'something_new', message: 'x' } }));
    const e = await caught(client.me());
    expect(e.code).toBe('failed_precondition');
  });

  it('reports a failed fetch as a network error', async () => {
    const { client } = mockClient(() => {
      throw new TypeError('Failed to fetch');
    });
    const e = await caught(client.me());
    expect(e.status).toBe(0);
    expect(e.code).toBe('network');
  });

  it('gives up after the timeout as a network error', async () => {
    vi.useFakeTimers();
    try {
      const fetchMock = (_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      const client = new ApiClient({ fetch: fetchMock as typeof fetch, cookies: () => '', timeoutMs: 1000 });
      const p = caught(client.me());
      await vi.advanceTimersByTimeAsync(1001);
      const e = await p;
      expect(e.code).toBe('network');
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects a 200 answer that is not JSON', async () => {
    const { client } = mockClient(() => new Response('<html></html>', { status: 200 }));
    const e = await caught(client.me());
    expect(e.code).toBe('bad_response');
  });
});

describe('export download', () => {
  it('returns the blob and the suggested file name', async () => {
    const { client, calls } = mockClient(
      () =>
        new Response(JSON.stringify({ member: me }), {
          status: 200,
          headers: {
            'Content-Type': 'application/json',
            'Content-Disposition': 'attachment; filename="enishi-export.json"',
          },
        }),
    );
    const { blob, filename } = await client.exportData();
    expect(calls[0]?.url).toBe('/api/v1/me/export');
    expect(filename).toBe('enishi-export.json');
    expect(JSON.parse(await blob.text())).toEqual({ member: me });
  });
});

describe('helpers', () => {
  it('readCookie finds one cookie among many', () => {
    expect(readCookie('a=1; enishi_csrf=xyz; b=2', 'enishi_csrf')).toBe('xyz');
    expect(readCookie('not_enishi_csrf=1', 'enishi_csrf')).toBeUndefined();
    expect(readCookie('', 'enishi_csrf')).toBeUndefined();
  });
  it('filenameFromDisposition handles both forms', () => {
    expect(filenameFromDisposition('attachment; filename="a b.json"')).toBe('a b.json');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E7%B8%81.json")).toBe('縁.json');
    expect(filenameFromDisposition('attachment; filename=x.json')).toBe('x.json');
    expect(filenameFromDisposition(null)).toBeUndefined();
  });
  it('parseRetryAfter reads seconds and dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('0')).toBe(1);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.parse('2026-11-22T03:15:00Z');
    expect(parseRetryAfter('Sun, 22 Nov 2026 03:16:00 GMT', now)).toBe(60);
  });
});

describe('ApiClient profile routes', () => {
  it('uploads a photo as the raw file with its type and the CSRF header', async () => {
    const { client, calls } = mockClient(() => jsonResponse(200, { photo_url: '/api/v1/members/m_1/photo' }), 'enishi_csrf=tok9');
    const file = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
    await expect(client.uploadPhoto(file, 'image/jpeg')).resolves.toEqual({ photo_url: '/api/v1/members/m_1/photo' });
    expect(calls[0]?.url).toBe('/api/v1/me/profile/photo');
    expect(calls[0]?.init.method).toBe('PUT');
    expect(headersOf(calls[0])['Content-Type']).toBe('image/jpeg');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('tok9');
    expect(calls[0]?.init.body).toBe(file);
  });

  it('persona avatars go to their own path', async () => {
    const persona = { id: 'p/1', handle: 'owl', bio: '', avatar_url: null };
    const { client, calls } = mockClient(() => jsonResponse(200, persona), 'enishi_csrf=t');
    await client.uploadPersonaAvatar('p/1', new Blob(['x']), 'image/webp');
    expect(calls[0]?.url).toBe('/api/v1/me/personas/p%2F1/avatar');
    expect(headersOf(calls[0])['Content-Type']).toBe('image/webp');
  });

  it('encodes queries, viewers and path segments', async () => {
    const { client, calls } = mockClient(() => jsonResponse(200, { companies: [], schools: [], as: 'x', profile: null }));
    await client.searchCompanies('縁 & Co');
    await client.searchSchools('清华');
    await client.preview('member:m_1');
    await client.profileLink('a/b');
    await client.removeWorkEmail('wang@example.cn');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/companies?q=%E7%B8%81%20%26%20Co',
      '/api/v1/schools?q=%E6%B8%85%E5%8D%8E',
      '/api/v1/me/profile/preview?as=member%3Am_1',
      '/api/v1/profile-links/a%2Fb',
      '/api/v1/me/work-emails/wang%40example.cn',
    ]);
  });

  it('saves the whole profile as JSON with PUT', async () => {
    const { client, calls } = mockClient(() => jsonResponse(200, {}), 'enishi_csrf=t');
    await client.saveProfile({ headline: { value: 'x', audience: 'members' } } as never);
    expect(calls[0]?.init.method).toBe('PUT');
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ headline: { value: 'x', audience: 'members' } });
  });
});

describe('ApiClient relationship routes', () => {
  it('sends requests and acts on them by id', async () => {
    const { client, calls } = mockClient(
      (c) => (c.init.method === 'POST' && c.url === '/api/v1/requests' ? jsonResponse(201, {}) : new Response(null, { status: 204 })),
      'enishi_csrf=t',
    );
    await client.sendRequest({ kind: 'connection', to: 'm_2', provenance: 'met_in_person' });
    await client.acceptRequest('r/1');
    await client.declineRequest('r/2');
    await client.withdrawRequest('r/3');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'POST /api/v1/requests',
      'POST /api/v1/requests/r%2F1/accept',
      'POST /api/v1/requests/r%2F2/decline',
      'DELETE /api/v1/requests/r%2F3',
    ]);
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ kind: 'connection', to: 'm_2', provenance: 'met_in_person' });
    for (const call of calls) expect(headersOf(call)['X-CSRF-Token']).toBe('t');
  });

  it('reads the received boxes, sent requests, connections and suggestions', async () => {
    const { client, calls } = mockClient(() => jsonResponse(200, { requests: [], connections: [], suggestions: [], mutuals: [] }));
    await client.receivedRequests('inbox');
    await client.receivedRequests('filtered');
    await client.sentRequests();
    await client.connections();
    await client.suggestions();
    await client.mutuals('m/2');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/me/requests/received?box=inbox',
      '/api/v1/me/requests/received?box=filtered',
      '/api/v1/me/requests/sent',
      '/api/v1/me/connections',
      '/api/v1/me/suggestions',
      '/api/v1/members/m%2F2/mutuals',
    ]);
  });

  it('saves the private view of a connection with PUT, clearing the rating with null', async () => {
    const { client, calls } = mockClient(() => jsonResponse(200, {}), 'enishi_csrf=t');
    await client.updateConnection('m/2', { rating: null, note: '大阪の勉強会で', trusted: true });
    expect(calls[0]?.init.method).toBe('PUT');
    expect(calls[0]?.url).toBe('/api/v1/me/connections/m%2F2');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ rating: null, note: '大阪の勉強会で', trusted: true });
  });

  it('blocks by body and unblocks by path', async () => {
    const { client, calls } = mockClient(() => new Response(null, { status: 204 }), 'enishi_csrf=t');
    await client.block('m_2');
    await client.unblock('m/2');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['POST /api/v1/me/blocks', 'DELETE /api/v1/me/blocks/m%2F2']);
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ member: 'm_2' });
  });

  it('shows, rotates and scans cards', async () => {
    const { client, calls } = mockClient(() => jsonResponse(200, { code: '7KQ2MXW9PA' }), 'enishi_csrf=t');
    await client.card();
    await client.rotateCard();
    await client.scanCard('7KQ2MXW9PA');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/v1/me/card',
      'POST /api/v1/me/card/rotate',
      'POST /api/v1/cards/scan',
    ]);
    expect(calls[1]?.init.body).toBeUndefined();
    expect(JSON.parse(String(calls[2]?.init.body))).toEqual({ code: '7KQ2MXW9PA' });
  });

  it('names the vCard download of a connection', () => {
    expect(new ApiClient().vcardUrl('m/2')).toBe('/api/v1/members/m%2F2/vcard');
  });
});
