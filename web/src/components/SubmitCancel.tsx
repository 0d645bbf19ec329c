import { useI18n } from '../i18n/context';

/**
 * A small form's buttons: submit, which reads `busyLabel` while the form is sending (and is
 * marked disabled, staying focusable), then cancel. The labels default to Save and Saving….
 */
export function SubmitCancel({ busy, label, busyLabel, onCancel }: {
  busy: boolean;
  label?: string;
  busyLabel?: string;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div class="form-actions">
      <button type="submit" class="btn btn-primary btn-small" aria-disabled={busy ? 'true' : undefined}>
        {busy ? (busyLabel ?? t('common.saving')) : (label ?? t('common.save'))}
      </button>
      <button type="button" class="btn btn-secondary btn-small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
