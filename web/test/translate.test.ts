import { describe, expect, it } from 'vitest';
import { interpolate, lookup, translate } from '../src/i18n/translate';

describe('interpolate', () => {
  it('replaces placeholders', () => {
    expect(interpolate('Welcome, {name}', { name: 'Aiko' })).toBe('Welcome, Aiko');
  });
  it('replaces every occurrence and numbers', () => {
    expect(interpolate('{n} + {n} = {sum}', { n: 2, sum: 4 })).toBe('2 + 2 = 4');
  });
  it('leaves unknown placeholders as written', () => {
    expect(interpolate('Hello {who}', { name: 'x' })).toBe('Hello {who}');
  });
  it('returns the template without params', () => {
    expect(interpolate('Hello {who}')).toBe('Hello {who}');
  });
  it('does not interpret replacement patterns in values', () => {
    expect(interpolate('A {x} B', { x: '$& $1' })).toBe('A $& $1 B');
  });
});

describe('lookup', () => {
  it('finds nested keys and rejects non-strings', () => {
    const catalog = { a: { b: 'deep' }, c: 'flat' };
    expect(lookup(catalog, 'a.b')).toBe('deep');
    expect(lookup(catalog, 'c')).toBe('flat');
    expect(lookup(catalog, 'a')).toBeUndefined();
    expect(lookup(catalog, 'a.b.c')).toBeUndefined();
    expect(lookup(catalog, 'missing.key')).toBeUndefined();
  });
});

describe('translate', () => {
  it('uses the locale catalog with interpolation', () => {
    expect(translate('en', 'home.welcome', { name: 'Aiko' })).toBe('Welcome, Aiko');
    expect(translate('ja', 'home.welcome', { name: '愛子' })).toBe('ようこそ、愛子さん');
    expect(translate('zh-Hans', 'nav.settings')).toBe('设置');
  });
  it('falls back to the key for an unknown key', () => {
    // @ts-expect-error: not a real key
    expect(translate('ja', 'no.such.key')).toBe('no.such.key');
  });
});
