import { describe, expect, it } from 'vitest';
import { formatMonth, formatMonthRange, formatSalary, guessNameLanguage, initials, languageName } from '../src/profile/format';
import { handleProblem } from '../src/views/PersonasView';
import { imageProblem } from '../src/views/profile/PhotoEditor';
import { previewViewer } from '../src/views/ProfilePreviewView';
import { profileLinkUrl } from '../src/views/privacy/ProfileLinkSection';
import { navCurrent } from '../src/components/Layout';

describe('formatting', () => {
  it('months in each language', () => {
    expect(formatMonth('2021-04', 'ja')).toBe('2021年4月');
    expect(formatMonth('2021-04', 'zh-Hans')).toBe('2021年4月');
    expect(formatMonth('2021-04', 'en')).toBe('Apr 2021');
    expect(formatMonth('garbage', 'en')).toBe('garbage');
    expect(formatMonthRange('2021-04', undefined, 'ja', '現在')).toBe('2021年4月 – 現在');
  });
  it('salary bands', () => {
    const labels = { from: (v: string) => `${v}以上`, upTo: (v: string) => `${v}まで` };
    expect(formatSalary({ status: 'open', roles: [], locations: [] }, 'ja', labels)).toBeUndefined();
    const band = formatSalary({ status: 'open', roles: [], locations: [], salary_min: 8_000_000, salary_max: 12_000_000, salary_currency: 'JPY' }, 'ja', labels);
    expect(band).toMatch(/800万.*–.*1200万/);
    expect(formatSalary({ status: 'open', roles: [], locations: [], salary_min: 400_000, salary_currency: 'CNY' }, 'ja', labels)).toMatch(/以上$/);
  });
  it('language names', () => {
    expect(languageName('ja', 'en')).toBe('Japanese');
    expect(languageName('en', 'ja')).toBe('英語');
  });
  it('guesses which name a new company was typed in', () => {
    expect(guessNameLanguage('ソニー', 'zh-Hans')).toBe('ja');
    expect(guessNameLanguage('缘科技', 'zh-Hans')).toBe('zh');
    expect(guessNameLanguage('京都大学', 'ja')).toBe('ja');
    expect(guessNameLanguage('Mercari', 'ja')).toBe('en');
    expect(guessNameLanguage('123', 'zh-Hans')).toBe('zh');
  });
  it('initials for a photo placeholder', () => {
    expect(initials('山田 花子')).toBe('山');
    expect(initials('王芳')).toBe('王');
    expect(initials('anna schmidt')).toBe('AS');
    expect(initials('')).toBe('?');
  });
});

describe('small checks of the views', () => {
  it('persona handles', () => {
    expect(handleProblem('ab')).toBe('errors.handle_invalid');
    expect(handleProblem('night_owl-2')).toBeUndefined();
    // ASCII only, as the server requires: no handle can imitate another with look-alike letters.
    expect(handleProblem('夜ふかし')).toBe('errors.handle_invalid');
    expect(handleProblem('has space')).toBe('errors.handle_invalid');
    expect(handleProblem('')).toBe('errors.required');
  });
  it('images before upload', () => {
    expect(imageProblem({ type: 'image/png', size: 1000 })).toBeUndefined();
    expect(imageProblem({ type: 'image/gif', size: 1000 })).toBe('errors.image_type');
    expect(imageProblem({ type: 'image/jpeg', size: 5 * 1024 * 1024 + 1 })).toBe('errors.image_too_large');
  });
  it('preview viewers and profile links', () => {
    expect(previewViewer('connection', 'ignored')).toBe('connection');
    expect(previewViewer('specific', ' m_42 ')).toBe('member:m_42');
    expect(profileLinkUrl('https://enishi.example', 'tok_a/b')).toBe('https://enishi.example/p/tok_a%2Fb');
  });
  it('navigation highlights sub-pages', () => {
    expect(navCurrent('/settings/privacy', '/settings', ['/settings', '/personas'])).toBe(true);
    expect(navCurrent('/personas', '/settings', ['/settings', '/personas'])).toBe(true);
    expect(navCurrent('/profile/preview', '/profile/edit', ['/profile'])).toBe(true);
    expect(navCurrent('/profiles', '/profile/edit', ['/profile'])).toBe(false);
    expect(navCurrent('/', '/settings')).toBe(false);
  });
});
