// The message input's keys: Enter sends, Shift+Enter is a new line, and an IME's Enter never sends.
import { describe, expect, it } from 'vitest';
import { CompositionTracker, imeActive, keyAction, type KeyLike } from '../src/messaging/composer';

const key = (over: Partial<KeyLike> = {}): KeyLike => ({ key: 'Enter', shiftKey: false, keyCode: 13, ...over });

describe('keyAction', () => {
  const cases: { name: string; e: KeyLike; composing: boolean; want: ReturnType<typeof keyAction> }[] = [
    { name: 'Enter sends', e: key(), composing: false, want: 'send' },
    { name: 'Ctrl+Enter sends', e: key({ ctrlKey: true }), composing: false, want: 'send' },
    { name: '⌘+Enter sends', e: key({ metaKey: true }), composing: false, want: 'send' },
    { name: 'Shift+Enter is a new line', e: key({ shiftKey: true }), composing: false, want: 'newline' },
    { name: 'Alt+Enter is a new line', e: key({ altKey: true }), composing: false, want: 'newline' },
    { name: 'other keys do nothing', e: key({ key: 'a', keyCode: 65 }), composing: false, want: 'none' },
    { name: 'Enter between compositionstart and compositionend does not send', e: key(), composing: true, want: 'none' },
    { name: 'Enter with isComposing does not send', e: key({ isComposing: true, keyCode: 229 }), composing: false, want: 'none' },
    { name: 'Enter with isComposing alone (no keyCode) does not send', e: key({ isComposing: true, keyCode: undefined }), composing: false, want: 'none' },
    // Safari: compositionend comes first, then the keydown of the confirming Enter, keyCode 229.
    { name: 'Enter with keyCode 229 after compositionend does not send', e: key({ keyCode: 229 }), composing: false, want: 'none' },
    { name: 'Shift+Enter while composing is left to the IME', e: key({ shiftKey: true, isComposing: true }), composing: true, want: 'none' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(keyAction(c.e, c.composing)).toBe(c.want);
    });
  }

  it('imeActive reads every sign of a conversion', () => {
    expect(imeActive(key(), false)).toBe(false);
    expect(imeActive(key(), true)).toBe(true);
    expect(imeActive(key({ isComposing: true }), false)).toBe(true);
    expect(imeActive(key({ keyCode: 229 }), false)).toBe(true);
  });
});

describe('CompositionTracker', () => {
  it('follows compositionstart … compositionend as the Japanese IME fires them', () => {
    const tracker = new CompositionTracker();
    // 「にほんご」 typed, converted to 日本語, confirmed with Enter, then sent with Enter.
    tracker.start();
    expect(tracker.active).toBe(true);
    expect(tracker.action(key({ key: 'n', keyCode: 229, isComposing: true }))).toBe('none');
    expect(tracker.action(key({ key: ' ', keyCode: 229, isComposing: true }))).toBe('none');
    // Some browsers report the confirming Enter without isComposing or 229: the state still holds.
    expect(tracker.action(key())).toBe('none');
    tracker.end();
    expect(tracker.active).toBe(false);
    expect(tracker.action(key())).toBe('send');
  });

  it('a Chinese IME confirming with Enter after compositionend (Safari) still does not send', () => {
    const tracker = new CompositionTracker();
    tracker.start();
    tracker.end();
    expect(tracker.action(key({ keyCode: 229 }))).toBe('none');
    expect(tracker.action(key())).toBe('send');
  });
});
