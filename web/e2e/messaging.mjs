// Browser test of messaging and notifications: three members, each in a browser context of their
// own and in a language of their own, signed up and connected through the API (A–B and A–C, so
// C is B's second degree). A opens a conversation with B from B's profile and they chat in real
// time: what one sends appears in the other's open chat without a reload, the list and the badges
// follow, and text typed through an IME (composition events) is not sent by the Enter that ends
// the conversion, only by the Enter after it. Then C, a stranger to B, sends B the one message a
// message request allows; B gets an alert, finds it under Message requests and in the
// notification centre, and replies, which opens the conversation for both.

import {
  ACTION_TIMEOUT_MS,
  apiCall,
  apiMemberMaker,
  assert,
  assertEndpoints,
  connectThroughCards,
  NAV_TIMEOUT_MS,
  runToken,
  screenshot,
  signUpMembers,
  sleep,
  stepWithScreenshots,
  visible,
} from './support.mjs';

/** What each member's screens say, in their language. */
const UI = {
  ja: {
    mainNav: 'メインメニュー',
    messages: 'メッセージ',
    messageButton: 'メッセージ',
    inbox: '受信箱',
    requests: 'メッセージリクエスト',
    notifications: 'お知らせ',
  },
  'zh-Hans': {
    mainNav: '主菜单',
    messages: '消息',
    messageButton: '发消息',
    inbox: '收件箱',
    requests: '消息请求',
    notifications: '通知',
    settingsTitle: '通知设置',
    quietHours: /免打扰时段/,
    saveSettings: '保存通知设置',
    saved: '已保存。',
    messageRequestFrom: (name) => `${name}向你发送了消息请求`,
  },
  en: {
    mainNav: 'Main menu',
    messages: 'Messages',
    messageButton: 'Message',
    firstTitle: (name) => `Write to ${name}`,
    firstLabel: 'Your message',
    firstSend: 'Send message request',
    requestSent: 'Message request sent',
  },
};

/**
 * The messaging steps, run on the same server as the account test.
 * `h`: { step, base, readCode(login), launchBrowser(extraArgs), pageErrors }.
 */
export async function messagingSteps(h) {
  const { base } = h;
  const member = apiMemberMaker(UI, { tag: 'msg', passwordStem: 'Dengon-Ban', token: runToken() });
  const a = member('a', 'ja', '高橋 美咲');
  const b = member('b', 'zh-Hans', '陈 静');
  const c = member('c', 'en', 'Alex Morgan');
  const everyone = [a, b, c];
  let conversationId = '';

  const step = stepWithScreenshots(h.step, everyone, 'failure-msg');

  const heading = (m, text) => m.page.locator('main h1', { hasText: text });
  const chatInput = (m) => m.page.locator('#chat-input');
  const bubble = (m, text) => m.page.locator('.msg .msg-text', { hasText: text });
  const navBadge = (m) => m.page.locator('.mainnav .nav-badge');
  const bellBadge = (m) => m.page.locator('.topnav .nav-badge');
  const messagesNav = (m) => m.page.getByRole('navigation', { name: m.ui.mainNav }).getByRole('link', { name: new RegExp(`^${m.ui.messages}`) });

  /** Waits until the member's page is connected to the stream and caught up. */
  const live = (m) => m.page.locator('.shell[data-stream="live"]').waitFor({ timeout: ACTION_TIMEOUT_MS });

  /** A call to the API with the member's session (the browser context's cookies). */
  const call = (m, method, path, data) => apiCall(m.context, base, method, path, data);

  /** Types into the chat input and sends it with Enter. */
  async function send(m, text) {
    await chatInput(m).fill(text);
    await chatInput(m).press('Enter');
    await visible(bubble(m, text));
    assert((await chatInput(m).inputValue()) === '', `${m.key}'s input is empty after sending`);
  }

  await step('the server has the messaging endpoints', () =>
    assertEndpoints(base, ['/api/v1/conversations', '/api/v1/me/unread', '/api/v1/me/notifications', '/api/v1/me/notification-settings', '/api/v1/stream']),
  );

  await step('three members sign up through the API; A connects with B and with C', async () => {
    await signUpMembers(h, everyone);
    // Exchanging cards both ways connects two members at once.
    for (const [x, y] of [[a, b], [a, c]]) await connectThroughCards(base, x.context, y.context);
    // B turns on read receipts; A too, so each sees the other's.
    for (const m of [a, b]) await call(m, 'PUT', '/api/v1/me/messaging', { read_receipts: true, typing_indicators: true });
  });

  await step("A opens B's profile and starts a conversation with the Message button", async () => {
    await a.page.goto(`${base}/members/${encodeURIComponent(b.id)}`, { waitUntil: 'domcontentloaded' });
    await visible(heading(a, b.name));
    await screenshot(a.page, 'member-message-button-ja', a.page.locator('.member-message'));
    await a.page.getByRole('button', { name: a.ui.messageButton, exact: true }).click();
    await a.page.waitForURL(/\/messages\/[^/]+$/, { timeout: NAV_TIMEOUT_MS });
    conversationId = decodeURIComponent(new URL(a.page.url()).pathname.split('/').at(-1));
    await visible(heading(a, b.name));
    await visible(chatInput(a));
    await live(a);
  });

  await step('A writes first; B sees it in the list with an unread badge, then opens the chat', async () => {
    await b.page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
    await messagesNav(b).click();
    await visible(heading(b, b.ui.messages));
    await live(b);
    await send(a, 'はじめまして。先日の勉強会ではありがとうございました。');
    // B's open list follows the stream: the row, its preview and the badges appear without a reload.
    const row = b.page.locator('.conversation-item', { hasText: a.name });
    await visible(row.locator('.conversation-preview', { hasText: 'はじめまして' }));
    await visible(row.locator('.count-badge', { hasText: '1' }));
    await visible(navBadge(b).filter({ hasText: '1' }));
    await screenshot(b.page, 'messages-list-zh-Hans');
    await row.locator('a').click();
    await visible(heading(b, a.name));
    await visible(bubble(b, 'はじめまして'));
    // Reading it clears the badge.
    await navBadge(b).waitFor({ state: 'detached', timeout: ACTION_TIMEOUT_MS });
  });

  await step("a message sent by A appears in B's open chat at once, without a reload", async () => {
    await b.page.evaluate(() => {
      window.__stillThisPage = true;
    });
    await send(a, '来週、30分ほどお時間をいただけますか？');
    await visible(bubble(b, '来週、30分ほどお時間をいただけますか？'));
    assert(await b.page.evaluate(() => window.__stillThisPage === true), "B's page was not reloaded");
    // Both have read receipts on: A's message reads "read" once B's open chat marked it.
    await visible(a.page.locator('.msg-own .msg-read'));
    await screenshot(a.page, 'chat-ja');
    await screenshot(b.page, 'chat-zh-Hans');
  });

  await step('B replies with Shift+Enter for a new line; A sees it live', async () => {
    await chatInput(b).click();
    await b.page.keyboard.type('好的，没问题。');
    await b.page.keyboard.press('Shift+Enter');
    await b.page.keyboard.type('周三下午可以吗？');
    assert((await chatInput(b).inputValue()) === '好的，没问题。\n周三下午可以吗？', 'Shift+Enter made a new line and sent nothing');
    await b.page.keyboard.press('Enter');
    await visible(bubble(b, '周三下午可以吗？'));
    const received = bubble(a, '周三下午可以吗？');
    await visible(received);
    assert((await received.textContent()) === '好的，没问题。\n周三下午可以吗？', 'the two lines arrived as one message');
  });

  await step('IME: the Enter that ends a composition does not send; the Enter after it does', async () => {
    const text = '那就周三下午三点见';
    await chatInput(b).focus();
    const countBefore = await b.page.locator('.msg').count();
    // A Chinese IME: compositionstart, the text as it is composed, Enter to pick the candidate.
    await b.page.evaluate((value) => {
      const el = document.getElementById('chat-input');
      el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
      el.value = value;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, data: value, inputType: 'insertCompositionText', isComposing: true }));
      el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'Enter', code: 'Enter', isComposing: true }));
    }, text);
    await sleep(700);
    assert((await chatInput(b).inputValue()) === text, 'the text is still in the input');
    assert((await b.page.locator('.msg').count()) === countBefore, 'nothing was sent while composing');
    assert((await bubble(a, text).count()) === 0, 'A received nothing yet');
    await b.page.evaluate((value) => {
      const el = document.getElementById('chat-input');
      el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: value }));
    }, text);
    await chatInput(b).press('Enter');
    await visible(bubble(b, text));
    await visible(bubble(a, text));
    assert((await chatInput(b).inputValue()) === '', "B's input is empty after sending");
  });

  await step('B turns quiet hours off in the notification settings', async () => {
    await b.page.goto(`${base}/settings/notifications`, { waitUntil: 'domcontentloaded' });
    await visible(heading(b, b.ui.settingsTitle));
    const quiet = b.page.getByRole('switch', { name: b.ui.quietHours });
    assert(await quiet.isChecked(), 'quiet hours are on by default');
    // This server sends no mail, so the email digest cannot be turned on, and says why.
    const email = b.page.locator('#notify-email-digest');
    assert((await email.isDisabled()) && !(await email.isChecked()), 'the email digest is off and unavailable');
    await visible(b.page.locator('#notify-email-digest-hint', { hasText: '服务器' }));
    await quiet.uncheck();
    await b.page.getByRole('button', { name: b.ui.saveSettings }).click();
    await visible(b.page.locator('.alert', { hasText: b.ui.saved }));
    await screenshot(b.page, 'notification-settings-zh-Hans');
    const saved = await call(b, 'GET', '/api/v1/me/notification-settings');
    assert(saved.quiet_hours === null, `quiet hours are off (${JSON.stringify(saved.quiet_hours)})`);
    await b.page.goto(`${base}/messages`, { waitUntil: 'domcontentloaded' });
    await visible(heading(b, b.ui.messages));
    await live(b);
  });

  await step("C, a stranger to B, writes the one message a request allows from B's profile", async () => {
    await c.page.goto(`${base}/members/${encodeURIComponent(b.id)}`, { waitUntil: 'domcontentloaded' });
    await visible(heading(c, b.name));
    await c.page.getByRole('button', { name: c.ui.messageButton, exact: true }).click();
    await visible(c.page.getByRole('heading', { name: c.ui.firstTitle(b.name) }));
    await c.page.getByLabel(c.ui.firstLabel, { exact: true }).fill('Hello! Misaki suggested I get in touch about the data platform meetup.');
    await screenshot(c.page, 'first-message-en', c.page.locator('.member-message'));
    await c.page.getByRole('button', { name: c.ui.firstSend }).click();
    await c.page.waitForURL(/\/messages\/[^/]+$/, { timeout: NAV_TIMEOUT_MS });
    await visible(c.page.getByText(c.ui.requestSent));
    assert((await chatInput(c).count()) === 0, 'the sender cannot write again before a reply');
    await live(c);
    await screenshot(c.page, 'chat-request-sent-en');
  });

  await step('B is alerted, and finds the request under Message requests and in Notifications', async () => {
    const said = b.ui.messageRequestFrom(c.name);
    await visible(b.page.locator('.toast', { hasText: said }));
    await visible(bellBadge(b));
    await screenshot(b.page, 'toast-zh-Hans');
    await b.page.locator('.subnav').getByRole('link', { name: new RegExp(`^${b.ui.requests}`) }).click();
    await visible(b.page.locator('.conversation-item', { hasText: c.name }));
    await screenshot(b.page, 'message-requests-zh-Hans');
    await b.page.locator('.topnav').getByRole('link', { name: new RegExp(`^${b.ui.notifications}`) }).click();
    await visible(heading(b, b.ui.notifications));
    const item = b.page.locator('.notification-item', { hasText: said });
    await visible(item);
    await screenshot(b.page, 'notifications-zh-Hans');
    await item.getByRole('link', { name: said }).click();
    await visible(heading(b, c.name));
    await visible(b.page.locator('.chat-notice', { hasText: said }));
    await bellBadge(b).waitFor({ state: 'detached', timeout: ACTION_TIMEOUT_MS });
    await screenshot(b.page, 'chat-request-received-zh-Hans');
  });

  await step('B replies, which accepts the request: both can write now', async () => {
    await send(b, '你好，欢迎！');
    await visible(bubble(c, '你好，欢迎！'));
    await c.page.locator('.chat-notice', { hasText: c.ui.requestSent }).waitFor({ state: 'detached', timeout: ACTION_TIMEOUT_MS });
    await visible(chatInput(c));
    await send(c, 'Thanks, great to meet you.');
    await visible(bubble(b, 'Thanks, great to meet you.'));
    const entry = await call(c, 'GET', `/api/v1/conversations/${encodeURIComponent(new URL(c.page.url()).pathname.split('/').at(-1))}`);
    assert(entry.awaiting_reply === false && entry.can_write === true, `the conversation is open (${JSON.stringify(entry)})`);
  });

  await step("A's conversation list shows the latest message, and the history survives a reload", async () => {
    await messagesNav(a).click();
    const row = a.page.locator('.conversation-item', { hasText: b.name });
    await visible(row.locator('.conversation-preview', { hasText: '那就周三下午三点见' }));
    await screenshot(a.page, 'messages-list-ja');
    await a.page.goto(`${base}/messages/${encodeURIComponent(conversationId)}`, { waitUntil: 'domcontentloaded' });
    for (const text of ['はじめまして', '周三下午可以吗？', '那就周三下午三点见']) await visible(bubble(a, text));
  });
}
