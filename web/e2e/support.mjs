// What the browser tests share: time limits, screen sizes, browser flags, assertions, screenshots.

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
