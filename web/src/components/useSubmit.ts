import { useState } from 'preact/hooks';
import type { ErrorContext } from '../i18n/describeError';
import type { FieldProblems, FormErrors } from './useFormErrors';

export interface Submit {
  /** True while `send` is under way. */
  busy: boolean;
  /** The form's submit handler. */
  submit: (e: Event) => Promise<void>;
}

/**
 * Sending one form, once at a time: on submit, shows what `check` finds on `errors` (focusing
 * the first in `order`) and stops there; otherwise clears the errors and awaits `send`, showing
 * what it throws on `errors`, described for `context`. A submit while busy does nothing.
 */
export function useSubmit(
  errors: FormErrors,
  context: ErrorContext,
  steps: { check: () => FieldProblems; order?: readonly string[]; send: () => Promise<void> },
): Submit {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    submit: async (e) => {
      e.preventDefault();
      if (busy) return;
      if (errors.showLocal(steps.check(), steps.order)) return;
      setBusy(true);
      errors.clear();
      try {
        await steps.send();
      } catch (err) {
        errors.showError(err, context);
      } finally {
        setBusy(false);
      }
    },
  };
}
