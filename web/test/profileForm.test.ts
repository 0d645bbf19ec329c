import { describe, expect, it } from 'vitest';
import type { OwnProfile } from '../src/api/types';
import {
  fieldDomId,
  formFieldPaths,
  joinList,
  moveEntry,
  newEntry,
  parseAmount,
  parseIdList,
  splitList,
  toDocument,
  toForm,
  validateProfile,
} from '../src/profile/form';

const company = { id: 'co_1', names: { zh: '缘科技', en: 'Enishi Tech' } };
const school = { id: 'sc_1', names: { zh: '清华大学', en: 'Tsinghua University' }, country: 'CN' };

const own: OwnProfile = {
  display_name: { value: '王芳', audience: 'members' },
  name: {
    value: {
      family: '王',
      given: '芳',
      family_reading: 'Wáng',
      given_reading: 'Fāng',
      latin_family: 'Wang',
      latin_given: 'Fang',
      order: 'family_first',
    },
    audience: 'connections',
  },
  headline: { value: '数据工程师', audience: 'members' },
  about: { value: '', audience: 'connections' },
  location: { value: '上海', audience: 'connections' },
  photo: { audience: 'connections', url: '/api/v1/members/m_1/photo' },
  career: {
    value: { status: 'open', roles: ['数据工程师', 'SRE'], locations: ['上海'], salary_min: 400000, salary_currency: 'CNY' },
    audience: 'only_me',
  },
  positions: [
    {
      id: 'p_1',
      company_id: 'co_1',
      company,
      title: '高级数据工程师',
      function: 'engineering',
      seniority: 'senior',
      start: '2021-04',
      audience: 'connections',
    },
  ],
  education: [
    { id: 'e_1', school_id: 'sc_1', school, degree: '学士', start: '2012-09', end: '2016-07', audience: 'only_me' },
  ],
  languages: [{ id: 'l_1', language: 'zh-Hans', proficiency: 'native', audience: 'members' }],
  skills: [{ id: 's_1', name: 'SQL', audience: 'connections' }],
  links: [],
  contacts: [{ id: 'c_1', kind: 'wechat', value: 'wangfang_sh', audience: 'only_me' }],
  updated_at: '2026-11-22T03:15:00Z',
};

describe('form ↔ document', () => {
  it('round-trips the owner profile, without response-only fields', () => {
    const doc = toDocument(toForm(own, 'zh-Hans'));
    expect(doc).toEqual({
      display_name: { value: '王芳', audience: 'members' },
      name: own.name,
      headline: { value: '数据工程师', audience: 'members' },
      about: { value: '', audience: 'connections' },
      location: { value: '上海', audience: 'connections' },
      photo: { audience: 'connections' },
      career: {
        value: { status: 'open', roles: ['数据工程师', 'SRE'], locations: ['上海'], salary_min: 400000, salary_currency: 'CNY' },
        audience: 'only_me',
      },
      positions: [
        {
          id: 'p_1',
          company_id: 'co_1',
          title: '高级数据工程师',
          function: 'engineering',
          seniority: 'senior',
          start: '2021-04',
          audience: 'connections',
        },
      ],
      education: [{ id: 'e_1', school_id: 'sc_1', degree: '学士', start: '2012-09', end: '2016-07', audience: 'only_me' }],
      languages: [{ id: 'l_1', language: 'zh-Hans', proficiency: 'native', audience: 'members' }],
      skills: [{ id: 's_1', name: 'SQL', audience: 'connections' }],
      links: [],
      contacts: [{ id: 'c_1', kind: 'wechat', value: 'wangfang_sh', audience: 'only_me' }],
    });
    expect(JSON.stringify(doc)).not.toMatch(/updated_at|"company"|"school"|"url"/);
  });

  it('sends new entries without an id, trimmed, and drops the end of a current position', () => {
    const form = toForm(own, 'zh-Hans');
    const p = { ...newEntry('positions'), company, title: '  CTO ', function: 'management' as const, seniority: 'executive' as const, start: '2024-01', end: '2024-06' };
    form.positions.push(p);
    form.skills.push({ ...newEntry('skills'), name: ' Go ' });
    const doc = toDocument(form);
    expect(doc.positions[1]).toEqual({
      company_id: 'co_1',
      title: 'CTO',
      function: 'management',
      seniority: 'executive',
      start: '2024-01',
      audience: 'connections',
    });
    form.positions[1] = { ...p, current: false };
    expect(toDocument(form).positions[1]?.end).toBe('2024-06');
    expect(doc.skills[1]).toEqual({ name: 'Go', audience: 'connections' });
  });

  it('new entries get narrow default audiences', () => {
    expect(newEntry('contacts').audience).toBe('only_me');
    expect(newEntry('education').audience).toBe('connections');
    expect(newEntry('positions').key).not.toBe(newEntry('positions').key);
  });

  it('maps a missing career band and fills a new profile with defaults', () => {
    const bare = toForm({ ...own, career: undefined, name: undefined } as unknown as OwnProfile, 'ja');
    expect(bare.career.audience).toBe('only_me');
    expect(bare.career.value.salary_currency).toBe('JPY');
    expect(bare.name.value.order).toBe('family_first');
    const doc = toDocument(bare);
    expect(doc.career.value).toEqual({ status: 'not_looking', roles: [], locations: [] });
  });

  it('keeps every entry in order, so server field indexes match the form', () => {
    const form = toForm(own, 'en');
    form.skills.push({ ...newEntry('skills'), name: '' }, { ...newEntry('skills'), name: 'Rust' });
    expect(toDocument(form).skills.map((s) => s.name)).toEqual(['SQL', '', 'Rust']);
  });
});

describe('list and number input', () => {
  it('splits lists on commas of any script and new lines', () => {
    expect(splitList('PM、SRE, データ基盤，后端;\n  ')).toEqual(['PM', 'SRE', 'データ基盤', '后端']);
    expect(joinList(['a', 'b'], 'ja')).toBe('a、b');
    expect(joinList(['a', 'b'], 'zh-Hans')).toBe('a，b');
    expect(joinList(['a', 'b'], 'en')).toBe('a, b');
  });
  it('reads amounts with separators and full-width digits', () => {
    expect(parseAmount('8,000,000')).toBe(8_000_000);
    expect(parseAmount('８００万')).toBeNaN();
    expect(parseAmount('８００００００')).toBe(8_000_000);
    expect(parseAmount('  ')).toBeUndefined();
    expect(parseAmount('-5')).toBeNaN();
  });
  it('reads member ids for a circle', () => {
    expect(parseIdList('m_1\nm_2, m_3  m_1')).toEqual(['m_1', 'm_2', 'm_3']);
    expect(parseIdList('  ')).toEqual([]);
  });
  it('moves entries within bounds', () => {
    expect(moveEntry(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveEntry(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveEntry(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveEntry(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('validateProfile', () => {
  it('accepts the sample profile', () => {
    expect(validateProfile(toForm(own, 'zh-Hans'), '2026-11')).toEqual({});
  });
  it('names problems by the server paths', () => {
    const form = toForm(own, 'zh-Hans');
    form.display_name.value = ' ';
    form.name.value.family = 'x'.repeat(101);
    form.positions.push(newEntry('positions'));
    form.positions[0] = { ...form.positions[0]!, start: '2027-01', current: false, end: '2020-01' };
    form.education[0] = { ...form.education[0]!, end: '2011-01' };
    form.links.push({ ...newEntry('links'), title: 'Blog', url: 'javascript:alert(1)' });
    form.skills.push(newEntry('skills'));
    form.career.value = { ...form.career.value, salary_min: '900', salary_max: '100', salary_currency: '' };
    const errors = validateProfile(form, '2026-11');
    expect(errors).toEqual({
      display_name: { key: 'errors.required' },
      'name.family': { key: 'errors.too_long', params: { max: 100 } },
      'career.salary_max': { key: 'errors.salary_range' },
      'career.salary_currency': { key: 'errors.choice_required' },
      'positions[0].start': { key: 'errors.month_future' },
      'positions[0].end': { key: 'errors.end_before_start' },
      'positions[1].company_id': { key: 'errors.company_required' },
      'positions[1].title': { key: 'errors.required' },
      'positions[1].function': { key: 'errors.choice_required' },
      'positions[1].seniority': { key: 'errors.choice_required' },
      'positions[1].start': { key: 'errors.required' },
      'education[0].end': { key: 'errors.end_before_start' },
      'skills[1].name': { key: 'errors.required' },
      'links[0].url': { key: 'errors.url_invalid' },
    });
  });
  it('checks the end month only when there is one, and limits list sizes', () => {
    const form = toForm(own, 'en');
    form.positions[0] = { ...form.positions[0]!, current: false, end: '2021-04' };
    expect(validateProfile(form, '2026-11')).toEqual({});
    form.positions[0] = { ...form.positions[0]!, end: '2021-4' };
    expect(validateProfile(form, '2026-11')['positions[0].end']).toEqual({ key: 'errors.month_invalid' });
    form.contacts = Array.from({ length: 21 }, (_, i) => ({ ...newEntry('contacts'), value: `v${i}` }));
    expect(validateProfile(form, '2026-11').contacts).toEqual({ key: 'errors.too_many', params: { max: 20 } });
  });
  it('knows every field path the editor shows, and its element id', () => {
    const paths = formFieldPaths(toForm(own, 'en'));
    for (const p of ['name.family', 'headline.audience', 'positions', 'positions[0]', 'positions[0].company_id', 'education[0].end', 'contacts[0].value', 'career.salary_min']) {
      expect(paths.has(p), p).toBe(true);
    }
    expect(paths.has('positions[1].title')).toBe(false);
    expect(fieldDomId('positions[2].title')).toBe('profile-positions-2-title');
    expect(fieldDomId('name.family')).toBe('profile-name-family');
  });
});
