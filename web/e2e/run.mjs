#!/usr/bin/env node
// Browser test of the main account flow, the profile screens, relationships (relationships.mjs),
// messaging (messaging.mjs), introductions (introductions.mjs) and people search (search.mjs)
// against a real `enishi serve`.
//
//   npm run build && npm run e2e
//
// Environment:
//   ENISHI_BIN       the server binary, relative to web/ (default ../build/dev/src/app/enishi,
//                    or ../build/release/src/app/enishi when only that one exists)
//   ENISHI_WEB_ROOT  the built client (default dist, relative to web/)
//   CHROMIUM_PATH    the browser (default /usr/bin/chromium)
//   E2E_TIMEOUT_MS   hard limit for the whole run (default 240000)
//
// Screenshots at phone (390×844) and desktop (1280×800) widths go to
// test-results/screenshots/; the server's output to test-results/server.log.
// The last line is "N passed, M failed"; the exit code is non-zero on failure.

import { spawn, execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { introductionSteps } from './introductions.mjs';
import { messagingSteps } from './messaging.mjs';
import { relationshipSteps } from './relationships.mjs';
import { searchSteps } from './search.mjs';
import {
  ACTION_TIMEOUT_MS,
  assert,
  CHROMIUM,
  CHROMIUM_ARGS,
  NAV_TIMEOUT_MS,
  RESULTS,
  screenshot,
  SHOTS,
  sleep,
  VIEWPORTS,
  visible,
  watchErrors,
  WEB_DIR,
} from './support.mjs';

// Without ENISHI_BIN: the dev build, else the release build that `make` produces.
const DEFAULT_BINS = ['../build/dev/src/app/enishi', '../build/release/src/app/enishi'].map((p) => resolve(WEB_DIR, p));
const ENISHI_BIN = process.env.ENISHI_BIN
  ? resolve(WEB_DIR, process.env.ENISHI_BIN)
  : (DEFAULT_BINS.find((p) => existsSync(p)) ?? DEFAULT_BINS[0]);
const WEB_ROOT = resolve(WEB_DIR, process.env.ENISHI_WEB_ROOT || 'dist');
const OVERALL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 240_000);
const HEALTH_TIMEOUT_MS = 20_000;

const log = (...a) => console.log(...a);

// ---------------------------------------------------------------- helpers

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function run(file, args, timeoutMs) {
  return new Promise((res, rej) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) rej(new Error(`${file} ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else res(stdout);
    });
  });
}

// ---------------------------------------------------------------- state

let server = null;
let serverExited = null; // set to a promise once spawned
let context = null;
const browsers = []; // the relationship test's
const tempDirs = [];
let cleaningUp = null;

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  server.kill('SIGTERM');
  const exited = await Promise.race([serverExited.then(() => true), sleep(5000).then(() => false)]);
  if (!exited) {
    server.kill('SIGKILL');
    await Promise.race([serverExited, sleep(2000)]);
  }
}

function cleanup() {
  cleaningUp ??= (async () => {
    if (context) await Promise.race([context.close().catch(() => {}), sleep(5000)]);
    for (const b of browsers) await Promise.race([b.close().catch(() => {}), sleep(5000)]);
    await stopServer();
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  })();
  return cleaningUp;
}

const watchdog = setTimeout(async () => {
  console.error(`e2e: overall time limit of ${OVERALL_TIMEOUT_MS} ms reached`);
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
}, OVERALL_TIMEOUT_MS);

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

// ---------------------------------------------------------------- steps

const results = [];
let stopAfterFailure = false;

async function step(name, fn) {
  if (stopAfterFailure) {
    results.push({ name, status: 'skipped' });
    log(`SKIP  ${name}`);
    return;
  }
  const started = Date.now();
  try {
    await fn();
    results.push({ name, status: 'passed' });
    log(`PASS  ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, status: 'failed', error: e });
    log(`FAIL  ${name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
    stopAfterFailure = true; // every later step builds on this one
  }
}

async function main() {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'enishi-e2e-'));
  tempDirs.push(dataDir);
  const store = `sqlite:${join(dataDir, 'enishi.db')}`;
  let base = '';
  let page = null;
  const pageErrors = [];

  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const login = `e2e-${unique}@example.jp`;
  const password = `Tsuki-to-Sakura-${unique}`;
  const displayName = '山田 花子';
  let code = '';

  // Locators by visible text, so the test also checks what a person reads.
  const heading = (text) => page.locator('main h1', { hasText: text });
  const alertWith = (text) => page.locator('.alert', { hasText: text });
  const field = (label) => page.getByLabel(label, { exact: true });
  const navLink = (name) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const shoot = (name, target) => screenshot(page, name, target);

  async function htmlLang() {
    return page.evaluate(() => document.documentElement.lang);
  }

  /** The six-digit code last sent to `to`, read from the server's outbox. */
  async function readCode(to) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const out = await run(ENISHI_BIN, ['admin', 'outbox', '--store', store, '--json'], 10_000);
      const messages = out
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .map((l) => JSON.parse(l))
        .filter((m) => m.to === to);
      const last = messages.at(-1);
      const found = last && /\b\d{6}\b/.exec(String(last.body));
      if (found) return found[0];
      if (Date.now() > deadline) throw new Error(`no six-digit code for ${to} in the outbox:\n${out.slice(-2000)}`);
      await sleep(250);
    }
  }

  await step('prerequisites: server binary, built client and browser exist', async () => {
    accessSync(ENISHI_BIN, constants.X_OK);
    assert(existsSync(join(WEB_ROOT, 'index.html')), `${WEB_ROOT}/index.html is missing: run "npm run build" first`);
    accessSync(CHROMIUM, constants.X_OK);
  });

  await step('server starts and /healthz answers 200', async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const logFile = createWriteStream(join(RESULTS, 'server.log'));
    server = spawn(ENISHI_BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--store', store, '--web-root', WEB_ROOT], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    serverExited = new Promise((r) => server.once('exit', r));
    server.stdout.pipe(logFile);
    server.stderr.pipe(logFile);
    server.once('error', (e) => log(`server error: ${e.message}`));
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}; see test-results/server.log`);
      try {
        const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (r.status === 200) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`/healthz did not answer 200 within ${HEALTH_TIMEOUT_MS} ms`);
      await sleep(200);
    }
  });

  await step('browser opens the site in Japanese', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'enishi-chromium-'));
    tempDirs.push(profile);
    // launch() refuses --user-data-dir in args; the persistent context takes the directory instead.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, '--lang=ja-JP'],
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      viewport: VIEWPORTS.phone,
      acceptDownloads: true,
      timeout: 30_000,
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
    page = context.pages()[0] ?? (await context.newPage());
    watchErrors(page, pageErrors);
    // Leaving a form with unsaved changes asks first; the test always means to leave.
    page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {}));
    await page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
    await visible(heading('ログイン')); // signed out: the home page sends us to the login page
    assert((await htmlLang()) === 'ja', 'html lang is ja');
    await shoot('login-ja');
  });

  await step('sign-up form shows Japanese labels and explains errors', async () => {
    await page.getByRole('link', { name: 'アカウントを作成' }).click();
    await visible(heading('アカウントの作成'));
    await visible(field('メールアドレスまたは携帯電話番号'));
    await visible(field('パスワード'));
    await visible(field('表示名'));
    await visible(field('使用言語'));
    await shoot('signup-ja');
    // A too-short password is caught before anything is sent.
    await field('メールアドレスまたは携帯電話番号').fill(login);
    await field('パスワード').fill('short');
    await field('表示名').fill(displayName);
    await page.getByRole('button', { name: '確認コードを送信' }).click();
    await visible(page.locator('.field-error', { hasText: '8文字以上で入力してください。' }));
    await visible(alertWith('入力内容をご確認ください。'));
    await shoot('signup-error-ja');
  });

  await step('sign-up sends a six-digit code to the login', async () => {
    await field('パスワード').fill(password);
    await page.getByRole('button', { name: '確認コードを送信' }).click();
    await visible(heading('確認コードの入力'));
    await visible(page.getByText(login));
    code = await readCode(login);
    assert(/^\d{6}$/.test(code), 'code has six digits');
    await shoot('verify-ja');
  });

  await step('a wrong code is refused with a clear message', async () => {
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await field('確認コード（6桁）').fill(wrong);
    await page.getByRole('button', { name: '確認してアカウントを作成' }).click();
    await visible(page.locator('.field-error', { hasText: '確認コードが正しくないか、有効期限が切れています。' }));
  });

  await step('the right code creates the account and signs in', async () => {
    await field('確認コード（6桁）').fill(code);
    await page.getByRole('button', { name: '確認してアカウントを作成' }).click();
    await visible(heading(`ようこそ、${displayName}さん`));
    await shoot('home-ja');
  });

  await step('log out', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'ログアウト' }).click();
    await visible(heading('ログイン'));
    await visible(alertWith('ログアウトしました。'));
  });

  await step('a wrong password is refused', async () => {
    await field('メールアドレスまたは携帯電話番号').fill(login);
    await field('パスワード').fill(`${password}-wrong`);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await visible(alertWith('ログインIDまたはパスワードが正しくありません。'));
    await shoot('login-error-ja');
  });

  await step('log in again', async () => {
    await field('パスワード').fill(password);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await visible(heading(`ようこそ、${displayName}さん`));
  });

  await step('settings show this device among the sessions', async () => {
    await navLink('設定').click();
    await visible(heading('設定'));
    await visible(page.locator('.badge', { hasText: 'この端末' }));
    await visible(page.getByText(login));
    await shoot('settings-ja');
    await shoot('settings-sessions-ja', page.getByRole('heading', { name: 'ログイン中の端末' }));
  });

  await step('profile screens read well in Japanese', async () => {
    await navLink('プロフィール').click();
    await visible(heading('プロフィールの編集'));
    await visible(page.getByRole('heading', { name: '誰に何が見えるか' }));
    // Every field has its audience control, labelled with what it is for.
    await visible(page.getByRole('combobox', { name: 'ひとこと紹介の公開範囲' }));
    await shoot('profile-edit-ja');
    await shoot('profile-edit-name-ja', page.locator('#name-legend'));
    await shoot('profile-edit-career-ja', page.getByRole('heading', { name: 'キャリアの希望' }));
    await page.getByRole('button', { name: '職歴を追加' }).click();
    await visible(page.getByRole('combobox', { name: '会社名' }));
    await shoot('profile-edit-position-ja', page.getByRole('combobox', { name: '会社名' }));
    // Taking the entry out again leaves nothing unsaved.
    await page.getByRole('button', { name: '「項目1」を削除' }).click();
    await visible(page.getByText('すべて保存済みです。'));
    await page.goto(`${base}/settings/privacy`, { waitUntil: 'domcontentloaded' });
    await visible(heading('プライバシー'));
    await visible(page.getByRole('switch', { name: /メンバー検索に表示する/ }));
    for (const name of [/メンバー検索に表示する/, /メールアドレスでの検索を許可/, /電話番号での検索を許可/]) {
      assert(!(await page.getByRole('switch', { name }).isChecked()), `${name} is off by default`);
    }
    const link = (await page.locator('#profile-link-url').textContent())?.trim() ?? '';
    assert(link.startsWith(`${base}/p/`), `the profile link is a full URL (${link})`);
    await shoot('privacy-ja');
    await shoot('privacy-shield-ja', page.getByRole('heading', { name: '勤務先シールド' }));
    // A new profile link needs a confirmation, and the old one stops working.
    await page.getByRole('button', { name: '新しいリンクを発行…' }).click();
    await visible(page.getByRole('heading', { name: '新しいリンクを発行しますか？' }));
    await shoot('privacy-link-confirm-ja', page.getByRole('heading', { name: '新しいリンクを発行しますか？' }));
    await page.getByRole('button', { name: '新しいリンクを発行', exact: true }).click();
    await visible(alertWith('新しいリンクを発行しました。'));
    const newLink = (await page.locator('#profile-link-url').textContent())?.trim() ?? '';
    assert(newLink.startsWith(`${base}/p/`) && newLink !== link, 'the link changed');
    const oldToken = decodeURIComponent(link.slice(`${base}/p/`.length));
    const old = await page.request.get(`${base}/api/v1/profile-links/${encodeURIComponent(oldToken)}`);
    assert(old.status() === 404, `the old link answers 404 (got ${old.status()})`);
    // Circles: create one.
    await field('新しいグループ').fill('前職の同僚');
    await page.getByRole('button', { name: 'グループを作成' }).click();
    await visible(alertWith('グループを作成しました。'));
    await visible(page.locator('.row', { hasText: '前職の同僚' }).getByText('メンバー0人'));
    await shoot('privacy-circles-ja', page.getByRole('heading', { name: 'グループ', exact: true }));
    await page.goto(`${base}/personas`, { waitUntil: 'domcontentloaded' });
    await visible(heading('匿名プロフィール'));
    await visible(page.getByText('匿名プロフィールとあなたを結びつけることは誰にもできません', { exact: false }));
    await shoot('personas-ja');
    await page.goto(`${base}/profile/preview`, { waitUntil: 'domcontentloaded' });
    await visible(heading('プロフィールの見え方'));
    await visible(page.getByText('プレビュー：つながっている人には、このように表示されます。'));
    await shoot('preview-ja');
    await navLink('設定').click();
    await visible(heading('設定'));
  });

  await step('switch the language to English', async () => {
    await page.getByRole('radio', { name: 'English' }).check();
    await visible(heading('Settings'));
    await visible(alertWith('Language saved.'));
    await visible(page.getByRole('heading', { name: 'Signed-in devices' }));
    assert((await htmlLang()) === 'en', 'html lang is en');
    await shoot('settings-en');
    await navLink('Home').click();
    await visible(heading(`Welcome, ${displayName}`));
    await shoot('home-en');
    await navLink('Settings').click();
    await visible(heading('Settings'));
  });

  await step('switch the language to 中文 and keep it after a reload', async () => {
    await page.getByRole('radio', { name: '简体中文' }).check();
    await visible(heading('设置'));
    await visible(alertWith('语言设置已保存。'));
    await visible(page.getByRole('heading', { name: '已登录的设备' }));
    assert((await htmlLang()) === 'zh-Hans', 'html lang is zh-Hans');
    await shoot('settings-zh-Hans');
    await page.reload({ waitUntil: 'domcontentloaded' }); // /settings itself serves the client
    await visible(heading('设置'));
    await page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
    await visible(heading(`欢迎你，${displayName}`));
    await shoot('home-zh-Hans');
    await navLink('设置').click();
    await visible(heading('设置'));
  });

  const companyName = `缘科技${unique}`;
  const schoolName = `清华大学${unique}`;

  await step('fill a profile in Chinese: name with pinyin and a headline', async () => {
    await navLink('我的资料').click();
    await visible(heading('编辑个人资料'));
    await field('姓').fill('王');
    await field('名').fill('芳');
    await field('姓的读音').fill('Wáng');
    await field('名的读音').fill('Fāng');
    await field('姓（英文/拼音）').fill('Wang');
    await field('名（英文/拼音）').fill('Fang');
    await field('一句话介绍').fill('数据工程师，专注金融科技');
    // The name shows family name first, with the pinyin above it and the Latin form after.
    await visible(page.locator('.name-preview rt', { hasText: 'Wáng' }));
    await visible(page.locator('.name-preview', { hasText: 'WANG Fang' }));
  });

  await step('add a position at a company created through the picker', async () => {
    await page.getByRole('button', { name: '添加工作经历' }).click();
    const picker = page.getByRole('combobox', { name: '公司' });
    await picker.fill(companyName);
    await page.getByRole('option', { name: `新建公司“${companyName}”` }).click();
    await visible(page.getByRole('heading', { name: '新建公司' }));
    // What was typed is offered as the Chinese name.
    assert((await field('中文名称').inputValue()) === companyName, 'the typed name fills the Chinese name');
    await shoot('company-create-zh-Hans', page.getByRole('heading', { name: '新建公司' }));
    await page.getByRole('button', { name: '添加公司' }).click();
    await visible(page.locator('.picked', { hasText: companyName }));
    await page.locator('#profile-positions-0-title').fill('高级数据工程师');
    await page.locator('#profile-positions-0-function').selectOption('engineering');
    await page.locator('#profile-positions-0-seniority').selectOption('senior');
    await page.locator('#profile-positions-0-start').fill('2021-04');
    assert(await page.getByRole('checkbox', { name: '目前仍在职' }).isChecked(), 'a new position is current');
    // Picking the same company again finds it.
    await page.getByRole('button', { name: `更改“${companyName}”` }).click();
    await visible(page.getByRole('option', { name: companyName, exact: true }));
    await page.getByRole('option', { name: companyName, exact: true }).click();
    await visible(page.locator('.picked', { hasText: companyName }));
  });

  await step('add an education entry and hide it from connections (only me)', async () => {
    await page.getByRole('button', { name: '添加教育经历' }).click();
    await page.getByRole('combobox', { name: '学校' }).fill(schoolName);
    await page.getByRole('option', { name: `新建学校“${schoolName}”` }).click();
    await visible(page.getByRole('heading', { name: '新建学校' }));
    assert((await field('国家或地区').first().inputValue()) === 'CN', 'a school created in Chinese defaults to China');
    await page.getByRole('button', { name: '添加学校' }).click();
    await visible(page.locator('.picked', { hasText: schoolName }));
    await page.locator('#profile-education-0-degree').fill('学士');
    await page.locator('#profile-education-0-field').fill('计算机科学');
    await page.locator('#profile-education-0-start').fill('2012-09');
    await page.locator('#profile-education-0-end').fill('2016-07');
    const audience = page.getByRole('combobox', { name: `${schoolName}的公开范围` });
    assert((await audience.inputValue()) === 'connections', 'a new entry is for connections');
    await audience.selectOption('only_me');
    await visible(page.locator('#education-heading + .visible-to', { hasText: '公开范围：仅自己' }));
    await visible(page.locator('.who-sees-list li', { hasText: `教育经历：${schoolName}` }).locator('.audience-badge', { hasText: '仅自己' }));
  });

  await step('save the profile', async () => {
    await page.getByRole('button', { name: '保存资料' }).click();
    await visible(alertWith('资料已保存。'));
    await visible(page.getByText('所有修改均已保存。'));
    await shoot('profile-saved-zh-Hans', page.getByRole('button', { name: '保存资料' }));
    // A reload shows what the server kept.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await visible(heading('编辑个人资料'));
    assert((await field('姓').inputValue()) === '王', 'the family name was saved');
    assert((await page.locator('#profile-education-0-audience').inputValue()) === 'only_me', 'the education is for me only');
    await visible(page.locator('.picked', { hasText: companyName }));
    // Labels, error messages and focus all go by id: each must be unique.
    const duplicates = await page.evaluate(() => {
      const seen = new Map();
      for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    });
    assert(duplicates.length === 0, `duplicate ids: ${duplicates.join(', ')}`);
  });

  await step('preview as a connection: the position shows, the education does not', async () => {
    await page.getByRole('link', { name: '预览他人视角' }).first().click();
    await visible(heading('预览个人资料'));
    assert(await page.getByRole('radio', { name: '一度人脉' }).isChecked(), 'a connection is the first viewer shown');
    await visible(page.getByText('预览：这是一度人脉看到的样子。'));
    const result = page.locator('.preview-result');
    await visible(result.getByRole('heading', { name: '工作经历' }));
    await visible(result.getByText('高级数据工程师'));
    await visible(result.getByText(companyName));
    await visible(result.locator('rt', { hasText: 'Fāng' }));
    assert((await result.getByText(schoolName).count()) === 0, 'the school is hidden from connections');
    assert((await result.getByRole('heading', { name: '教育经历' }).count()) === 0, 'no education section at all');
    assert((await result.locator('a, button, input, select, textarea').count()) === 0, 'nothing in the preview can be clicked');
    await shoot('preview-connection-zh-Hans');
    await page.getByRole('radio', { name: '未登录的访客' }).check();
    await visible(page.getByText('预览：这是未登录的访客看到的样子。'));
    await visible(page.getByText('对方看不到你的资料。'));
    await shoot('preview-signed-out-zh-Hans');
    await navLink('设置').click();
    await visible(heading('设置'));
  });

  await step('export downloads JSON with the display name', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: NAV_TIMEOUT_MS }),
      page.getByRole('button', { name: '下载我的数据' }).click(),
    ]);
    const file = join(RESULTS, 'export.json');
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    const data = JSON.parse(text);
    assert(JSON.stringify(data).includes(displayName), 'the export contains the display name');
    assert(JSON.stringify(data).includes(login), 'the export contains the login');
    await visible(alertWith('已开始下载。'));
    await shoot('export-zh-Hans', page.getByRole('button', { name: '下载我的数据' }));
  });

  await step('delete the account after an explicit confirmation', async () => {
    await page.getByRole('button', { name: '注销账号…' }).click();
    await visible(page.getByRole('heading', { name: '确定要注销吗？' }));
    await field('请输入密码以确认').fill(password);
    await page.getByRole('button', { name: '永久注销账号' }).click();
    await visible(page.locator('.field-error', { hasText: '请勾选以确认。' }));
    await shoot('delete-confirm-zh-Hans', page.getByRole('button', { name: '永久注销账号' }));
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: '永久注销账号' }).click();
    await visible(heading('登录'));
    await visible(alertWith('你的账号及全部数据已删除。'));
    await shoot('deleted-zh-Hans');
  });

  await step('logging in to the deleted account fails', async () => {
    await field('邮箱或手机号').fill(login);
    await field('密码').fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await visible(alertWith('账号或密码不正确。'));
    assert((await heading('登录').count()) === 1, 'still on the login page');
    const r = await fetch(`${base}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login, password }),
      signal: AbortSignal.timeout(ACTION_TIMEOUT_MS),
    });
    assert(r.status === 401, `API login answers 401 (got ${r.status})`);
  });

  /** A browser of its own for the steps with several members; closed at cleanup. */
  const launchBrowser = async (extraArgs = []) => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 30_000 });
    browsers.push(browser);
    return browser;
  };

  await relationshipSteps({
    step,
    base,
    readCode,
    launchBrowser,
    tempDir: () => {
      const dir = mkdtempSync(join(tmpdir(), 'enishi-e2e-'));
      tempDirs.push(dir);
      return dir;
    },
    pageErrors,
  });

  await messagingSteps({
    step,
    base,
    readCode,
    launchBrowser,
    pageErrors,
  });

  await introductionSteps({
    step,
    base,
    readCode,
    launchBrowser,
    pageErrors,
  });

  await searchSteps({
    step,
    base,
    readCode,
    launchBrowser,
    pageErrors,
  });

  await step('no script errors in the pages', async () => {
    assert(pageErrors.length === 0, `page errors:\n${pageErrors.join('\n')}`);
  });

  if (stopAfterFailure && page) {
    await page.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true, timeout: 5000 }).catch(() => {});
    log(`page at failure: ${page.url()} (screenshot test-results/screenshots/failure.png)`);
  }
}

let exitCode = 1;
try {
  await main();
} catch (e) {
  results.push({ name: 'harness', status: 'failed', error: e });
  log(`FAIL  harness: ${e?.stack ?? e}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  if (failed > 0 && existsSync(join(RESULTS, 'server.log'))) {
    const tail = readFileSync(join(RESULTS, 'server.log'), 'utf8').split('\n').slice(-20).join('\n');
    log(`--- last lines of test-results/server.log ---\n${tail}`);
  }
  writeFileSync(join(RESULTS, 'e2e-results.json'), JSON.stringify(results.map(({ name, status, error }) => ({ name, status, error: error ? String(error) : undefined })), null, 2));
  exitCode = failed === 0 && passed > 0 ? 0 : 1;
  log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exit(exitCode);
