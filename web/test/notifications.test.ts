// Notifications and messaging on the wire: the client's routes, error messages, labels and the
// settings form.
import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/client';
import { ApiError } from '../src/api/errors';
import type { NotificationSettings, NotificationSettingsAnswer } from '../src/api/types';
import { describeError } from '../src/i18n/describeError';
import { NOTIFICATION_CATEGORIES, notificationHref } from '../src/notifications/labels';
import { parseBudget, settingsDraft, settingsFromDraft, timeZoneChoices } from '../src/notifications/settings';

interface Call {
  url: string;
  method: string;
  body: unknown;
  csrf: string | undefined;
}

function recordingClient(answer: unknown = {}) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
      csrf: headers['X-CSRF-Token'],
    });
    return init?.method === 'GET' ? new Response(JSON.stringify(answer), { status: 200 }) : new Response(null, { status: 204 });
  });
  return { client: new ApiClient({ fetch: fetchMock as unknown as typeof fetch, cookies: () => 'enishi_csrf=t0k' }), calls };
}

describe('ApiClient: messaging and notifications', () => {
  it('calls every documented route with its method, path and body', async () => {
    const { client, calls } = recordingClient();
    await client.conversations('requests');
    await client.conversations('inbox', 'cur/1');
    await client.startConversation({ members: ['m_2'], text: 'はじめまして' });
    await client.conversation('c/1');
    await client.messages('c_1');
    await client.messages('c_1', { before: 51, limit: 50 });
    await client.sendMessage('c_1', { kind: 'proposal', text: 'x', subject: 'y' });
    await client.editMessage('c_1', 'msg_9', { text: 'fixed' });
    await client.deleteMessage('c_1', 'msg_9', 'everyone');
    await client.deleteMessage('c_1', 'msg_8', 'me');
    await client.markConversationRead('c_1', 12);
    await client.addConversationMembers('c_1', ['m_3']);
    await client.leaveConversation('c_1');
    await client.messagingPreferences();
    await client.saveMessagingPreferences({ read_receipts: true, typing_indicators: false });
    await client.unread();
    await client.notifications();
    await client.notifications('n:2');
    await client.markNotificationRead('n_1');
    await client.markAllNotificationsRead();
    await client.notificationSettings();
    const settings: NotificationSettings = { categories: {}, time_zone: 'Asia/Tokyo', quiet_hours: null, email_digest: false };
    await client.saveNotificationSettings(settings);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/conversations?folder=requests',
      'GET /api/v1/conversations?folder=inbox&cursor=cur%2F1',
      'POST /api/v1/conversations',
      'GET /api/v1/conversations/c%2F1',
      'GET /api/v1/conversations/c_1/messages',
      'GET /api/v1/conversations/c_1/messages?before=51&limit=50',
      'POST /api/v1/conversations/c_1/messages',
      'PATCH /api/v1/conversations/c_1/messages/msg_9',
      'DELETE /api/v1/conversations/c_1/messages/msg_9?for=everyone',
      'DELETE /api/v1/conversations/c_1/messages/msg_8?for=me',
      'POST /api/v1/conversations/c_1/read',
      'POST /api/v1/conversations/c_1/members',
      'POST /api/v1/conversations/c_1/leave',
      'GET /api/v1/me/messaging',
      'PUT /api/v1/me/messaging',
      'GET /api/v1/me/unread',
      'GET /api/v1/me/notifications',
      'GET /api/v1/me/notifications?cursor=n%3A2',
      'POST /api/v1/me/notifications/n_1/read',
      'POST /api/v1/me/notifications/read',
      'GET /api/v1/me/notification-settings',
      'PUT /api/v1/me/notification-settings',
    ]);
    const body = (i: number) => calls[i]?.body;
    expect(body(2)).toEqual({ members: ['m_2'], text: 'はじめまして' });
    expect(body(6)).toEqual({ kind: 'proposal', text: 'x', subject: 'y' });
    expect(body(7)).toEqual({ text: 'fixed' });
    expect(body(10)).toEqual({ up_to: 12 });
    expect(body(11)).toEqual({ members: ['m_3'] });
    expect(body(14)).toEqual({ read_receipts: true, typing_indicators: false });
    expect(body(21)).toEqual(settings);
    // Bodiless POSTs send no body at all: the server refuses a non-empty one.
    expect(body(12)).toBeUndefined();
    expect(body(19)).toBeUndefined();
    for (const c of calls) expect(c.csrf).toBe(c.method === 'GET' ? undefined : 't0k');
  });
});

describe('describeError: messaging', () => {
  const err = (status: number, code: ApiError['code'], field?: string) => new ApiError({ status, code, field, message: '' });
  it('says what went wrong in a conversation', () => {
    expect(describeError(err(404, 'not_found'), 'message')).toEqual({ key: 'errors.conversation_gone' });
    expect(describeError(err(409, 'failed_precondition'), 'message')).toEqual({ key: 'errors.message_refused' });
    expect(describeError(err(400, 'invalid_argument', 'text'), 'message')).toEqual({
      key: 'errors.message_length',
      params: { max: 4000 },
      field: 'text',
    });
    expect(describeError(err(400, 'invalid_argument', 'kind'), 'message').key).toBe('errors.business_ask_refused');
    expect(describeError(err(400, 'invalid_argument', 'proposed_times[1]'), 'message')).toEqual({
      key: 'errors.proposed_times',
      params: { max: 5 },
      field: 'proposed_times[1]',
    });
  });
  it('puts settings errors next to their inputs', () => {
    expect(describeError(err(400, 'invalid_argument', 'categories.messages.daily_budget'), 'notification_settings')).toEqual({
      key: 'errors.budget_range',
      params: { max: 100 },
      field: 'categories.messages.daily_budget',
    });
    expect(describeError(err(400, 'invalid_argument', 'time_zone'), 'notification_settings').key).toBe('errors.time_zone_invalid');
    expect(describeError(err(400, 'invalid_argument', 'quiet_hours.end'), 'notification_settings').key).toBe('errors.time_invalid');
  });
});

describe('notification links', () => {
  const actor = { id: 'm/2', degree: 2 as const };
  it('leads to the request, the conversation or the member', () => {
    expect(notificationHref({ category: 'greetings', kind: 'greeting_received', subject: 'r_1', actor })).toBe('/connections/requests');
    expect(notificationHref({ category: 'requests', kind: 'connection_requested', subject: 'r_1', actor })).toBe('/connections/requests');
    expect(notificationHref({ category: 'messages', kind: 'message_request', subject: 'c/9', actor })).toBe('/messages/c%2F9');
    expect(notificationHref({ category: 'requests', kind: 'connection_accepted', subject: 'r_1', actor })).toBe('/members/m%2F2');
  });
});

describe('notification settings form', () => {
  const server: NotificationSettingsAnswer = {
    categories: { messages: { delivery: 'real_time', daily_budget: 20 }, greetings: { delivery: 'in_app', daily_budget: 5 } },
    time_zone: 'UTC',
    quiet_hours: { start: '22:00', end: '08:00' },
    email_digest: false,
    email_digest_available: true,
  };

  it('fills every category, with the server defaults for those it left out', () => {
    const d = settingsDraft(server);
    expect(Object.keys(d.categories).sort()).toEqual([...NOTIFICATION_CATEGORIES].sort());
    expect(d.categories.messages).toEqual({ delivery: 'real_time', budget: '20' });
    expect(d.categories.groups).toEqual({ delivery: 'digest', budget: '5' });
    expect(d.quietOn).toBe(true);
  });

  it('round-trips to the document PUT takes', () => {
    const checked = settingsFromDraft({ ...settingsDraft(server), timeZone: 'Asia/Tokyo', emailDigest: true });
    expect('settings' in checked).toBe(true);
    if (!('settings' in checked)) return;
    expect(checked.settings.time_zone).toBe('Asia/Tokyo');
    expect(checked.settings.email_digest).toBe(true);
    expect(checked.settings.categories.messages).toEqual({ delivery: 'real_time', daily_budget: 20 });
    expect(Object.keys(checked.settings.categories)).toHaveLength(7);
    expect(Object.keys(checked.settings)).not.toContain('email_digest_available');
  });

  it('quiet hours off sends null; a bad budget or time is refused before sending', () => {
    const off = settingsFromDraft({ ...settingsDraft(server), quietOn: false, quietStart: 'garbage' });
    expect('settings' in off && off.settings.quiet_hours).toBeNull();
    const d = settingsDraft(server);
    const bad = settingsFromDraft({ ...d, quietStart: '25:00', categories: { ...d.categories, jobs: { delivery: 'digest', budget: '101' } } });
    expect('problems' in bad && Object.keys(bad.problems).sort()).toEqual(['categories.jobs.daily_budget', 'quiet_hours.start']);
  });

  it('reads budgets typed with full-width digits', () => {
    expect(parseBudget('２０')).toBe(20);
    expect(parseBudget(' 0 ')).toBe(0);
    expect(parseBudget('100')).toBe(100);
    expect(parseBudget('101')).toBeUndefined();
    expect(parseBudget('-1')).toBeUndefined();
    expect(parseBudget('')).toBeUndefined();
  });

  it('offers the current zone, the device zone and UTC among the choices', () => {
    const zones = timeZoneChoices('Etc/GMT-9', 'Asia/Tokyo');
    for (const z of ['Etc/GMT-9', 'Asia/Tokyo', 'UTC']) expect(zones).toContain(z);
    expect([...zones].sort()).toEqual(zones);
  });
});
