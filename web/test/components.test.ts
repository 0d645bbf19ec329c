// Components rendered to HTML, as a person or a screen reader would meet them.
import { h, type ComponentChildren } from 'preact';
import { LocationProvider } from 'preact-iso';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MemberSummary } from '../src/api/types';
import { AuthProvider } from '../src/auth';
import { DegreeBadge } from '../src/components/DegreeBadge';
import { MemberSummaryRow } from '../src/components/MemberSummaryRow';
import { RatingView, StarRating } from '../src/components/StarRating';
import { I18nProvider } from '../src/i18n/context';
import type { Locale } from '../src/api/types';
import { RequestForm } from '../src/views/relationships/RequestForm';

/** Renders in a language, inside the providers every screen has (no effects run). */
function render(node: ComponentChildren, locale: Locale = 'en'): string {
  vi.stubGlobal('localStorage', { getItem: () => locale, setItem: () => undefined });
  vi.stubGlobal('location', new URL('http://127.0.0.1/connections'));
  return renderToString(h(LocationProvider, null, h(I18nProvider, null, h(AuthProvider, null, node))));
}

/** The text a reader gets, tags dropped. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('DegreeBadge', () => {
  it('shows the short form, and the long form for screen readers', () => {
    const html = render(h(DegreeBadge, { degree: 2 }));
    expect(html).toContain('data-degree="2"');
    expect(html).toContain('<span aria-hidden="true">2nd</span>');
    expect(html).toContain('<span class="visually-hidden">2nd-degree connection</span>');
  });
  it('speaks each language', () => {
    expect(text(render(h(DegreeBadge, { degree: 1 }), 'ja'))).toBe('1次 1次のつながり');
    expect(text(render(h(DegreeBadge, { degree: 3 }), 'zh-Hans'))).toBe('三度 三度人脉');
  });
  it('renders nothing without a degree', () => {
    expect(render(h(DegreeBadge, { degree: null }))).toBe('');
    expect(render(h(DegreeBadge, { degree: undefined }))).toBe('');
  });
});

describe('MemberSummaryRow', () => {
  const member: MemberSummary = { id: 'm/7', display_name: '佐藤 健', headline: 'Data engineer', degree: 1 };

  it('links the name to the profile, with the badge and headline', () => {
    const html = render(h(MemberSummaryRow, { member, meta: 'Connected today' }));
    expect(html).toContain('href="/members/m%2F7"');
    expect(text(html)).toBe('佐 佐藤 健 1st 1st-degree connection Data engineer Connected today');
  });
  it('names a member whose name the viewer may not see, and shows no badge beyond the 3rd degree', () => {
    const html = render(h(MemberSummaryRow, { member: { id: 'm_8', degree: null } }), 'ja');
    expect(text(html)).toBe('メ メンバー');
    expect(html).not.toContain('degree-badge');
  });
});

describe('StarRating', () => {
  it('is five radio buttons named by value and meaning, and a way to clear', () => {
    const html = render(h(StarRating, { id: 'r', legend: 'How well do you know them?', value: 4, onChange: () => undefined }));
    expect(html.match(/type="radio"/g)).toHaveLength(5);
    expect(html).toMatch(/value="4" checked/);
    expect(html).toContain('4 of 5: Well');
    expect(html).toContain('<legend class="label">How well do you know them?</legend>');
    expect(html).not.toMatch(/<button[^>]*disabled/);
  });
  it('with no rating, nothing is checked and there is nothing to clear', () => {
    const html = render(h(StarRating, { id: 'r', legend: 'x', value: null, onChange: () => undefined }), 'ja');
    expect(html).not.toContain('checked');
    expect(html).toMatch(/<button[^>]*disabled/);
    expect(text(html)).toContain('未評価');
  });
  it('reads back a saved rating in words', () => {
    expect(text(render(h(RatingView, { value: 2 }), 'zh-Hans'))).toBe('2/5：有些了解');
    expect(text(render(h(RatingView, { value: null })))).toBe('Not rated');
  });
});

describe('RequestForm', () => {
  const props = { idBase: 'f', to: 'm_2', onSent: () => undefined, onCancel: () => undefined };

  it('a greeting asks only for a note', () => {
    const html = render(h(RequestForm, { ...props, kind: 'greeting' }), 'ja');
    expect(html).not.toContain('id="f-provenance"');
    expect(html).toContain('id="f-note"');
    expect(text(html)).toContain('挨拶を送る');
  });
  it('a connection request asks how the two know each other', () => {
    const html = render(h(RequestForm, { ...props, kind: 'connection' }));
    expect(html).toContain('id="f-provenance"');
    expect(html).toContain('value="met_in_person"');
    // No one to name as introducer: "introduced" is not offered.
    expect(html).not.toContain('value="introduced"');
  });
  it('offers "introduced" when there are mutual connections to name', () => {
    const introducers: MemberSummary[] = [{ id: 'm_3', display_name: 'Li Wei', degree: 1 }];
    const html = render(h(RequestForm, { ...props, kind: 'connection', introducers }));
    expect(html).toContain('value="introduced"');
  });
});
