// Browser test of warm introductions: three members, each in a browser context of their own and in
// a language of their own, signed up and connected through the API (A–B and B–C, so C is A's second
// degree). A opens C's profile, chooses B as the intermediary and asks to be introduced; B finds
// the request under Introductions › Asked and passes it on with a vouching note; C finds it under
// Received with B's vouch (and without A's note to B, which is not for C), accepts, and lands in
// the conversation marked as introduced by B, where A and C write to each other.

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
  stepWithScreenshots,
  visible,
} from './support.mjs';

/** What each member's screens say, in their language. */
const UI = {
  ja: {
    mainNav: 'メインメニュー',
    people: 'つながり',
    introductions: '紹介',
    getIntroduced: '紹介してもらう',
    purpose: 'ご用件',
    noteTo: (names) => `${names}さんへのメッセージ`,
    send: '紹介を依頼',
    requested: (intermediary, name) => `${intermediary}さんに依頼を送りました。${name}さんが承諾したらお知らせします。`,
    pending: '返事待ち',
    accepted: '承諾済み',
    openConversation: '会話を開く',
    introducedBy: (name) => `${name}さんの紹介`,
  },
  'zh-Hans': {
    mainNav: '主菜单',
    people: '人脉',
    introductions: '引荐',
    tabAsked: '请我引荐',
    forward: (requester, target) => `把${requester}引荐给${target}`,
    vouch: '你的推荐语',
    forwardSend: '转达',
    forwarded: (name) => `已转达给${name}。感谢你的引荐。`,
    passedOn: '已转达',
  },
  en: {
    mainNav: 'Main menu',
    people: 'Network',
    introductions: 'Introductions',
    tabReceived: 'Received',
    vouchesFor: 'Vouches for them',
    accept: (name) => `Accept the introduction to ${name}`,
    introducedBy: (name) => `Introduced by ${name}`,
  },
};

/**
 * The introduction steps, run on the same server as the account test.
 * `h`: { step, base, readCode(login), launchBrowser(extraArgs), pageErrors }.
 */
export async function introductionSteps(h) {
  const { base } = h;
  const unique = runToken();
  const member = apiMemberMaker(UI, { tag: 'intro', passwordStem: 'Hashi-Watashi', token: unique });
  const a = member('a', 'ja', '中村 翔');
  const b = member('b', 'zh-Hans', '周 敏');
  const c = member('c', 'en', 'Emma Wilson');
  const everyone = [a, b, c];
  const noteToB = `周さん、ご無沙汰しています。Emmaさんにデータ基盤の設計について伺いたく、ご紹介いただけませんか（${unique}）`;
  const vouch = `中村是我以前的同事，做事认真可靠，很值得一聊。（${unique}）`;
  let conversationId = '';

  const step = stepWithScreenshots(h.step, everyone, 'failure-intro');

  const heading = (m, text) => m.page.locator('main h1', { hasText: text });
  const alert = (m, text) => m.page.locator('.alert', { hasText: text });
  const call = (m, method, path, data) => apiCall(m.context, base, method, path, data);
  const chatInput = (m) => m.page.locator('#chat-input');
  const bubble = (m, text) => m.page.locator('.msg .msg-text', { hasText: text });
  const itemOf = (m, other) => m.page.locator('.member-item', { has: m.page.getByRole('link', { name: other.name, exact: true }) });
  const live = (m) => m.page.locator('.shell[data-stream="live"]').waitFor({ timeout: ACTION_TIMEOUT_MS });

  /** Opens Introductions from the main menu, through the Network section's links. */
  async function openIntroductions(m) {
    await m.page.getByRole('navigation', { name: m.ui.mainNav }).getByRole('link', { name: m.ui.people, exact: true }).click();
    await m.page.locator('.subnav').getByRole('link', { name: m.ui.introductions, exact: true }).click();
    await visible(heading(m, m.ui.introductions));
  }

  await step('the server has the introduction endpoints', () =>
    assertEndpoints(base, [
      '/api/v1/members/{id}/introduction-routes',
      '/api/v1/introductions',
      '/api/v1/me/introductions/sent',
      '/api/v1/me/introductions/asked',
      '/api/v1/me/introductions/received',
      '/api/v1/introductions/{id}/forward',
      '/api/v1/introductions/{id}/accept',
    ]),
  );

  await step('three members sign up through the API; B connects with A and with C', async () => {
    await signUpMembers(h, everyone);
    for (const [x, y] of [[a, b], [b, c]]) await connectThroughCards(base, x.context, y.context);
    const routes = await call(a, 'GET', `/api/v1/members/${encodeURIComponent(c.id)}/introduction-routes`);
    assert(
      routes.routes.some((r) => r.intermediaries.length === 1 && r.intermediaries[0].id === b.id),
      `B is offered as a route from A to C (${JSON.stringify(routes)})`,
    );
  });

  await step("A opens C's profile (2nd degree), chooses B, and asks for an introduction", async () => {
    await a.page.goto(`${base}/members/${encodeURIComponent(c.id)}`, { waitUntil: 'domcontentloaded' });
    await visible(heading(a, c.name));
    await a.page.getByRole('button', { name: a.ui.getIntroduced, exact: true }).click();
    const route = a.page.locator('.intro-route', { hasText: `${b.name} → ${c.name}` });
    await visible(route);
    await route.getByRole('radio').check();
    await a.page.getByLabel(a.ui.purpose, { exact: true }).selectOption('advice');
    await a.page.getByLabel(a.ui.noteTo(b.name), { exact: true }).fill(noteToB);
    await screenshot(a.page, 'introduction-ask-ja', a.page.locator('.request-form'));
    await a.page.getByRole('button', { name: a.ui.send, exact: true }).click();
    await visible(alert(a, a.ui.requested(b.name, c.name)));
    const { introductions } = await call(a, 'GET', '/api/v1/me/introductions/sent');
    const sent = introductions.find((x) => x.target.id === c.id);
    assert(sent && sent.status === 'pending', `A's introduction to C is pending (${JSON.stringify(sent)})`);
    assert(sent.intermediaries.map((m) => m.id).join() === b.id, 'it goes through B');
  });

  await step('A finds it under Introductions, waiting', async () => {
    await openIntroductions(a);
    const item = itemOf(a, c);
    await visible(item.locator('.status-pill', { hasText: a.ui.pending }));
    await visible(item.getByText(noteToB));
    await screenshot(a.page, 'introductions-sent-ja');
  });

  await step('B opens Asked, sees who would like to meet whom, and passes it on with a vouching note', async () => {
    await b.page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
    await openIntroductions(b);
    await b.page.getByRole('button', { name: b.ui.tabAsked, exact: true }).click();
    const item = itemOf(b, a);
    await visible(item);
    await visible(item.getByRole('link', { name: c.name, exact: true }));
    await visible(item.getByText(noteToB));
    await screenshot(b.page, 'introductions-asked-zh-Hans');
    await item.getByRole('button', { name: b.ui.forward(a.name, c.name) }).click();
    await item.getByLabel(b.ui.vouch, { exact: true }).fill(vouch);
    await screenshot(b.page, 'introduction-forward-zh-Hans', item);
    await item.getByRole('button', { name: b.ui.forwardSend, exact: true }).click();
    await visible(alert(b, b.ui.forwarded(c.name)));
    await visible(item.locator('.status-pill', { hasText: b.ui.passedOn }));
  });

  await step("C opens Received, sees B's vouch but not A's note to B, accepts, and lands in the conversation", async () => {
    await c.page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
    await openIntroductions(c);
    await c.page.getByRole('button', { name: c.ui.tabReceived, exact: true }).click();
    const item = itemOf(c, a);
    await visible(item);
    const vouchItem = item.locator('.vouch', { has: c.page.getByRole('link', { name: b.name, exact: true }) });
    await visible(vouchItem.getByText(c.ui.vouchesFor));
    await visible(vouchItem.getByText(vouch));
    const text = (await c.page.locator('main').textContent()) ?? '';
    assert(!text.includes(noteToB), "the target does not see the requester's note to the intermediary");
    await screenshot(c.page, 'introductions-received-en');
    await item.getByRole('button', { name: c.ui.accept(a.name) }).click();
    await c.page.waitForURL(/\/messages\/[^/]+$/, { timeout: NAV_TIMEOUT_MS });
    conversationId = decodeURIComponent(new URL(c.page.url()).pathname.split('/').at(-1));
    await visible(heading(c, a.name));
    await visible(c.page.locator('.chat-introduced', { hasText: c.ui.introducedBy(b.name) }));
    await visible(chatInput(c));
    await live(c);
    await screenshot(c.page, 'chat-introduced-en');
  });

  await step('A sees it accepted, opens the conversation, and A and C write to each other', async () => {
    await openIntroductions(a);
    const item = itemOf(a, c);
    await visible(item.locator('.status-pill', { hasText: a.ui.accepted }));
    await item.getByRole('link', { name: a.ui.openConversation, exact: true }).click();
    await a.page.waitForURL(/\/messages\/[^/]+$/, { timeout: NAV_TIMEOUT_MS });
    assert(decodeURIComponent(new URL(a.page.url()).pathname.split('/').at(-1)) === conversationId, 'A opens the same conversation');
    await visible(heading(a, c.name));
    await visible(a.page.locator('.chat-introduced', { hasText: a.ui.introducedBy(b.name) }));
    await live(a);
    const hello = 'はじめまして、中村です。ご紹介いただきありがとうございます。';
    await chatInput(a).fill(hello);
    await chatInput(a).press('Enter');
    await visible(bubble(a, hello));
    await visible(bubble(c, hello));
    const reply = 'Lovely to meet you. Happy to talk about data platforms.';
    await chatInput(c).fill(reply);
    await chatInput(c).press('Enter');
    await visible(bubble(c, reply));
    await visible(bubble(a, reply));
    await screenshot(a.page, 'chat-introduced-ja');
    const entry = await call(a, 'GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}`);
    assert(entry.introduced_by?.id === b.id, `the conversation is marked introduced by B (${JSON.stringify(entry.introduced_by)})`);
  });
}
