import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import type { ErrorContext } from '../i18n/describeError';
import type { Message } from '../i18n/fieldErrors';
import type { MessageKey } from '../i18n/translate';
import { useFormErrors } from './useFormErrors';

export interface ActionStatus {
  /** The action under way (as named in `run`), or null. */
  busy: string | null;
  /** The translated confirmation of the last action, or null. */
  status: string | null;
  /** The translated error of the last action, or null. */
  error: string | null;
  /** Shows a confirmation (e.g. one a child form reported). */
  announce: (message: Message | MessageKey | null) => void;
  /** Shows an error found without the server (e.g. no clipboard). */
  fail: (message: Message | MessageKey) => void;
  /**
   * Runs one action unless another is under way: clears both messages, then shows the
   * confirmation `action` resolves to, or its error (leaving for the login page when the
   * session is gone). Resolves true on success.
   */
  run: (name: string, action: () => Promise<Message | MessageKey | void>) => Promise<boolean>;
}

const asMessage = (m: Message | MessageKey): Message => (typeof m === 'string' ? { key: m } : m);

/** The busy state, confirmation and error of the buttons of one list item or section. */
export function useActionStatus(context: ErrorContext = 'other'): ActionStatus {
  const { t } = useI18n();
  const errors = useFormErrors(() => '', () => false);
  const [done, setDone] = useState<Message | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  return {
    busy,
    status: done ? t(done.key, done.params) : null,
    error: errors.form,
    announce: (message) => setDone(message === null ? null : asMessage(message)),
    fail: (message) => {
      setDone(null);
      errors.setForm(message);
    },
    run: async (name, action) => {
      if (busy !== null) return false;
      setBusy(name);
      setDone(null);
      errors.clear();
      try {
        const message = await action();
        if (message) setDone(asMessage(message));
        return true;
      } catch (e) {
        errors.showError(e, context);
        return false;
      } finally {
        setBusy(null);
      }
    },
  };
}
