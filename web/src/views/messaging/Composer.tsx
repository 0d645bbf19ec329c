import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { SendIcon } from '../../components/Icons';
import { useI18n } from '../../i18n/context';
import type { Message } from '../../i18n/fieldErrors';
import type { MessageKey } from '../../i18n/translate';
import { TEXT_MAX, textProblem } from '../../messaging/asks';
import { CompositionTracker } from '../../messaging/composer';

/** The input grows with its text up to this many pixels, then scrolls. */
const MAX_HEIGHT_PX = 160;

/**
 * The message input: Enter sends, Shift+Enter makes a new line, and Enter never sends while a
 * Japanese or Chinese IME is converting. `onSend` gets the trimmed text and resolves true when it
 * went out (the input is cleared then); `onTyping` runs on every edit. `tools` go before the input
 * (the business-ask button).
 */
export function Composer({ id, onSend, onTyping, tools, error }: {
  id: string;
  onSend: (text: string) => Promise<boolean>;
  onTyping?: () => void;
  tools?: ComponentChildren;
  /** The translated reason the last send failed, shown under the input. */
  error?: string | null;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Message | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const tracker = useRef(new CompositionTracker());

  // Preact names listeners after `on…` props only for events the element has a property for;
  // composition events have none, so they are wired by hand.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const start = () => tracker.current.start();
    const end = () => tracker.current.end();
    el.addEventListener('compositionstart', start);
    el.addEventListener('compositionend', end);
    return () => {
      el.removeEventListener('compositionstart', start);
      el.removeEventListener('compositionend', end);
    };
  }, []);

  // Grow with the text.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  async function send() {
    if (busy) return;
    const found = textProblem(text);
    if (found === 'errors.required') return; // nothing to send: Enter on an empty input does nothing
    if (found) {
      setProblem(typeof found === 'string' ? { key: found } : found);
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      if (await onSend(text.trim())) setText('');
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  }

  const shown = problem ? t(problem.key as MessageKey, problem.params) : (error ?? null);
  return (
    <form
      class="composer"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {tools}
      <div class="composer-input">
        <label for={id} class="visually-hidden">
          {t('chat.input_label')}
        </label>
        <textarea
          id={id}
          ref={input}
          rows={1}
          value={text}
          maxLength={TEXT_MAX * 2}
          placeholder={t('chat.input_placeholder')}
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
          aria-invalid={problem ? 'true' : undefined}
          onInput={(e) => {
            setText(e.currentTarget.value);
            if (problem) setProblem(null);
            onTyping?.();
          }}
          onKeyDown={(e) => {
            if (tracker.current.action(e) !== 'send') return;
            e.preventDefault();
            void send();
          }}
        />
        <p class="visually-hidden" id={`${id}-hint`}>
          {t('chat.input_hint')}
        </p>
      </div>
      <button type="submit" class="btn btn-primary composer-send" aria-disabled={busy ? 'true' : undefined}>
        <SendIcon class="icon icon-small" />
        <span class="visually-hidden">{t('chat.send')}</span>
      </button>
      {shown && (
        <p class="field-error composer-error" id={`${id}-error`}>
          {shown}
        </p>
      )}
    </form>
  );
}
