// Introductions: the client's routes, the reasons and statuses as people read them, the forms'
// checks and bodies, where notifications lead, and the profile's offer and forms as rendered.
import { h, type ComponentChildren } from 'preact';
import { LocationProvider } from 'preact-iso';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/client';
import { ApiError } from '../src/api/errors';
import type {
  AskedStatus,
  IntroductionReason,
  IntroductionRoute,
  IntroductionRoutes,
  Locale,
  MemberSummary,
  MemberView,
  ReceivedStatus,
  SentStatus,
} from '../src/api/types';
import { AuthProvider } from '../src/auth';
import { I18nProvider } from '../src/i18n/context';
import { describeError } from '../src/i18n/describeError';
import { translate } from '../src/i18n/translate';
import {
  emptyIntroductionDraft,
  forwardBody,
  introductionBody,
  introductionNoteProblem,
  introductionOffer,
  introductionProblems,
  introductionsHref,
  INTRODUCTION_NOTE_MAX,
  mayHaveRoutes,
  routeChain,
  tabFromQuery,
} from '../src/introductions/introductions';
import {
  ASKED_STATUS_LABEL,
  PURPOSE_CHOICES,
  PURPOSE_LABEL,
  reasonMessage,
  RECEIVED_STATUS_LABEL,
  SENT_INTRODUCTION_STATUS_LABEL,
} from '../src/introductions/labels';
import { notificationHref, notificationText } from '../src/notifications/labels';
import { IntroductionForm } from '../src/views/introductions/IntroductionForm';
import { MemberRelationship } from '../src/views/relationships/MemberRelationship';

const member = (id: string, display_name: string, degree: MemberSummary['degree'] = 1): MemberSummary => ({ id, display_name, degree });
/** A company (or school) known by one name only: every UI language shows that name. */
const org = (name: string) => ({ id: `o_${name}`, names: { ja: name } });
const kenji = member('m_b', '鈴木 健二');
const mei = member('m_d', '王 梅');
const direct: IntroductionRoute = { intermediaries: [kenji], reasons: [{ code: 'worked_with_both', company: org('縁テック') }, { code: 'knows_you_well' }] };
const chain: IntroductionRoute = { intermediaries: [mei, kenji], reasons: [{ code: 'senior_to_target' }] };

/** A reason as a person reads it in a language. */
const said = (locale: Locale, reason: IntroductionReason, target = 'Yuki') => {
  const m = reasonMessage(reason, target, locale);
  return m ? translate(locale, m.key, m.params) : undefined;
};

describe('ApiClient: introductions', () => {
  it('calls every documented route with its method, path and body', async () => {
    const calls: { line: string; body: unknown; csrf: string | undefined }[] = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      calls.push({
        line: `${init?.method} ${String(input)}`,
        body: init?.body === undefined ? undefined : JSON.parse(String(init.body)),
        csrf: headers['X-CSRF-Token'],
      });
      return new Response(init?.method === 'GET' ? '{}' : null, { status: init?.method === 'GET' ? 200 : 204 });
    });
    const client = new ApiClient({ fetch: fetchMock as unknown as typeof fetch, cookies: () => 'enishi_csrf=t0k' });
    await client.introductionRoutes('m/3');
    await client.requestIntroduction({ target: 'm_3', intermediaries: ['m_2'], purpose: 'advice', note: 'はじめまして' });
    await client.sentIntroductions();
    await client.askedIntroductions();
    await client.receivedIntroductions();
    await client.introduction('i/1');
    await client.forwardIntroduction('i_1', { note: '信頼できる人です', join: true });
    await client.lapseIntroduction('i_1');
    await client.acceptIntroduction('i_1');
    await client.declineIntroduction('i_1');
    await client.withdrawIntroduction('i_1');
    expect(calls.map((c) => c.line)).toEqual([
      'GET /api/v1/members/m%2F3/introduction-routes',
      'POST /api/v1/introductions',
      'GET /api/v1/me/introductions/sent',
      'GET /api/v1/me/introductions/asked',
      'GET /api/v1/me/introductions/received',
      'GET /api/v1/introductions/i%2F1',
      'POST /api/v1/introductions/i_1/forward',
      'POST /api/v1/introductions/i_1/lapse',
      'POST /api/v1/introductions/i_1/accept',
      'POST /api/v1/introductions/i_1/decline',
      'DELETE /api/v1/introductions/i_1',
    ]);
    expect(calls[1]?.body).toEqual({ target: 'm_3', intermediaries: ['m_2'], purpose: 'advice', note: 'はじめまして' });
    expect(calls[6]?.body).toEqual({ note: '信頼できる人です', join: true });
    // Lapsing, accepting and declining send no body: the server refuses a non-empty one.
    for (const i of [7, 8, 9, 10]) expect(calls[i]?.body).toBeUndefined();
    for (const c of calls) expect(c.csrf).toBe(c.line.startsWith('GET') ? undefined : 't0k');
  });
});

describe('reasons', () => {
  it('read as sentences about the intermediary, in each language', () => {
    const worked: IntroductionReason = { code: 'worked_with_both', company: org('縁テック') };
    expect(said('ja', worked)).toBe('縁テックで二人と一緒に働いていた');
    expect(said('en', worked)).toBe('Worked with you both at 縁テック');
    expect(said('zh-Hans', worked)).toBe('曾在縁テック与你们二人共事');
    expect(said('en', { code: 'knows_you_well' })).toBe('You know them well');
    expect(said('en', { code: 'works_with_target', company: org('Acme') })).toBe('Works with Yuki at Acme');
    expect(said('ja', { code: 'studied_with_target', school: { ...org('京都大学'), country: 'JP' } }, '佐藤')).toBe('京都大学で佐藤さんと一緒に学んだ');
    expect(said('zh-Hans', { code: 'senior_to_target' }, '李伟')).toBe('职级高于李伟');
    expect(said('en', { code: 'peer_of_target' })).toBe('A peer of Yuki');
  });
  it('name the company in the reader\'s language', () => {
    const sony: IntroductionReason = { code: 'works_with_target', company: { id: 'o_sony', names: { ja: 'ソニー', en: 'Sony' } } };
    expect(said('en', sony)).toBe('Works with Yuki at Sony');
    expect(said('ja', sony, '佐藤')).toContain('ソニー');
  });
  it('leaves out a reason this client does not know', () => {
    expect(reasonMessage({ code: 'met_at_a_conference' } as unknown as IntroductionReason, 'Yuki', 'en')).toBeUndefined();
  });
});

describe('status labels', () => {
  it('tell the requester only waiting, accepted or expired', () => {
    const sent: SentStatus[] = ['pending', 'accepted', 'expired'];
    expect(Object.keys(SENT_INTRODUCTION_STATUS_LABEL).sort()).toEqual([...sent].sort());
    expect(sent.map((s) => translate('en', SENT_INTRODUCTION_STATUS_LABEL[s]))).toEqual(['Waiting', 'Accepted', 'Expired']);
    expect(translate('ja', SENT_INTRODUCTION_STATUS_LABEL.pending)).toBe('返事待ち');
  });
  it('name every state of the intermediary and the target', () => {
    const asked: AskedStatus[] = ['waiting', 'forwarded', 'lapsed'];
    const received: ReceivedStatus[] = ['waiting', 'accepted', 'declined'];
    expect(asked.map((s) => translate('en', ASKED_STATUS_LABEL[s]))).toEqual(['Waiting for you', 'Passed on', 'Let lapse']);
    expect(received.map((s) => translate('zh-Hans', RECEIVED_STATUS_LABEL[s]))).toEqual(['等你答复', '已接受', '已婉拒']);
  });
  it('offer the four purposes', () => {
    expect(PURPOSE_CHOICES.map((p) => translate('en', PURPOSE_LABEL[p]))).toEqual(['Advice', 'Business', 'Hiring', 'Something else']);
  });
});

describe('when a profile offers an introduction', () => {
  const found = (suggest: boolean, routes = [direct]): IntroductionRoutes => ({ routes, suggest_introduction: suggest });
  it('only two or three hops away, and only along a route', () => {
    expect([1, 2, 3, null, undefined].map((d) => mayHaveRoutes(d as MemberView['degree']))).toEqual([false, true, true, false, false]);
    expect(introductionOffer(2, found(false))).toBe('offered');
    expect(introductionOffer(3, found(false))).toBe('offered');
    expect(introductionOffer(1, found(false))).toBe('none');
    expect(introductionOffer(null, found(true))).toBe('none');
    expect(introductionOffer(2, null)).toBe('none');
    expect(introductionOffer(2, found(true, []))).toBe('none');
  });
  it('first, when the member is far senior', () => {
    expect(introductionOffer(3, found(true))).toBe('suggested');
  });
  it('shows a chain as A → B → target', () => {
    expect(routeChain(chain, 'Yuki', 'Member')).toBe('王 梅 → 鈴木 健二 → Yuki');
    expect(routeChain({ intermediaries: [{ id: 'm_x', degree: 1 }], reasons: [] }, 'Yuki', 'Member')).toBe('Member → Yuki');
  });
});

describe('the request form', () => {
  const routes = [direct, chain];
  it('needs a route (or the network), a purpose and a note', () => {
    expect(introductionProblems(emptyIntroductionDraft(), routes)).toEqual({
      intermediaries: { key: 'errors.choice_required' },
      purpose: { key: 'errors.choice_required' },
      note: { key: 'errors.length_range', params: { max: 500 } },
    });
    const ready = { route: 1, purpose: 'business' as const, note: 'Hello' };
    expect(introductionProblems(ready, routes)).toEqual({ intermediaries: undefined, purpose: undefined, note: undefined });
    expect(introductionProblems({ ...ready, route: 'network' }, routes).intermediaries).toBeUndefined();
    expect(introductionProblems({ ...ready, route: 2 }, routes).intermediaries).toEqual({ key: 'errors.choice_required' });
  });
  it('counts the note in characters after trimming: 1 to 500', () => {
    expect(introductionNoteProblem('   ')).toEqual({ key: 'errors.length_range', params: { max: INTRODUCTION_NOTE_MAX } });
    expect(introductionNoteProblem('縁'.repeat(500))).toBeUndefined();
    expect(introductionNoteProblem(` ${'😀'.repeat(500)} `)).toBeUndefined();
    expect(introductionNoteProblem('a'.repeat(501))).toEqual({ key: 'errors.length_range', params: { max: 500 } });
  });
  it('sends the chosen route in order, or no intermediaries to ask the network', () => {
    expect(introductionBody('m_t', { route: 1, purpose: 'hiring', note: ' Hello ' }, routes)).toEqual({
      target: 'm_t',
      intermediaries: ['m_d', 'm_b'],
      purpose: 'hiring',
      note: 'Hello',
    });
    expect(introductionBody('m_t', { route: 'network', purpose: 'advice', note: 'Hi' }, routes)).toEqual({ target: 'm_t', purpose: 'advice', note: 'Hi' });
  });
  it('forwards with a trimmed vouch, and `join` only when chosen', () => {
    expect(forwardBody(' 信頼できます ', false)).toEqual({ note: '信頼できます' });
    expect(forwardBody('Good person', true)).toEqual({ note: 'Good person', join: true });
  });
});

describe('server errors', () => {
  const err = (status: number, code: ApiError['code'], field?: string, retryAfter?: number) => new ApiError({ status, code, field, message: '', retryAfter });
  it('go next to the field they name, with the right limits', () => {
    expect(describeError(err(400, 'invalid_argument', 'note'), 'introduction')).toEqual({ key: 'errors.length_range', params: { max: 500 }, field: 'note' });
    expect(describeError(err(400, 'invalid_argument', 'note'), 'vouch')).toEqual({ key: 'errors.length_range', params: { max: 500 }, field: 'note' });
    expect(describeError(err(400, 'invalid_argument', 'intermediaries[1]'), 'introduction')).toEqual({
      key: 'errors.intermediary_unavailable',
      field: 'intermediaries[1]',
    });
    expect(describeError(err(400, 'invalid_argument', 'purpose'), 'introduction').key).toBe('errors.choice_required');
    // A greeting's note keeps its own limit.
    expect(describeError(err(400, 'invalid_argument', 'note'), 'request')).toEqual({ key: 'errors.too_long', params: { max: 300 }, field: 'note' });
  });
  it('a quota says when to ask again', () => {
    expect(describeError(err(429, 'resource_exhausted', undefined, 3600), 'introduction', { formatDelay: () => 'in 1 hour' })).toEqual({
      key: 'errors.introduction_quota',
      params: { when: 'in 1 hour' },
    });
    expect(describeError(err(429, 'resource_exhausted'), 'introduction').key).toBe('errors.introduction_quota_soon');
  });
  it('an introduction or member gone meanwhile', () => {
    expect(describeError(err(404, 'not_found'), 'introduction').key).toBe('errors.member_gone');
    expect(describeError(err(404, 'not_found'), 'vouch').key).toBe('errors.gone');
    expect(describeError(err(409, 'failed_precondition'), 'vouch').key).toBe('errors.gone');
  });
});

describe('introduction notifications', () => {
  const actor = member('m/2', 'Li', 2);
  const of = (kind: string) => ({ category: 'introductions' as const, kind: kind as 'introduction_asked', subject: 'i_1', actor });
  it('lead to the tab of the Introductions page they are about', () => {
    expect(notificationHref(of('introduction_asked'))).toBe('/connections/introductions?tab=asked');
    expect(notificationHref(of('introduction_forwarded'))).toBe('/connections/introductions?tab=received');
    expect(notificationHref(of('introduction_accepted'))).toBe('/connections/introductions');
    expect(notificationHref(of('introduction_helped'))).toBe('/connections/introductions');
  });
  it('a kind this client does not know still leads there, and says something', () => {
    expect(notificationHref(of('introduction_something_new'))).toBe('/connections/introductions');
    expect(notificationText(of('introduction_something_new'))).toBe('notifications.introduction_other');
    expect(notificationText({ category: 'jobs', kind: 'job_alert' as 'introduction_asked' })).toBe('notifications.other');
    expect(translate('ja', notificationText(of('introduction_asked')), { name: '李' })).toBe('李さんから紹介を頼まれました');
  });
  it('the page reads its tab from the address', () => {
    expect(tabFromQuery(undefined)).toBe('sent');
    expect(tabFromQuery('received')).toBe('received');
    expect(tabFromQuery('everything')).toBe('sent');
    expect(introductionsHref('asked')).toBe('/connections/introductions?tab=asked');
  });
});

/** Renders in a language, inside the providers every screen has (no effects run). */
function render(node: ComponentChildren, locale: Locale = 'en'): string {
  vi.stubGlobal('localStorage', { getItem: () => locale, setItem: () => undefined });
  vi.stubGlobal('location', new URL('http://127.0.0.1/members/m_t'));
  return renderToString(h(LocationProvider, null, h(I18nProvider, null, h(AuthProvider, null, node))));
}

/** The text a reader gets, tags dropped. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('IntroductionForm', () => {
  const props = { idBase: 'f', target: 'm_t', targetName: '田中 由紀', routes: [direct, chain], onSent: () => undefined, onCancel: () => undefined };
  it('lists each route with its reasons, and asking the network', () => {
    const html = render(h(IntroductionForm, props), 'ja');
    expect(html.match(/type="radio"/g)).toHaveLength(3);
    expect(text(html)).toContain('鈴木 健二 → 田中 由紀');
    expect(text(html)).toContain('王 梅 → 鈴木 健二 → 田中 由紀');
    expect(text(html)).toContain('縁テックで二人と一緒に働いていた');
    expect(text(html)).toContain('田中 由紀さんより役職が上');
    expect(text(html)).toContain('つながりに任せる');
  });
  it('asks for a purpose and a note with a counter', () => {
    const html = render(h(IntroductionForm, props));
    expect(html).toContain('id="f-purpose"');
    expect(html).toContain('value="hiring"');
    expect(html).toContain('id="f-note"');
    expect(html).toContain('maxlength="500"');
    expect(text(html)).toContain('0/500');
  });
});

describe('MemberRelationship', () => {
  const view: MemberView = {
    id: 'm_t',
    display_name: 'Yuki Tanaka',
    degree: 3,
    stage: 'none',
    positions: [],
    education: [],
    languages: [],
    skills: [],
    links: [],
    contacts: [],
  };
  const props = { view, name: 'Yuki Tanaka', mutuals: [], onBlocked: () => undefined };
  const buttons = (html: string) => [...html.matchAll(/<button[^>]*class="([^"]*)"[^>]*>(?:<svg.*?<\/svg>)?([^<]*)</g)].map((m) => `${m[2]}: ${m[1]}`);

  it('offers an introduction beside greeting and connecting', () => {
    const html = render(h(MemberRelationship, { ...props, introductions: { routes: [direct], suggest_introduction: false } }));
    expect(buttons(html).slice(0, 3)).toEqual(['Greet: btn btn-secondary', 'Connect: btn btn-primary', 'Get introduced: btn btn-secondary']);
  });
  it('puts the introduction first and the rest quieter for someone far senior', () => {
    const html = render(h(MemberRelationship, { ...props, introductions: { routes: [direct], suggest_introduction: true } }));
    expect(buttons(html).slice(0, 3)).toEqual(['Get introduced: btn btn-primary', 'Greet: btn btn-link', 'Connect: btn btn-link']);
    expect(text(html)).toContain('courteous way to reach out');
  });
  it('offers none without a route', () => {
    const html = render(h(MemberRelationship, { ...props, introductions: { routes: [], suggest_introduction: true } }));
    expect(text(html)).not.toContain('Get introduced');
    expect(buttons(html)[0]).toBe('Greet: btn btn-secondary');
  });
});
