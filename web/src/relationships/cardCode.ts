// Business-card codes as members see, type and scan them. The server reads a typed code
// leniently (case, spaces and hyphens do not matter; O reads as 0, I and L as 1); reading it the
// same way here catches a mistyped code before it is sent, and finds the code in a scanned QR
// code, which may hold the card's address rather than the bare code.
import type { Card } from '../api/types';
import type { MessageKey } from '../i18n/translate';

export const CARD_CODE_LENGTH = 10;

/** Crockford's base32, the codes' alphabet: no I, L, O or U. */
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]*$/;

/**
 * Separators people type between groups: spaces (also the ideographic one), hyphens and dashes,
 * and the long-vowel mark a Japanese input method gives for "-".
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u30fc\uff70]/g;

/** The code as the server keeps it ("ABCDE12345"), or undefined when `typed` cannot be one. */
export function normalizeCardCode(typed: string): string | undefined {
  const code = typed
    .normalize('NFKC') // full-width letters and digits from a Japanese or Chinese keyboard
    .replace(SEPARATORS, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return code.length === CARD_CODE_LENGTH && CROCKFORD.test(code) ? code : undefined;
}

/** What is wrong with a typed code before it is sent (`ownCode`: the member's own), if anything. */
export function typedCodeProblem(typed: string, ownCode: string | undefined): MessageKey | undefined {
  if (typed.trim() === '') return 'errors.required';
  const code = normalizeCardCode(typed);
  if (!code) return 'errors.card_code_invalid';
  return code === ownCode ? 'errors.card_own' : undefined;
}

/** "ABCDE12345" → "ABCDE-12345": two groups of five are easier to read out and type. */
export function formatCardCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return code.length === CARD_CODE_LENGTH ? `${code.slice(0, half)}-${code.slice(half)}` : code;
}

/**
 * The card code in what a QR code held: the code itself, or a card address that carries it as
 * its last path segment or its `code` parameter. Undefined when it holds no card code.
 */
export function codeFromScanned(text: string): string | undefined {
  const bare = normalizeCardCode(text);
  if (bare) return bare;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const param = url.searchParams.get('code');
  if (param !== null) return normalizeCardCode(param);
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return normalizeCardCode(decodeURIComponent(last));
  } catch {
    return undefined;
  }
}

/** The address of this client's page for a card code: opening it offers to exchange cards. */
export function cardPagePath(code: string): string {
  return `/c/${encodeURIComponent(code)}`;
}

/**
 * The card's full address, as the QR code holds it: the server's path for it (else this
 * client's card page) on this origin, so that another phone's camera can open it.
 */
export function cardUrl(card: Card, origin: string): string {
  return new URL(card.url || cardPagePath(card.code), origin).href;
}
