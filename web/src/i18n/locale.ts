import type { Locale } from '../api/types';

export const LOCALES: readonly Locale[] = ['ja', 'zh-Hans', 'en'];

/** Each language's name in itself, as the switcher shows it. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  ja: '日本語',
  'zh-Hans': '简体中文',
  en: 'English',
};

/** Where this device remembers the chosen language. */
export const STORAGE_KEY = 'enishi.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag to a supported locale: zh* → zh-Hans, ja* → ja, en* → en. */
export function localeFromTag(tag: string): Locale | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-Hans';
  if (primary === 'ja') return 'ja';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * Chooses the UI language: the choice saved on this device first, then the
 * first of the browser's preferred languages that we support, else English.
 */
export function chooseLocale(saved: string | null | undefined, languages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const tag of languages) {
    const locale = localeFromTag(tag);
    if (locale) return locale;
  }
  return 'en';
}

type ReadableStorage = Pick<Storage, 'getItem'>;
type WritableStorage = Pick<Storage, 'setItem'>;

function defaultStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled by the browser
  }
}

export function loadSavedLocale(storage: ReadableStorage | undefined = defaultStorage()): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function saveLocale(locale: Locale, storage: WritableStorage | undefined = defaultStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode or quota: the choice lasts for this page only */
  }
}

/** The browser's preferred languages, most preferred first. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages && navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

export function initialLocale(): Locale {
  return chooseLocale(loadSavedLocale(), browserLanguages());
}

/** Sets <html lang> (and the title direction stays ltr for all three). */
export function applyDocumentLocale(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
