// The message input's keyboard rules, without UI: Enter sends, Shift+Enter makes a new line, and
// an Enter that confirms a Japanese or Chinese IME conversion never sends.

/** The fields of a KeyboardEvent the rules read. */
export interface KeyLike {
  key: string;
  shiftKey: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  /** Deprecated, but the only sign of an IME keydown in some browsers (229). */
  keyCode?: number;
}

/** keyCode of a keydown the IME is handling. */
export const IME_KEY_CODE = 229;

/**
 * True while an IME conversion is under way: the input saw compositionstart and not yet
 * compositionend (`composing`), or the key event itself says so. Safari fires compositionend
 * before the keydown of the Enter that ends the conversion; that keydown still has keyCode 229.
 */
export function imeActive(e: KeyLike, composing: boolean): boolean {
  return composing || e.isComposing === true || e.keyCode === IME_KEY_CODE;
}

/**
 * What a keydown in the message input does: `send` (Enter, or Ctrl/⌘+Enter), `newline` (Shift or
 * Alt+Enter: left to the browser), or `none` (any other key, and any key the IME is handling).
 */
export function keyAction(e: KeyLike, composing: boolean): 'send' | 'newline' | 'none' {
  if (e.key !== 'Enter') return 'none';
  if (imeActive(e, composing)) return 'none';
  if (e.shiftKey || e.altKey) return 'newline';
  return 'send';
}

/**
 * Follows the composition state of one input. Wire `start` to compositionstart, `end` to
 * compositionend, and ask `action` on keydown.
 */
export class CompositionTracker {
  private composing = false;

  start(): void {
    this.composing = true;
  }

  end(): void {
    this.composing = false;
  }

  get active(): boolean {
    return this.composing;
  }

  action(e: KeyLike): 'send' | 'newline' | 'none' {
    return keyAction(e, this.composing);
  }
}
