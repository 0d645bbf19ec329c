import en from './en.json';
import ja from './ja.json';
import zhHans from './zh-Hans.json';
import type { Locale } from '../api/types';

/** The shape of a catalog; en.json is the reference. */
export type Catalog = typeof en;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every dotted key of the catalogs, e.g. "signup.login_label". */
export type MessageKey = Leaves<Catalog>;

export type Params = Readonly<Record<string, string | number>>;

export const catalogs: Readonly<Record<Locale, Catalog>> = { en, ja, 'zh-Hans': zhHans };

/** Returns the string at a dotted key of a nested catalog, or undefined. */
export function lookup(catalog: unknown, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Replaces every {name} with params.name; unknown placeholders stay as written. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Translates a key for a locale; falls back to English, then to the key itself. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = lookup(catalogs[locale], key) ?? lookup(catalogs.en, key) ?? key;
  return interpolate(template, params);
}

export type TranslateFn = (key: MessageKey, params?: Params) => string;
