// Conversation logic without UI: merging pages and live messages, what one may do with a message,
// the state of a message request, read receipts, and keeping a conversation list in order.
import type { ChatMessage, ConversationEntry, ConversationPage } from '../api/types';

/** Own messages may be edited, or deleted for everyone, this long after sending. */
export const EDIT_WINDOW_MS = 24 * 3_600_000;
/** Messages per page of history. */
export const PAGE_SIZE = 50;
/** A typing indicator disappears this long after the last typing frame. */
export const TYPING_SHOWN_MS = 6_000;

/**
 * The messages of `list` and `incoming` together, each id once (the incoming copy wins: an edit
 * or a deletion), oldest first.
 */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const m of list) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** True within 24 hours of sending (the server has the last word: clocks differ). */
export function withinEditWindow(m: Pick<ChatMessage, 'created_at'>, now: number): boolean {
  const sent = Date.parse(m.created_at);
  return !Number.isNaN(sent) && now - sent < EDIT_WINDOW_MS;
}

/** One's own message, not deleted, within the window: it may be edited or deleted for everyone. */
export function canChangeForEveryone(m: ChatMessage, meId: string | undefined, now: number): boolean {
  return meId !== undefined && m.sender === meId && !m.deleted && withinEditWindow(m, now);
}

/**
 * The caller's side of a message request: `sender` waits for a reply, `recipient` may reply (which
 * accepts it), block, or leave it; null when the conversation is open.
 */
export function requestRole(
  entry: Pick<ConversationEntry, 'awaiting_reply' | 'folder' | 'last_message'> & { can_write?: boolean },
  meId: string | undefined,
): 'sender' | 'recipient' | null {
  if (!entry.awaiting_reply) return null;
  // The recipient's copy is filed under Message requests (or Filtered) until they reply.
  if (entry.folder !== 'inbox') return 'recipient';
  if (entry.last_message) return entry.last_message.sender === meId ? 'sender' : 'recipient';
  // Only the sender may not write while the request waits.
  return entry.can_write === false ? 'sender' : 'recipient';
}

/**
 * Where the "read" marker goes: the newest of one's own messages that another participant has
 * read, and how many have. Undefined without read receipts (`read_by` absent) or when none is read.
 */
export function readMarker(
  readBy: ConversationEntry['read_by'],
  messages: readonly ChatMessage[],
  meId: string | undefined,
): { messageId: string; readers: number } | undefined {
  if (!readBy || meId === undefined) return undefined;
  const others = Object.entries(readBy).filter(([member]) => member !== meId);
  if (others.length === 0) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as ChatMessage;
    if (m.sender !== meId || m.deleted) continue;
    const readers = others.filter(([, seq]) => seq >= m.seq).length;
    if (readers > 0) return { messageId: m.id, readers };
  }
  return undefined;
}

/** The highest seq loaded, 0 when there is none: what reading the chat up to now covers. */
export function latestSeq(messages: readonly ChatMessage[]): number {
  return messages.reduce((max, m) => Math.max(max, m.seq), 0);
}

/**
 * A conversation list after its first page was fetched again: the fresh rows replace or join the
 * old ones; an old row the fresh page should have held but does not (it moved to another folder,
 * or the member left) is dropped; rows of later pages stay, with their cursor.
 */
export function mergeFirstPage(current: ConversationPage, fresh: ConversationPage): ConversationPage {
  const ids = new Set(fresh.conversations.map((c) => c.id));
  const oldest = fresh.conversations.reduce((min, c) => Math.min(min, Date.parse(c.last_activity_at)), Infinity);
  const kept = fresh.next_cursor === undefined ? [] : current.conversations.filter((c) => !ids.has(c.id) && Date.parse(c.last_activity_at) < oldest);
  const conversations = [...fresh.conversations, ...kept].sort((a, b) => Date.parse(b.last_activity_at) - Date.parse(a.last_activity_at));
  const next = kept.length > 0 ? current.next_cursor : fresh.next_cursor;
  return next === undefined ? { conversations } : { conversations, next_cursor: next };
}
