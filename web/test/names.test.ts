import { describe, expect, it } from 'vitest';
import type { PersonName } from '../src/api/types';
import { displayName, emptyPersonName, isEmptyName, otherNames, pickName } from '../src/profile/names';

const name = (over: Partial<PersonName>): PersonName => ({ ...emptyPersonName('ja'), ...over });

describe('pickName (company and school names by UI language)', () => {
  const sony = { ja: 'ソニーグループ', zh: '索尼集团', en: 'Sony Group' };
  it('takes the name in the UI language', () => {
    expect(pickName(sony, 'ja')).toEqual({ text: 'ソニーグループ', lang: 'ja' });
    expect(pickName(sony, 'zh-Hans')).toEqual({ text: '索尼集团', lang: 'zh-Hans' });
    expect(pickName(sony, 'en')).toEqual({ text: 'Sony Group', lang: 'en' });
  });
  it('falls back ja ↔ zh before English, and English readers to ja then zh', () => {
    expect(pickName({ zh: '阿里巴巴', en: 'Alibaba' }, 'ja').text).toBe('阿里巴巴');
    expect(pickName({ ja: 'トヨタ自動車', en: 'Toyota' }, 'zh-Hans').text).toBe('トヨタ自動車');
    expect(pickName({ en: 'Toyota' }, 'zh-Hans').text).toBe('Toyota');
    expect(pickName({ ja: '京都大学', zh: '京都大学（中）' }, 'en').text).toBe('京都大学');
    expect(pickName({ zh: '清华大学' }, 'en')).toEqual({ text: '清华大学', lang: 'zh-Hans' });
  });
  it('skips blank names, then uses the reading', () => {
    expect(pickName({ ja: '  ', en: 'Mercari' }, 'ja').text).toBe('Mercari');
    expect(pickName({ reading: 'めるかり' }, 'ja')).toEqual({ text: 'めるかり', lang: undefined });
    expect(pickName(undefined, 'ja').text).toBe('');
    expect(pickName({}, 'en').text).toBe('');
  });
  it('lists the other names without repeating the picked one', () => {
    expect(otherNames({ ja: 'ソニー', zh: '索尼', en: 'Sony' }, 'en').map((n) => n.text)).toEqual(['ソニー', '索尼']);
    expect(otherNames({ ja: '京都大学', zh: '京都大学', en: 'Kyoto University' }, 'ja').map((n) => n.text)).toEqual([
      'Kyoto University',
    ]);
  });
});

describe('displayName (person names)', () => {
  it('Chinese name with pinyin: family first, no space, Latin with the family name in capitals', () => {
    const d = displayName(
      name({ family: '王', given: '芳', family_reading: 'Wáng', given_reading: 'Fāng', latin_family: 'Wang', latin_given: 'Fang' }),
      'en',
    );
    expect(d.full).toBe('王芳');
    expect(d.parts).toEqual([
      { text: '王', reading: 'Wáng' },
      { text: '芳', reading: 'Fāng' },
    ]);
    expect(d.reading).toBe('Wáng Fāng');
    expect(d.latin).toBe('WANG Fang');
    expect(d.lang).toBe('zh-Hans');
  });
  it('Japanese name read in kana: family first with a space', () => {
    const d = displayName(
      name({ family: '山田', given: '花子', family_reading: 'やまだ', given_reading: 'はなこ', latin_family: 'Yamada', latin_given: 'Hanako' }),
      'zh-Hans',
    );
    expect(d.full).toBe('山田 花子');
    expect(d.reading).toBe('やまだ はなこ');
    expect(d.latin).toBe('YAMADA Hanako');
    expect(d.lang).toBe('ja');
  });
  it('a name in kana is Japanese whatever the UI language', () => {
    expect(displayName(name({ family: '佐藤', given: 'みゆき' }), 'zh-Hans').full).toBe('佐藤 みゆき');
  });
  it('Han-only name without a reading: the UI language decides the space', () => {
    const n = name({ family: '李', given: '明' });
    expect(displayName(n, 'ja').full).toBe('李 明');
    expect(displayName(n, 'zh-Hans').full).toBe('李明');
    expect(displayName(n, 'en').full).toBe('李明');
    expect(displayName(n, 'en').lang).toBeUndefined();
  });
  it('given-first names keep their order and case', () => {
    const d = displayName(
      { ...name({ family: 'Schmidt', given: 'Anna', latin_family: 'Schmidt', latin_given: 'Anna' }), order: 'given_first' },
      'ja',
    );
    expect(d.full).toBe('Anna Schmidt');
    expect(d.latin).toBe('Anna Schmidt');
    expect(d.separator).toBe(' ');
  });
  it('katakana reading of a Western name sits over the right parts', () => {
    const d = displayName(
      { ...name({ family: 'Smith', given: 'John', family_reading: 'スミス', given_reading: 'ジョン' }), order: 'given_first' },
      'ja',
    );
    expect(d.parts).toEqual([
      { text: 'John', reading: 'ジョン' },
      { text: 'Smith', reading: 'スミス' },
    ]);
  });
  it('missing parts are left out', () => {
    const d = displayName(name({ family: '王', latin_given: 'Fang' }), 'zh-Hans');
    expect(d.full).toBe('王');
    expect(d.latin).toBe('Fang');
    expect(d.reading).toBe('');
    expect(isEmptyName(name({ latin_family: 'Wang' }))).toBe(true);
    expect(isEmptyName(name({ given: '芳' }))).toBe(false);
    expect(isEmptyName(undefined)).toBe(true);
  });
  it('a new name follows the UI language: family first unless in English', () => {
    expect(emptyPersonName('ja').order).toBe('family_first');
    expect(emptyPersonName('zh-Hans').order).toBe('family_first');
    expect(emptyPersonName('en').order).toBe('given_first');
  });
});
