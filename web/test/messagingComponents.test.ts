// Messaging components rendered to HTML, as a person or a screen reader meets them.
import { h, type ComponentChildren } from 'preact';
import { LocationProvider } from 'preact-iso';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, Locale } from '../src/api/types';
import { AuthProvider } from '../src/auth';
import { I18nProvider } from '../src/i18n/context';
import { Composer } from '../src/views/messaging/Composer';
import { MessageItem } from '../src/views/messaging/MessageItem';

function render(node: ComponentChildren, locale: Locale = 'en'): string {
  vi.stubGlobal('localStorage', { getItem: () => locale, setItem: () => undefined });
  vi.stubGlobal('location', new URL('http://127.0.0.1/messages/c_1'));
  return renderToString(h(LocationProvider, null, h(I18nProvider, null, h(AuthProvider, null, node))));
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

afterEach(() => {
  vi.unstubAllGlobals();
});

const base: ChatMessage = {
  id: 'msg_1',
  conversation: 'c_1',
  seq: 1,
  sender: 'm_2',
  kind: 'text',
  text: 'こんにちは\n来週どうですか？',
  created_at: '2026-11-22T03:00:00Z',
  deleted: false,
};
const props = { meId: 'm_1', senderName: undefined, readers: 0, group: false, now: Date.parse('2026-11-22T03:10:00Z'), onChanged: () => undefined, onRemoved: () => undefined };

describe('MessageItem', () => {
  it('shows others’ text as written, with the time', () => {
    const html = render(h(MessageItem, { ...props, message: base }));
    expect(html).toContain('class="msg msg-other"');
    expect(html).toContain('こんにちは\n来週どうですか？');
    expect(html).toContain('datetime="2026-11-22T03:00:00Z"');
    expect(html).toContain('aria-label="Message options"');
  });

  it('marks one’s own message as edited and read', () => {
    const html = render(h(MessageItem, { ...props, readers: 1, message: { ...base, sender: 'm_1', edited_at: '2026-11-22T03:05:00Z' } }), 'ja');
    expect(html).toContain('class="msg msg-own"');
    expect(text(html)).toContain('編集済み');
    expect(text(html)).toContain('既読');
  });

  it('a message deleted for everyone reads “deleted”, and others’ offer nothing to do', () => {
    const html = render(h(MessageItem, { ...props, message: { ...base, deleted: true, text: '' } }), 'zh-Hans');
    expect(text(html)).toContain('此消息已被删除。');
    expect(html).not.toContain('msg-more');
  });

  it('a meeting request stands apart, with its proposed times', () => {
    const ask: ChatMessage = { ...base, kind: 'meeting_request', text: '30分ほど', proposed_times: ['2026-12-01T01:00:00Z', '2026-12-02T06:30:00Z'] };
    const html = render(h(MessageItem, { ...props, message: ask }), 'ja');
    expect(html).toContain('data-kind="meeting_request"');
    expect(html).toContain('msg-bubble-ask');
    expect(text(html)).toContain('面談の依頼');
    expect(html.match(/<time datetime="2026-12-0/g)).toHaveLength(2);
  });

  it('a proposal and a referral request show their subject', () => {
    const proposal = render(h(MessageItem, { ...props, message: { ...base, kind: 'proposal', subject: 'データ基盤の監査' } }), 'ja');
    expect(text(proposal)).toContain('提案 データ基盤の監査');
    const referral = render(h(MessageItem, { ...props, message: { ...base, kind: 'referral_request', subject: 'Data engineer' } }));
    expect(text(referral)).toContain('Referral request Data engineer');
  });

  it('names the sender in groups', () => {
    const html = render(h(MessageItem, { ...props, group: true, senderName: '李 伟', readers: 0, message: base }));
    expect(html).toContain('<p class="msg-sender">李 伟</p>');
  });
});

describe('Composer', () => {
  it('is a labelled text area that says how Enter works, and a Send button', () => {
    const html = render(h(Composer, { id: 'chat-input', onSend: async () => true }), 'ja');
    expect(html).toContain('<label for="chat-input" class="visually-hidden">メッセージ</label>');
    expect(html).toContain('aria-describedby="chat-input-hint"');
    expect(text(html)).toContain('変換中にEnterを押しても送信されません');
    expect(html).toMatch(/<button type="submit"[^>]*>.*送信/s);
  });
});
