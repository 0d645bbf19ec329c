// Locale-aware formatting of profile values: months, salary bands, language and country names.
import type { Career, Locale } from '../api/types';

const MONTH = /^(\d{4})-(\d{2})$/;

/** "2021-04" → "2021年4月" / "Apr 2021"; anything unreadable is returned as it came. */
export function formatMonth(ym: string, locale: Locale): string {
  const m = MONTH.exec(ym);
  if (!m) return ym;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** "2021年4月 – 現在": the end is `present` when absent. */
export function formatMonthRange(start: string, end: string | undefined, locale: Locale, present: string): string {
  return `${formatMonth(start, locale)} – ${end ? formatMonth(end, locale) : present}`;
}

function money(amount: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: amount >= 10_000 ? 'compact' : 'standard',
      maximumFractionDigits: amount >= 10_000 ? 1 : 0,
    }).format(amount);
  } catch {
    return `${amount.toLocaleString(locale)} ${currency}`;
  }
}

/** "￥800万 – ￥1200万", "¥8M+" or "up to ¥12M" for a salary band; undefined without one. */
export function formatSalary(career: Career, locale: Locale, labels: { from: (v: string) => string; upTo: (v: string) => string }): string | undefined {
  const currency = career.salary_currency;
  if (!currency) return undefined;
  const { salary_min: min, salary_max: max } = career;
  if (min !== undefined && max !== undefined) return `${money(min, currency, locale)} – ${money(max, currency, locale)}`;
  if (min !== undefined) return labels.from(money(min, currency, locale));
  if (max !== undefined) return labels.upTo(money(max, currency, locale));
  return undefined;
}

function displayNames(locale: Locale, type: 'language' | 'region'): Intl.DisplayNames | undefined {
  try {
    return new Intl.DisplayNames([locale], { type, fallback: 'code' });
  } catch {
    return undefined;
  }
}

/** The name of a language tag in the UI language: "zh-Hans" → "中国語（簡体字）". */
export function languageName(tag: string, locale: Locale): string {
  try {
    return displayNames(locale, 'language')?.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The name of a country code in the UI language: "JP" → "日本". */
export function countryName(code: string, locale: Locale): string {
  try {
    return displayNames(locale, 'region')?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Initials for a photo placeholder: the first character of each name part, at most two. */
export function initials(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  // CJK names: the first character (the family name) is what people use.
  const first = [...(words[0] as string)][0] ?? '?';
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(first)) return first;
  const second = words.length > 1 ? ([...(words.at(-1) as string)][0] ?? '') : '';
  return (first + second).toUpperCase();
}

/**
 * Which of a new company's or school's names the typed text most likely is: kana means
 * Japanese, Latin letters only mean English; Han characters alone could be either, so the
 * UI language decides (Chinese for zh-Hans, else Japanese).
 */
export function guessNameLanguage(text: string, locale: Locale): 'ja' | 'zh' | 'en' {
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Han}/u.test(text)) return locale === 'zh-Hans' ? 'zh' : 'ja';
  if (/\p{Script=Latin}/u.test(text)) return 'en';
  return locale === 'zh-Hans' ? 'zh' : locale === 'ja' ? 'ja' : 'en';
}
