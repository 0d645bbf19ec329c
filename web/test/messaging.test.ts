// Conversation logic and formatting without UI: times, previews, names, merging, message requests,
// read receipts, business asks.
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ConversationEntry } from '../src/api/types';
import { translate } from '../src/i18n/translate';
import { askBody, askProblems, emptyAsk, localToUtc, textProblem, TEXT_MAX } from '../src/messaging/asks';
import {
  canChangeForEveryone,
  EDIT_WINDOW_MS,
  latestSeq,
  mergeMessages,
  readMarker,
  requestRole,
  mergeFirstPage,
} from '../src/messaging/conversation';
import {
  badgeText,
  calendarDaysAgo,
  conversationName,
  firstLine,
  formatClock,
  formatDay,
  formatRelative,
  messagePreview,
} from '../src/messaging/format';

const TOKYO = 'Asia/Tokyo';
// Sunday 22 November 2026, 12:15 in Tokyo.
const NOW = Date.parse('2026-11-22T03:15:00Z');
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);
const ja = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('ja', key, params);

function msg(seq: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `msg_${seq}`,
    conversation: 'c_1',
    seq,
    sender: 'm_2',
    kind: 'text',
    text: `message ${seq}`,
    created_at: '2026-11-22T03:00:00Z',
    deleted: false,
    ...over,
  };
}

function entry(over: Partial<ConversationEntry> = {}): ConversationEntry {
  return {
    id: 'c_1',
    kind: 'direct',
    title: '',
    folder: 'inbox',
    participants: [{ id: 'm_2', display_name: '佐藤 健', degree: 1 }],
    unread: 0,
    read_seq: 0,
    last_activity_at: '2026-11-22T03:00:00Z',
    can_write: true,
    awaiting_reply: false,
    business_asks: false,
    ...over,
  };
}

describe('formatRelative', () => {
  const table: [string, string, string, string][] = [
    // when, en, ja, zh-Hans
    ['2026-11-22T03:14:40Z', 'now', '今', '现在'],
    ['2026-11-22T03:10:00Z', '5 min. ago', '5 分前', '5分钟前'],
    ['2026-11-22T00:10:00Z', '3 hr. ago', '3 時間前', '3小时前'],
    // 23:00 the day before in Tokyo, though under 24 hours ago.
    ['2026-11-21T14:00:00Z', 'yesterday', '昨日', '昨天'],
    ['2026-11-18T10:00:00Z', 'Wed', '水', '周三'],
    ['2026-03-05T10:00:00Z', 'Mar 5', '3月5日', '3月5日'],
  ];
  for (const [when, wantEn, wantJa, wantZh] of table) {
    it(`${when} in three languages`, () => {
      expect(formatRelative(when, NOW, 'en', TOKYO)).toBe(wantEn);
      expect(formatRelative(when, NOW, 'ja', TOKYO)).toBe(wantJa);
      expect(formatRelative(when, NOW, 'zh-Hans', TOKYO)).toBe(wantZh);
    });
  }
  it('adds the year for another year, and treats the future (clock skew) as now', () => {
    expect(formatRelative('2025-03-05T10:00:00Z', NOW, 'zh-Hans', TOKYO)).toBe('2025年3月5日');
    expect(formatRelative('2026-11-22T03:20:00Z', NOW, 'en', TOKYO)).toBe('now');
  });
  it('returns what it cannot read as it came', () => {
    expect(formatRelative('soon', NOW, 'en')).toBe('soon');
  });
});

describe('calendar days, day separators and clock times', () => {
  it('counts calendar days in the given time zone', () => {
    // 00:30 on the 22nd in Tokyo is still the 21st in UTC.
    expect(calendarDaysAgo(Date.parse('2026-11-21T15:30:00Z'), NOW, TOKYO)).toBe(0);
    expect(calendarDaysAgo(Date.parse('2026-11-21T15:30:00Z'), NOW, 'UTC')).toBe(1);
  });
  it('names today and yesterday, then the date with its weekday', () => {
    expect(formatDay('2026-11-22T01:00:00Z', NOW, 'en', TOKYO)).toBe('Today');
    expect(formatDay('2026-11-21T01:00:00Z', NOW, 'ja', TOKYO)).toBe('昨日');
    expect(formatDay('2026-11-12T01:00:00Z', NOW, 'ja', TOKYO)).toBe('11月12日(木)');
  });
  it('shows the time of day as each language writes it', () => {
    expect(formatClock('2026-11-22T05:05:00Z', 'ja', TOKYO)).toBe('14:05');
    expect(formatClock('2026-11-22T05:05:00Z', 'en', TOKYO)).toBe('2:05 PM');
  });
});

describe('previews and names', () => {
  it('cuts a text to its first line', () => {
    expect(firstLine('  こんにちは\n二行目')).toBe('こんにちは');
    expect(firstLine('a  b\tc')).toBe('a b c');
    expect(firstLine('あ'.repeat(100), 10)).toBe(`${'あ'.repeat(9)}…`);
  });
  it('says whose and what kind of message it is', () => {
    expect(messagePreview(msg(1, { text: '来週お会いできますか？' }), 'm_1', ja)).toBe('来週お会いできますか？');
    expect(messagePreview(msg(1, { sender: 'm_1', text: 'はい' }), 'm_1', ja)).toBe('あなた：はい');
    expect(messagePreview(msg(1, { deleted: true, text: '' }), 'm_1', en)).toBe('Message deleted');
    expect(messagePreview(msg(1, { kind: 'proposal', subject: 'Data platform audit' }), 'm_1', en)).toBe('Proposal: Data platform audit');
    expect(messagePreview(msg(1, { kind: 'meeting_request', proposed_times: ['2026-12-01T01:00:00Z'] }), 'm_1', ja)).toBe('面談の依頼');
  });
  it('names a direct conversation by the other, a group by its title or its members', () => {
    expect(conversationName(entry(), en)).toBe('佐藤 健');
    expect(conversationName(entry({ kind: 'group', title: ' 勉強会 ' }), en)).toBe('勉強会');
    const four = ['A', 'B', 'C', 'D'].map((n) => ({ id: n, display_name: n, degree: 1 as const }));
    expect(conversationName(entry({ kind: 'group', participants: four }), en)).toBe('A, B, C and 1 more');
    expect(conversationName(entry({ kind: 'group', participants: four.slice(0, 2) }), ja)).toBe('A、B');
    expect(conversationName(entry({ participants: [{ id: 'x', degree: null }] }), ja)).toBe('メンバー');
    expect(conversationName(entry({ participants: [] }), en)).toBe('No one else is here');
  });
  it('caps badges at 99+', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('mergeMessages', () => {
  it('keeps each id once, the newer copy, oldest first', () => {
    const page1 = [msg(3), msg(4)];
    const older = [msg(1), msg(2), msg(3)];
    const edited = msg(4, { text: 'edited', edited_at: '2026-11-22T03:05:00Z' });
    const merged = mergeMessages(mergeMessages(page1, older), [edited, msg(5)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(merged[3]?.text).toBe('edited');
    expect(latestSeq(merged)).toBe(5);
    expect(latestSeq([])).toBe(0);
  });
});

describe('canChangeForEveryone', () => {
  const sent = Date.parse('2026-11-22T03:00:00Z');
  it('only one’s own, undeleted messages within 24 hours', () => {
    const own = msg(1, { sender: 'm_1' });
    expect(canChangeForEveryone(own, 'm_1', sent + 1000)).toBe(true);
    expect(canChangeForEveryone(own, 'm_1', sent + EDIT_WINDOW_MS)).toBe(false);
    expect(canChangeForEveryone(msg(1), 'm_1', sent + 1000)).toBe(false);
    expect(canChangeForEveryone({ ...own, deleted: true }, 'm_1', sent + 1000)).toBe(false);
    expect(canChangeForEveryone(own, undefined, sent)).toBe(false);
  });
});

describe('requestRole', () => {
  it('tells the sender of a message request from its recipient', () => {
    expect(requestRole(entry(), 'm_1')).toBeNull();
    expect(requestRole(entry({ awaiting_reply: true, last_message: msg(1, { sender: 'm_1' }) }), 'm_1')).toBe('sender');
    expect(requestRole(entry({ awaiting_reply: true, folder: 'requests', last_message: msg(1) }), 'm_1')).toBe('recipient');
    expect(requestRole(entry({ awaiting_reply: true, folder: 'filtered' }), 'm_1')).toBe('recipient');
    expect(requestRole(entry({ awaiting_reply: true, last_message: msg(1) }), 'm_1')).toBe('recipient');
    // GET /conversations/{id} may leave last_message out: the sender is the one who may not write.
    expect(requestRole(entry({ awaiting_reply: true, can_write: false }), 'm_1')).toBe('sender');
  });
});

describe('readMarker', () => {
  const messages = [msg(1, { sender: 'm_1' }), msg(2), msg(3, { sender: 'm_1' }), msg(4, { sender: 'm_1', deleted: true })];
  it('marks the newest of one’s own messages someone has read', () => {
    expect(readMarker({ m_2: 3 }, messages, 'm_1')).toEqual({ messageId: 'msg_3', readers: 1 });
    expect(readMarker({ m_2: 2, m_3: 1 }, messages, 'm_1')).toEqual({ messageId: 'msg_1', readers: 2 });
  });
  it('shows nothing without read receipts, or when only one’s own reading is known', () => {
    expect(readMarker(undefined, messages, 'm_1')).toBeUndefined();
    expect(readMarker({ m_1: 4 }, messages, 'm_1')).toBeUndefined();
    expect(readMarker({ m_2: 0 }, messages, 'm_1')).toBeUndefined();
  });
});

describe('mergeFirstPage', () => {
  const at = (h: number) => `2026-11-22T0${h}:00:00Z`;
  it('takes the fresh first page, drops what left it, and keeps later pages', () => {
    const rows = [entry({ id: 'e', last_activity_at: at(5) }), entry({ id: 'd', last_activity_at: at(4) }), entry({ id: 'b', last_activity_at: at(2) }), entry({ id: 'a', last_activity_at: at(1) })];
    const current = { conversations: rows, next_cursor: 'older' };
    // "f" is new, "e" got a message, "d" moved to another folder; "b" and "a" lie beyond page 1.
    const fresh = { conversations: [entry({ id: 'e', last_activity_at: at(7), unread: 2 }), entry({ id: 'f', last_activity_at: at(6) }), entry({ id: 'c', last_activity_at: at(3) })], next_cursor: 'p2' };
    const merged = mergeFirstPage(current, fresh);
    expect(merged.conversations.map((c) => c.id)).toEqual(['e', 'f', 'c', 'b', 'a']);
    expect(merged.conversations[0]?.unread).toBe(2);
    expect(merged.next_cursor).toBe('older');
  });
  it('a first page that is the whole list replaces it', () => {
    const current = { conversations: [entry({ id: 'x' }), entry({ id: 'y' })] };
    expect(mergeFirstPage(current, { conversations: [entry({ id: 'y' })] })).toEqual({ conversations: [entry({ id: 'y' })] });
  });
});

describe('business asks', () => {
  it('checks the text: required, at most 4000 characters after trimming', () => {
    expect(textProblem('   ')).toBe('errors.required');
    expect(textProblem('x'.repeat(TEXT_MAX))).toBeUndefined();
    expect(textProblem(`  ${'字'.repeat(TEXT_MAX)}  `)).toBeUndefined();
    expect(textProblem('字'.repeat(TEXT_MAX + 1))).toEqual({ key: 'errors.too_long', params: { max: TEXT_MAX } });
  });

  it('reads a datetime-local value in local time, and refuses impossible dates', () => {
    const utc = localToUtc('2026-12-01T10:00');
    expect(utc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    expect(new Date(utc as string).getHours()).toBe(10);
    expect(localToUtc('2026-02-31T10:00')).toBeUndefined();
    expect(localToUtc('tomorrow')).toBeUndefined();
  });

  it('a meeting request needs 1–5 future times', () => {
    const now = new Date(2026, 10, 22, 12, 0).getTime();
    const d = { ...emptyAsk('meeting_request'), text: '30分ほどお話しできますか？' };
    expect(askProblems(d, now)['proposed_times[0]']).toBe('errors.required');
    const past = { ...d, times: ['2026-11-21T10:00'] };
    expect(askProblems(past, now)['proposed_times[0]']).toBe('errors.time_in_past');
    const ok = { ...d, times: ['2026-12-01T10:00', '', '2026-12-02T15:30'] };
    const problems = askProblems(ok, now);
    expect(Object.values(problems).filter(Boolean)).toEqual([]);
    const body = askBody(ok);
    expect(body.kind).toBe('meeting_request');
    expect(body.proposed_times).toHaveLength(2);
    expect(body.subject).toBeUndefined();
    const six = { ...d, times: Array.from({ length: 6 }, (_, i) => `2026-12-0${i + 1}T10:00`) };
    expect(askProblems(six, now).proposed_times).toEqual({ key: 'errors.too_many_times', params: { max: 5 } });
  });

  it('a proposal or referral request needs a subject of at most 200 characters', () => {
    const d = { ...emptyAsk('referral_request'), text: 'ご紹介いただけないでしょうか。' };
    expect(askProblems(d, NOW).subject).toBe('errors.required');
    expect(askProblems({ ...d, subject: 'x'.repeat(201) }, NOW).subject).toEqual({ key: 'errors.too_long', params: { max: 200 } });
    expect(askBody({ ...d, subject: ' データエンジニア（株式会社縁） ' })).toEqual({
      kind: 'referral_request',
      text: 'ご紹介いただけないでしょうか。',
      subject: 'データエンジニア（株式会社縁）',
    });
  });
});
