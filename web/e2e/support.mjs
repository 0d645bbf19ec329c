// What the browser tests share: time limits, screen sizes, browser flags, assertions, screenshots,
// and members signed up and connected through the API.

import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS = join(WEB_DIR, 'test-results');
export const SHOTS = join(RESULTS, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ACTION_TIMEOUT_MS = 10_000;
export const NAV_TIMEOUT_MS = 15_000;
export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

/** The browser locale and time zone of a member who speaks each language, as context options. */
export const BROWSER_LOCALES = {
  ja: { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' },
  'zh-Hans': { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  en: { locale: 'en-GB', timezoneId: 'Europe/London' },
};

/** Flags for a headless Chromium that talks to nothing but the server under test. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

/** Waits until the first element of `locator` is visible. */
export const visible = (locator) => locator.first().waitFor({ state: 'visible', timeout: ACTION_TIMEOUT_MS });

/**
 * Screenshots of `page` as `<name>-phone.png` (what the screen shows, scrolled to `target` if
 * given) and `<name>-desktop.png` (the whole page); leaves the page at phone size.
 */
export async function screenshot(page, name, target) {
  for (const [kind, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    if (target) await target.first().scrollIntoViewIfNeeded({ timeout: ACTION_TIMEOUT_MS });
    else await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({
      path: join(SHOTS, `${name}-${kind}.png`),
      fullPage: kind === 'desktop',
      timeout: ACTION_TIMEOUT_MS,
    });
  }
  await page.setViewportSize(VIEWPORTS.phone);
}

/** A token that sets one run's members and texts apart from earlier runs' on the same server. */
export const runToken = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/**
 * Wraps the harness's `step` so that a failing step first leaves a picture of each member's
 * screen, as `<prefix>-<key>.png` (members without a page yet are passed over).
 */
export function stepWithScreenshots(step, members, prefix) {
  return (name, fn) =>
    step(name, async () => {
      try {
        await fn();
      } catch (e) {
        for (const m of members) {
          await m.page?.screenshot({ path: join(SHOTS, `${prefix}-${m.key}.png`), fullPage: true, timeout: 5000 }).catch(() => {});
        }
        throw e;
      }
    });
}

/** Asserts that the server's OpenAPI document lists each of `paths`. */
export async function assertEndpoints(base, paths) {
  const r = await fetch(`${base}/api/v1/openapi.json`, { signal: AbortSignal.timeout(ACTION_TIMEOUT_MS) });
  const listed = Object.keys((await r.json()).paths ?? {});
  for (const path of paths) {
    assert(listed.includes(path), `${path} is missing from the server's OpenAPI document`);
  }
}

/** The session's CSRF token in a browser context, as its pages would send it. */
async function csrfToken(context, base) {
  const cookie = (await context.cookies(base)).find((x) => x.name === 'enishi_csrf');
  assert(cookie, 'the session has a CSRF cookie');
  return decodeURIComponent(cookie.value);
}

/** A call to the API with the session of a browser context; resolves to the decoded answer. */
export async function apiCall(context, base, method, path, data) {
  const headers = method === 'GET' ? {} : { 'X-CSRF-Token': await csrfToken(context, base) };
  const r = await context.request.fetch(`${base}${path}`, { method, headers, data, timeout: ACTION_TIMEOUT_MS });
  const text = await r.text();
  assert(r.ok(), `${method} ${path} answered ${r.status()}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Signs a member up through the API in a browser context (which keeps the session), with the
 * code `readCode(login)` finds in the outbox; resolves to the new member's id.
 */
export async function signUpThroughApi(context, base, readCode, { login, password, name, locale }) {
  const signup = await context.request.post(`${base}/api/v1/signup`, { data: { login, password, display_name: name, locale } });
  assert(signup.status() === 202, `sign-up of ${login} answered ${signup.status()}`);
  const verified = await context.request.post(`${base}/api/v1/signup/verify`, { data: { login, code: await readCode(login) } });
  assert(verified.status() === 201, `verification of ${login} answered ${verified.status()}`);
  return (await verified.json()).member.id;
}

/**
 * Makes the members of a test that signs them up through the API (signUpMembers): each has the
 * screen texts `ui[locale]`, and a login and password unique to the run `token`, told apart from
 * other tests' by `tag` and `passwordStem`.
 */
export function apiMemberMaker(ui, { tag, passwordStem, token }) {
  return (key, locale, name) => ({
    key,
    locale,
    ui: ui[locale],
    name,
    login: `e2e-${tag}-${key}-${token}@example.jp`,
    password: `${passwordStem}-${key}-${token}`,
    id: '',
    context: null,
    page: null,
  });
}

/**
 * Gives each member a browser context of their own, in the locale and time zone of their
 * language at phone size, and a page whose errors go to `h.pageErrors`, then signs them up through the API; sets
 * each member's context, page and id. `h`: { base, readCode(login), launchBrowser(), pageErrors }.
 */
export async function signUpMembers(h, members) {
  const browser = await h.launchBrowser();
  for (const m of members) {
    m.context = await browser.newContext({ ...BROWSER_LOCALES[m.locale], viewport: VIEWPORTS.phone });
    m.context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    m.context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
    m.page = await m.context.newPage();
    watchErrors(m.page, h.pageErrors);
    m.id = await signUpThroughApi(m.context, h.base, h.readCode, m);
  }
}

/** Connects the members of two browser contexts at once: each scans the other's card. */
export async function connectThroughCards(base, x, y) {
  const yCard = await apiCall(y, base, 'GET', '/api/v1/me/card');
  const xCard = await apiCall(x, base, 'GET', '/api/v1/me/card');
  await apiCall(x, base, 'POST', '/api/v1/cards/scan', { code: yCard.code });
  const done = await apiCall(y, base, 'POST', '/api/v1/cards/scan', { code: xCard.code });
  assert(done.outcome === 'connected', `the two are connected (${done.outcome})`);
}

/** Collects console errors and uncaught exceptions of a page (CSP violations show up there too). */
export function watchErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
}

/**
 * Writes a short Y4M video showing `text` as a QR code, dark on light, for Chromium's fake
 * camera (--use-file-for-fake-video-capture), which plays it in a loop.
 */
export function writeQrVideo(path, text, { width = 640, height = 480, moduleSize = 8 } = {}) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const luma = Buffer.alloc(width * height, 235);
  const left = Math.floor((width - modules.size * moduleSize) / 2);
  const top = Math.floor((height - modules.size * moduleSize) / 2);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < moduleSize; y++) {
        const start = (top + row * moduleSize + y) * width + left + col * moduleSize;
        luma.fill(16, start, start + moduleSize);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128); // grey: no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, frame, frame, frame]));
}
