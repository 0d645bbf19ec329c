import { describe, expect, it } from 'vitest';
import { translate } from '../src/i18n/translate';
import { degreeBadge, ratingLabel } from '../src/relationships/labels';
import { parseDays, policyDraft, policyFromDraft, withFunction } from '../src/relationships/policy';
import {
  acceptedMessageKey,
  acceptLabelKey,
  emptyDraft,
  isConnected,
  memberName,
  NOTE_MAX,
  offeredRequests,
  requestBody,
  requestProblems,
  sentMessageKey,
  stageAfter,
} from '../src/relationships/requests';
import type { InboundPolicy } from '../src/api/types';

describe('degree badges', () => {
  it('reads 1st, 2nd and 3rd in each language', () => {
    const shown = (locale: 'en' | 'ja' | 'zh-Hans', d: 1 | 2 | 3) => translate(locale, degreeBadge(d)!.short);
    expect([1, 2, 3].map((d) => shown('en', d as 1 | 2 | 3))).toEqual(['1st', '2nd', '3rd']);
    expect([1, 2, 3].map((d) => shown('ja', d as 1 | 2 | 3))).toEqual(['1次', '2次', '3次']);
    expect([1, 2, 3].map((d) => shown('zh-Hans', d as 1 | 2 | 3))).toEqual(['一度', '二度', '三度']);
    expect(translate('en', degreeBadge(2)!.long)).toBe('2nd-degree connection');
  });
  it('shows nothing when further, unknown or absent', () => {
    expect(degreeBadge(null)).toBeUndefined();
    expect(degreeBadge(undefined)).toBeUndefined();
    expect(degreeBadge(4 as never)).toBeUndefined();
  });
});

describe('ratings', () => {
  it('names each of 1–5 and nothing else', () => {
    expect(ratingLabel(1)).toBe('rating.r1');
    expect(ratingLabel(5)).toBe('rating.r5');
    expect(ratingLabel(null)).toBeUndefined();
    expect(ratingLabel(0)).toBeUndefined();
    expect(ratingLabel(6)).toBeUndefined();
  });
});

describe('what a profile offers by stage', () => {
  it('greet and connect to strangers, connect after greetings, nothing once connected', () => {
    expect(offeredRequests('none')).toEqual(['greeting', 'connection']);
    expect(offeredRequests('greeted')).toEqual(['connection']);
    expect(offeredRequests('conversing')).toEqual(['connection']);
    expect(offeredRequests('connected')).toEqual([]);
    expect(offeredRequests('trusted')).toEqual([]);
    expect(offeredRequests(undefined)).toEqual([]);
  });
  it('trusted is a kind of connected', () => {
    expect(isConnected('trusted')).toBe(true);
    expect(isConnected('connected')).toBe(true);
    expect(isConnected('greeted')).toBe(false);
  });
});

describe('the request form', () => {
  it('asks how the two know each other for a connection, not for a greeting', () => {
    expect(requestProblems(emptyDraft('connection')).provenance).toBe('errors.choice_required');
    expect(requestProblems(emptyDraft('greeting')).provenance).toBeUndefined();
  });
  it('needs an introducer for "introduced"', () => {
    const d = { ...emptyDraft('connection'), provenance: 'introduced' as const };
    expect(requestProblems(d).introduced_by).toBe('errors.choice_required');
    expect(requestProblems({ ...d, introducedBy: 'm_3' }).introduced_by).toBeUndefined();
  });
  it('counts the note in characters, up to 300', () => {
    const d = emptyDraft('greeting');
    expect(requestProblems({ ...d, note: '縁'.repeat(NOTE_MAX) }).note).toBeUndefined();
    expect(requestProblems({ ...d, note: '😀'.repeat(NOTE_MAX) }).note).toBeUndefined();
    expect(requestProblems({ ...d, note: 'a'.repeat(NOTE_MAX + 1) }).note).toEqual({ key: 'errors.too_long', params: { max: NOTE_MAX } });
  });
  it('sends a greeting without provenance, and an empty note not at all', () => {
    expect(requestBody('m_2', { ...emptyDraft('greeting'), note: '  ', provenance: 'met_in_person' })).toEqual({ kind: 'greeting', to: 'm_2' });
  });
  it('sends a connection with its provenance, and the introducer only with "introduced"', () => {
    expect(requestBody('m_2', { kind: 'connection', note: ' Hello ', provenance: 'met_in_person', introducedBy: 'm_9' })).toEqual({
      kind: 'connection',
      to: 'm_2',
      note: 'Hello',
      provenance: 'met_in_person',
    });
    expect(requestBody('m_2', { kind: 'connection', note: '', provenance: 'introduced', introducedBy: 'm_9' })).toEqual({
      kind: 'connection',
      to: 'm_2',
      provenance: 'introduced',
      introduced_by: 'm_9',
    });
  });
});

describe('after sending and answering', () => {
  it('says what happened', () => {
    expect(sentMessageKey({ kind: 'greeting', status: 'pending' })).toBe('relation.greeting_sent');
    expect(sentMessageKey({ kind: 'greeting', status: 'accepted' })).toBe('relation.greeted_each_other');
    expect(sentMessageKey({ kind: 'connection', status: 'pending' })).toBe('relation.request_sent');
    expect(sentMessageKey({ kind: 'connection', status: 'accepted' })).toBe('relation.connected_now');
  });
  it('moves the stage only when the request answered theirs', () => {
    expect(stageAfter({ kind: 'connection', status: 'pending' }, 'none')).toBe('none');
    expect(stageAfter({ kind: 'connection', status: 'accepted' }, 'greeted')).toBe('connected');
    expect(stageAfter({ kind: 'greeting', status: 'accepted' }, 'none')).toBe('greeted');
    expect(stageAfter({ kind: 'greeting', status: 'accepted' }, 'conversing')).toBe('conversing');
  });
  it('greets back a greeting, accepts a request', () => {
    expect(acceptLabelKey('greeting')).toBe('requests.greet_back');
    expect(acceptLabelKey('connection')).toBe('requests.accept');
    expect(acceptedMessageKey('greeting')).toBe('requests.greeted_back');
    expect(acceptedMessageKey('connection')).toBe('requests.accepted');
    expect(translate('ja', acceptLabelKey('greeting'))).toBe('挨拶を返す');
  });
  it('names a member by what the viewer may see', () => {
    expect(memberName({ display_name: ' 佐藤 健 ' }, 'Member')).toBe('佐藤 健');
    expect(memberName({}, 'Member')).toBe('Member');
    expect(memberName({ display_name: '  ' }, 'Member')).toBe('Member');
  });
});

describe('the inbound policy form', () => {
  const policy: InboundPolicy = {
    greetings: 'anyone',
    requests: 'second_degree',
    messages: 'second_degree',
    refused_functions: [],
    min_account_age_days: 0,
    business_asks: 'trusted_only',
    connection_list: 'connections',
    juniors_need_introduction: true,
  };
  it('reads the minimum age as whole days from 0 to 365, full-width digits too', () => {
    expect(parseDays('0')).toBe(0);
    expect(parseDays(' 30 ')).toBe(30);
    expect(parseDays('３０')).toBe(30);
    expect(parseDays('365')).toBe(365);
    expect(parseDays('366')).toBeUndefined();
    expect(parseDays('-1')).toBeUndefined();
    expect(parseDays('1.5')).toBeUndefined();
    expect(parseDays('')).toBeUndefined();
  });
  it('keeps the refused functions in one order, whatever order they were ticked in', () => {
    const all = ['sales', 'recruiting', 'headhunting', 'engineering'] as const;
    let list = withFunction([], 'headhunting', true, all);
    list = withFunction(list, 'sales', true, all);
    expect(list).toEqual(['sales', 'headhunting']);
    expect(withFunction(list, 'sales', false, all)).toEqual(['headhunting']);
    expect(withFunction(list, 'sales', true, all)).toEqual(['sales', 'headhunting']);
  });
  it('saves the typed age, or names the field that is wrong', () => {
    expect(policyFromDraft({ ...policyDraft(policy), minAgeText: '14' })).toEqual({ policy: { ...policy, min_account_age_days: 14 } });
    expect(policyFromDraft({ ...policyDraft(policy), minAgeText: 'two weeks' })).toEqual({
      problems: { min_account_age_days: { key: 'errors.days_range', params: { max: 365 } } },
    });
  });
});
