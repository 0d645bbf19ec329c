// How names are shown: company and school names in the UI language, and a person's name in
// its own order with its reading (furigana or pinyin) and Latin form.
import type { Locale, Names, PersonName } from '../api/types';

/** The language a picked name is written in, for the `lang` attribute (CJK glyphs differ). */
export type NameLang = 'ja' | 'zh-Hans' | 'en';

export interface PickedName {
  text: string;
  lang: NameLang | undefined;
}

/** Which name of a Names to show first, by UI language. */
const PREFERENCE: Readonly<Record<Locale, readonly (keyof Names & ('ja' | 'zh' | 'en'))[]>> = {
  ja: ['ja', 'zh', 'en'],
  'zh-Hans': ['zh', 'ja', 'en'],
  en: ['en', 'ja', 'zh'],
};

const LANG_OF = { ja: 'ja', zh: 'zh-Hans', en: 'en' } as const;

/**
 * Picks the name of a company or school for the UI language: the name in that language,
 * else the others in a fixed order (Japanese and Chinese readers share Han characters, so
 * ja and zh stand in for each other before English does), else the reading.
 */
export function pickName(names: Names | undefined, locale: Locale): PickedName {
  if (names) {
    for (const key of PREFERENCE[locale]) {
      const text = names[key]?.trim();
      if (text) return { text, lang: LANG_OF[key] };
    }
    const reading = names.reading?.trim();
    if (reading) return { text: reading, lang: undefined };
  }
  return { text: '', lang: undefined };
}

/** The other names of an entity, for a hint under the picked one ("Sony · ソニー"). */
export function otherNames(names: Names | undefined, locale: Locale): PickedName[] {
  if (!names) return [];
  const first = pickName(names, locale).text;
  const seen = new Set([first]);
  const out: PickedName[] = [];
  for (const key of PREFERENCE[locale]) {
    const text = names[key]?.trim();
    if (text && !seen.has(text)) {
      seen.add(text);
      out.push({ text, lang: LANG_OF[key] });
    }
  }
  return out;
}

const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN = /\p{Script=Latin}/u;

export interface NamePart {
  text: string;
  reading: string;
}

export interface NameDisplay {
  /** The name in display order, each part with its reading (may be empty). */
  parts: NamePart[];
  /** What goes between the parts: nothing for a Chinese name, a space otherwise. */
  separator: '' | ' ';
  /** The parts joined: "王芳", "山田 花子", "Anna Schmidt". */
  full: string;
  /** The readings joined with a space: "Wáng Fāng", "やまだ はなこ"; empty without any. */
  reading: string;
  /** The Latin form: "WANG Fang" (family name in capitals when it comes first), "Anna Schmidt". */
  latin: string;
  /** The language the name is written in, when the script tells: a Japanese or a Chinese name. */
  lang: 'ja' | 'zh-Hans' | undefined;
}

/**
 * Lays out a person's name. Family-first names (Japanese, Chinese) show the family name
 * first; a Chinese name is written without a space, a Japanese one with a space (a name
 * with kana, or read in kana, is Japanese; one read in pinyin is Chinese; otherwise the UI
 * language decides). The Latin form follows the same order, with a family-first family
 * name in capitals so that readers of either order can tell which is which.
 */
export function displayName(name: PersonName, locale: Locale): NameDisplay {
  const familyFirst = name.order !== 'given_first';
  const ordered: NamePart[] = [
    { text: name.family.trim(), reading: name.family_reading.trim() },
    { text: name.given.trim(), reading: name.given_reading.trim() },
  ];
  if (!familyFirst) ordered.reverse();
  const parts = ordered.filter((p) => p.text !== '');

  const text = parts.map((p) => p.text).join('');
  const readings = parts.map((p) => p.reading).filter((r) => r !== '');
  let separator: '' | ' ' = ' ';
  let lang: 'ja' | 'zh-Hans' | undefined;
  if (text !== '' && HAN_OR_KANA.test(text) && !LATIN.test(text)) {
    const joinedReading = readings.join('');
    if (KANA.test(text) || KANA.test(joinedReading)) lang = 'ja';
    else if (LATIN.test(joinedReading)) lang = 'zh-Hans';
    separator = lang === 'ja' || (lang === undefined && locale === 'ja') ? ' ' : '';
  }

  const latinFamily = name.latin_family.trim();
  const latinGiven = name.latin_given.trim();
  let latin: string;
  if (familyFirst) {
    latin = [latinFamily.toLocaleUpperCase('en'), latinGiven].filter(Boolean).join(' ');
  } else {
    latin = [latinGiven, latinFamily].filter(Boolean).join(' ');
  }

  return {
    parts,
    separator,
    full: parts.map((p) => p.text).join(separator),
    reading: readings.join(' '),
    latin,
    lang,
  };
}

/** True when a PersonName has nothing to show. */
export function isEmptyName(name: PersonName | undefined): boolean {
  return !name || (name.family.trim() === '' && name.given.trim() === '');
}

export function emptyPersonName(locale: Locale): PersonName {
  return {
    family: '',
    given: '',
    family_reading: '',
    given_reading: '',
    latin_family: '',
    latin_given: '',
    order: locale === 'en' ? 'given_first' : 'family_first',
  };
}
