// Browser test of relationships: two members, each in a browser context of their own and in a
// language of their own, sign up, exchange business cards by typing each other's codes (the
// second exchange connects them at once), rate each other privately, and each sees only their
// own rating and note: not on the page, and not in any answer of the API the page received.

import { join } from 'node:path';
import {
  ACTION_TIMEOUT_MS,
  assert,
  assertEndpoints,
  BROWSER_LOCALES,
  NAV_TIMEOUT_MS,
  runToken,
  screenshot,
  stepWithScreenshots,
  VIEWPORTS,
  visible,
  watchErrors,
  writeQrVideo,
} from './support.mjs';

/** What each member's screens say, in their language. */
const UI = {
  ja: {
    signupHeading: 'アカウントの作成',
    login: 'メールアドレスまたは携帯電話番号',
    password: 'パスワード',
    displayName: '表示名',
    sendCode: '確認コードを送信',
    codeHeading: '確認コードの入力',
    code: '確認コード（6桁）',
    verify: '確認してアカウントを作成',
    welcome: (name) => `ようこそ、${name}さん`,
    mainNav: 'メインメニュー',
    people: 'つながり',
    cardTab: '名刺交換',
    qr: 'あなたの名刺のQRコード',
    theirCode: '相手の名刺コード',
    exchange: '名刺を交換',
    camera: 'カメラで読み取る',
    alreadyConnected: 'すでにつながっています。',
    requested: (name) => `${name}さんに「直接会った」つながり申請を送りました。`,
    connected: (name) => `名刺交換が完了し、${name}さんとつながりました。`,
    edit: (name) => `${name}さんの評価・メモを編集`,
    star: (n, meaning) => `5段階の${n}：${meaning}`,
    meaning: { 2: '少し知っている', 4: 'よく知っている' },
    note: '自分用メモ',
    save: '保存',
    saved: '保存しました。あなたにしか表示されません。',
    onlyYou: '自分だけに表示',
    firstDegree: '1次のつながり',
    stageConnected: 'つながっています。',
  },
  'zh-Hans': {
    signupHeading: '创建账号',
    login: '邮箱或手机号',
    password: '密码',
    displayName: '显示名称',
    sendCode: '发送验证码',
    codeHeading: '输入验证码',
    code: '6 位验证码',
    verify: '验证并创建账号',
    welcome: (name) => `欢迎你，${name}`,
    mainNav: '主菜单',
    people: '人脉',
    cardTab: '交换名片',
    qr: '你的名片二维码',
    theirCode: '对方的名片码',
    exchange: '交换名片',
    camera: '用相机扫描',
    alreadyConnected: '你们已经建立了联系。',
    requested: (name) => `已向${name}发送标注为“当面认识”的人脉邀请。`,
    connected: (name) => `名片交换成功，你已与${name}建立联系。`,
    edit: (name) => `编辑对${name}的评分和备注`,
    star: (n, meaning) => `${n}/5：${meaning}`,
    meaning: { 2: '有些了解', 4: '很熟悉' },
    note: '私人备注',
    save: '保存',
    saved: '已保存，仅你自己可见。',
    onlyYou: '仅自己可见',
    firstDegree: '一度人脉',
    stageConnected: '你们已建立联系。',
  },
};

/** Every value of `key` anywhere in a JSON document. */
function valuesOf(key, node, found = []) {
  if (Array.isArray(node)) node.forEach((n) => valuesOf(key, n, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) found.push(v);
      valuesOf(key, v, found);
    }
  }
  return found;
}

/**
 * The relationship steps, run on the same server as the account test.
 * `h`: { step, base, readCode(login), launchBrowser(extraArgs), tempDir(), pageErrors }.
 */
export async function relationshipSteps(h) {
  const { base } = h;
  const unique = runToken();
  const member = (key, locale, name, rating, note) => ({
    key,
    ui: UI[locale],
    locale,
    name,
    login: `e2e-${key}-${unique}@example.jp`,
    password: `Meishi-Koukan-${key}-${unique}`,
    rating,
    note,
    page: null,
    code: '',
    answers: [], // texts of the JSON answers of /api/ the page received
  });
  const a = member('a', 'ja', '佐藤 健', 4, `大阪の勉強会で隣の席。データ基盤の話で盛り上がった（${unique}）`);
  const b = member('b', 'zh-Hans', '李 伟', 2, `在上海的技术大会上认识，对方很懂数据平台（${unique}）`);
  // A failing step leaves a picture of both members' screens.
  const step = stepWithScreenshots(h.step, [a, b], 'failure');
  const heading = (m, text) => m.page.locator('main h1', { hasText: text });
  const alert = (m, text) => m.page.locator('.alert', { hasText: text });
  const field = (m, label) => m.page.getByLabel(label, { exact: true });
  const subnav = (m, name) => m.page.locator('.subnav').getByRole('link', { name, exact: true });
  const itemOf = (m, other) => m.page.locator('.member-item', { has: m.page.getByRole('link', { name: other.name, exact: true }) });

  await step('the server has the relationship endpoints', () =>
    assertEndpoints(base, ['/api/v1/me/card', '/api/v1/cards/scan', '/api/v1/me/connections']),
  );

  await step('two members sign up, each in a browser context of their own', async () => {
    const browser = await h.launchBrowser();
    for (const m of [a, b]) {
      const context = await browser.newContext({ ...BROWSER_LOCALES[m.locale], viewport: VIEWPORTS.phone });
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
      m.page = await context.newPage();
      watchErrors(m.page, h.pageErrors);
      m.page.on('response', (r) => {
        if (!new URL(r.url()).pathname.startsWith('/api/')) return;
        if (!(r.headers()['content-type'] ?? '').includes('json')) return;
        m.answers.push(r.text().catch(() => ''));
      });
      await m.page.goto(`${base}/signup`, { waitUntil: 'domcontentloaded' });
      await visible(heading(m, m.ui.signupHeading));
      await field(m, m.ui.login).fill(m.login);
      await field(m, m.ui.password).fill(m.password);
      await field(m, m.ui.displayName).fill(m.name);
      await m.page.getByRole('button', { name: m.ui.sendCode }).click();
      await visible(heading(m, m.ui.codeHeading));
      await field(m, m.ui.code).fill(await h.readCode(m.login));
      await m.page.getByRole('button', { name: m.ui.verify }).click();
      await visible(heading(m, m.ui.welcome(m.name)));
    }
  });

  await step('each shows their card: a QR code and a code to read out', async () => {
    for (const m of [a, b]) {
      await m.page.getByRole('navigation', { name: m.ui.mainNav }).getByRole('link', { name: m.ui.people, exact: true }).click();
      await subnav(m, m.ui.cardTab).click();
      await visible(heading(m, m.ui.cardTab));
      await visible(m.page.getByRole('img', { name: m.ui.qr }).locator('path'));
      const path = (await m.page.locator('svg.qr path').getAttribute('d')) ?? '';
      assert(path.length > 200, 'the QR code has modules');
      m.code = ((await m.page.locator('#card-code').textContent()) ?? '').trim();
      assert(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/.test(m.code), `the code reads in two groups (${m.code})`);
      await screenshot(m.page, `card-${m.locale}`);
    }
    assert(a.code !== b.code, 'the two cards differ');
  });

  await step("A types B's code (as typed by hand): a request marked met in person goes out", async () => {
    await field(a, a.ui.theirCode).fill(b.code.toLowerCase().replace('-', ' '));
    await a.page.getByRole('button', { name: a.ui.exchange, exact: true }).click();
    await visible(alert(a, a.ui.requested(b.name)));
    await visible(a.page.locator('.scan-outcome').getByRole('link', { name: b.name, exact: true }));
  });

  await step("B types A's code: the two are connected at once", async () => {
    await field(b, b.ui.theirCode).fill(a.code);
    await b.page.getByRole('button', { name: b.ui.exchange, exact: true }).click();
    await visible(alert(b, b.ui.connected(a.name)));
    await screenshot(b.page, `card-exchanged-${b.locale}`, b.page.locator('.scan-outcome'));
  });

  await step("A's camera reads B's card (a fake camera showing its QR code): they are already connected", async () => {
    const url = ((await b.page.locator('#card-url').textContent()) ?? '').trim();
    const video = join(h.tempDir(), 'card.y4m');
    writeQrVideo(video, url);
    const browser = await h.launchBrowser([
      '--use-fake-ui-for-media-stream', // grants the camera without asking
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    // A's session, on a phone whose camera sees B's screen.
    const context = await browser.newContext({
      storageState: await a.page.context().storageState(),
      locale: BROWSER_LOCALES[a.locale].locale,
      viewport: VIEWPORTS.phone,
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    const phone = await context.newPage();
    watchErrors(phone, h.pageErrors);
    await phone.goto(`${base}/connections/card`, { waitUntil: 'domcontentloaded' });
    await phone.getByRole('button', { name: a.ui.camera }).click();
    await visible(phone.locator('.alert', { hasText: a.ui.alreadyConnected }));
    assert((await phone.getByLabel(a.ui.theirCode, { exact: true }).inputValue()) === b.code, 'the scanned code is shown');
    await context.close();
  });

  await step('each rates the other privately, with a note of their own', async () => {
    for (const [m, other] of [[a, b], [b, a]]) {
      await subnav(m, m.ui.people).click();
      await visible(heading(m, m.ui.people));
      const item = itemOf(m, other);
      await visible(item.getByText(m.ui.onlyYou));
      await item.getByRole('button', { name: m.ui.edit(other.name) }).click();
      await item.getByRole('radio', { name: m.ui.star(m.rating, m.ui.meaning[m.rating]) }).check();
      await item.getByLabel(m.ui.note, { exact: true }).fill(m.note);
      await screenshot(m.page, `connection-edit-${m.locale}`, item);
      await item.getByRole('button', { name: m.ui.save, exact: true }).click();
      await visible(alert(m, m.ui.saved));
      await visible(item.getByText(m.ui.star(m.rating, m.ui.meaning[m.rating])));
      await visible(item.getByText(m.note));
    }
  });

  await step('each sees only their own rating and note, on the page and in every API answer', async () => {
    for (const [m, other] of [[a, b], [b, a]]) {
      // Fresh loads of the connections list and of the other's profile.
      await m.page.reload({ waitUntil: 'domcontentloaded' });
      const item = itemOf(m, other);
      await visible(item.getByText(m.note));
      await visible(item.getByText(m.ui.star(m.rating, m.ui.meaning[m.rating])));
      await screenshot(m.page, `connections-${m.locale}`);
      let text = (await m.page.locator('main').textContent()) ?? '';
      assert(!text.includes(other.note), `${m.key} does not see ${other.key}'s note on the connections page`);
      assert(!text.includes(m.ui.star(other.rating, m.ui.meaning[other.rating])), `${m.key} does not see ${other.key}'s rating`);

      await item.getByRole('link', { name: other.name, exact: true }).click();
      await visible(heading(m, other.name));
      await visible(m.page.locator('.degree-badge', { hasText: m.ui.firstDegree }));
      await visible(m.page.getByText(m.ui.stageConnected));
      await screenshot(m.page, `member-connected-${m.locale}`);
      text = (await m.page.locator('main').textContent()) ?? '';
      assert(!text.includes(other.note) && !text.includes(m.note), `${m.key} sees no private note on ${other.key}'s profile`);

      const answers = await Promise.all(m.answers);
      const documents = answers.filter(Boolean).map((t) => JSON.parse(t));
      assert(!answers.some((t) => t.includes(other.note)), `no answer to ${m.key} holds ${other.key}'s note`);
      const ratings = documents.flatMap((d) => valuesOf('rating', d));
      assert(ratings.includes(m.rating), `${m.key}'s answers hold their own rating (${JSON.stringify(ratings)})`);
      assert(
        ratings.every((r) => r === null || r === m.rating),
        `every rating ${m.key} received is their own, or none (${JSON.stringify(ratings)})`,
      );
    }
  });
}
