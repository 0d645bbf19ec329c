import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { describeError, type DescribeOptions, type ErrorContext } from '../i18n/describeError';
import { routeError, type Message, type RoutedError } from '../i18n/fieldErrors';
import type { MessageKey } from '../i18n/translate';
import { focusSoon } from './focus';
import { useSignedOutGuard } from './useSignedOutGuard';

/** Problems found before sending: field path → message, undefined where the field is fine. */
export type FieldProblems = Readonly<Record<string, Message | MessageKey | undefined>>;

export interface FormErrors {
  /** The translated message next to a field, if it has one. */
  field: (path: string) => string | undefined;
  /** The translated message at the top of the form, or null. */
  form: string | null;
  /** True when any field or the form has a message. */
  any: boolean;
  clear: () => void;
  /** Shows one message at the top of the form (e.g. a success turned failure), clearing the fields. */
  setForm: (message: Message | MessageKey | null) => void;
  /**
   * Shows problems found before sending (field path → message), with "check the fields"
   * on top, and focuses the first in `order` (or in insertion order). False when there were none.
   */
  showLocal: (found: FieldProblems, order?: readonly string[]) => boolean;
  /**
   * Shows an error thrown by the API client next to its field (the most specific one the
   * form has, see routeError) or on top of the form, and focuses that field. Leaves for the
   * login page when the session is gone (and returns null then).
   */
  showError: (e: unknown, context: ErrorContext, options?: DescribeOptions) => RoutedError | null;
}

const asMessage = (m: Message | MessageKey): Message => (typeof m === 'string' ? { key: m } : m);

/**
 * The error state of one form: messages next to fields and one on top, from local checks
 * or from the server. `idOf` turns a field path into the id of its input (for focus);
 * `isField` says which paths the form has (default: those `idOf` finds in the page).
 */
export function useFormErrors(idOf: (path: string) => string, isField?: (path: string) => boolean): FormErrors {
  const { t, formatDelay } = useI18n();
  const guard = useSignedOutGuard();
  const [fields, setFields] = useState<Record<string, Message>>({});
  const [form, setFormState] = useState<Message | null>(null);
  const known = isField ?? ((path: string) => typeof document !== 'undefined' && document.getElementById(idOf(path)) !== null);

  return {
    field: (path) => {
      const m = fields[path];
      return m ? t(m.key, m.params) : undefined;
    },
    form: form ? t(form.key, form.params) : null,
    any: form !== null || Object.keys(fields).length > 0,
    clear: () => {
      setFields({});
      setFormState(null);
    },
    setForm: (message) => {
      setFields({});
      setFormState(message === null ? null : asMessage(message));
    },
    showLocal: (found, order) => {
      const entries = Object.entries(found).filter((e): e is [string, Message | MessageKey] => e[1] !== undefined);
      const next: Record<string, Message> = {};
      for (const [path, m] of entries) next[path] = asMessage(m);
      setFields(next);
      if (entries.length === 0) {
        setFormState(null);
        return false;
      }
      setFormState({ key: 'errors.check_fields' });
      const first = order?.find((p) => p in next) ?? entries[0]?.[0];
      if (first !== undefined) focusSoon(idOf(first));
      return true;
    },
    showError: (e, context, options = {}) => {
      const d = describeError(e, context, { formatDelay, ...options });
      if (guard(d)) return null;
      const routed = routeError(d, known);
      if (routed.field !== undefined && routed.fieldMessage) {
        setFields({ [routed.field]: routed.fieldMessage });
        focusSoon(idOf(routed.field));
      } else {
        setFields({});
      }
      setFormState(routed.formMessage);
      return routed;
    },
  };
}
