import { describe, expect, it } from 'vitest';
import { chooseLocale, isLocale, loadSavedLocale, localeFromTag, saveLocale, STORAGE_KEY } from '../src/i18n/locale';

describe('localeFromTag', () => {
  it.each([
    ['zh', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh-Hans-CN', 'zh-Hans'],
    ['zh-TW', 'zh-Hans'],
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['JA_jp', 'ja'],
    ['en', 'en'],
    ['en-GB', 'en'],
  ])('%s → %s', (tag, locale) => {
    expect(localeFromTag(tag)).toBe(locale);
  });
  it('returns undefined for unsupported languages', () => {
    expect(localeFromTag('fr-FR')).toBeUndefined();
    expect(localeFromTag('')).toBeUndefined();
  });
});

describe('chooseLocale', () => {
  it('prefers the saved choice', () => {
    expect(chooseLocale('zh-Hans', ['ja-JP'])).toBe('zh-Hans');
    expect(chooseLocale('en', ['ja-JP', 'zh-CN'])).toBe('en');
  });
  it('ignores an invalid saved value', () => {
    expect(chooseLocale('de', ['ja-JP'])).toBe('ja');
    expect(chooseLocale('', ['zh-CN'])).toBe('zh-Hans');
  });
  it('follows the browser languages in order of preference', () => {
    expect(chooseLocale(null, ['ja-JP', 'en-US'])).toBe('ja');
    expect(chooseLocale(null, ['zh-CN', 'ja'])).toBe('zh-Hans');
    expect(chooseLocale(null, ['en-US', 'ja'])).toBe('en');
  });
  it('skips unsupported languages', () => {
    expect(chooseLocale(null, ['fr-FR', 'ko', 'ja'])).toBe('ja');
  });
  it('falls back to English', () => {
    expect(chooseLocale(null, [])).toBe('en');
    expect(chooseLocale(undefined, ['de-DE'])).toBe('en');
  });
});

describe('saved choice', () => {
  it('round-trips through storage', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    expect(loadSavedLocale(storage)).toBeNull();
    saveLocale('ja', storage);
    expect(store.get(STORAGE_KEY)).toBe('ja');
    expect(loadSavedLocale(storage)).toBe('ja');
  });
  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadSavedLocale(broken)).toBeNull();
    expect(() => saveLocale('en', broken)).not.toThrow();
  });
  it('isLocale accepts exactly the three locales', () => {
    expect(['ja', 'zh-Hans', 'en'].every(isLocale)).toBe(true);
    expect(isLocale('zh')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
