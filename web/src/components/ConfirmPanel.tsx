import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/context';

/**
 * A question asked before a step that is hard to undo, inline below the button that asked it.
 * The confirm button's id is `${id}-confirm`, so callers can move focus to it.
 */
export function ConfirmPanel(props: {
  id: string;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  busy: boolean;
  /** Red for destructive steps (block, remove), amber for the rest. */
  tone: 'danger' | 'warn';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div class={props.tone === 'warn' ? 'confirm-panel confirm-panel-warn row-full' : 'confirm-panel row-full'} role="group" aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.children}
      <div class="form-actions">
        <button
          type="button"
          id={`${props.id}-confirm`}
          class={props.tone === 'danger' ? 'btn btn-danger btn-small' : 'btn btn-primary btn-small'}
          aria-disabled={props.busy ? 'true' : undefined}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
        <button type="button" class="btn btn-secondary btn-small" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
