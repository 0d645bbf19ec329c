import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en.json';
import ja from '../src/i18n/ja.json';
import zhHans from '../src/i18n/zh-Hans.json';

type Tree = { [key: string]: string | Tree };

/** Flattens a nested catalog to dotted key → string value. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null) {
      for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    } else {
      out.set(key, v);
    }
  }
  return out;
}

const catalogs = { en, ja, 'zh-Hans': zhHans } as Record<string, Tree>;
const reference = flatten(en as Tree);

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('i18n catalogs', () => {
  it('has a reasonable number of messages', () => {
    expect(reference.size).toBeGreaterThan(50);
  });

  for (const [name, catalog] of Object.entries(catalogs)) {
    const flat = flatten(catalog);

    it(`${name} has exactly the keys of en`, () => {
      expect([...flat.keys()].sort()).toEqual([...reference.keys()].sort());
    });

    it(`${name} has only non-empty string values`, () => {
      for (const [key, value] of flat) {
        expect(typeof value, key).toBe('string');
        expect((value as string).trim().length, key).toBeGreaterThan(0);
      }
    });

    it(`${name} uses the same placeholders as en`, () => {
      for (const [key, value] of flat) {
        expect(placeholders(value as string), key).toEqual(placeholders(reference.get(key) as string));
      }
    });
  }

  it('ja and zh-Hans are really translated (mostly non-ASCII)', () => {
    for (const name of ['ja', 'zh-Hans']) {
      const flat = flatten(catalogs[name] as Tree);
      let translated = 0;
      for (const value of flat.values()) if (/[^\x00-\x7f]/.test(value as string)) translated++;
      expect(translated / flat.size, name).toBeGreaterThan(0.95);
    }
  });
});
