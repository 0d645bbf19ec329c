import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useI18n } from '../../i18n/context';
import { describeError } from '../../i18n/describeError';
import type { MessageKey, Params } from '../../i18n/translate';
import { useSignedOutGuard } from '../../components/useSignedOutGuard';

function fallbackName(): string {
  return `enishi-export-${new Date().toISOString().slice(0, 10)}.json`;
}

/** Saves a Blob under a file name through a temporary link. */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportSection() {
  const { t, formatDelay } = useI18n();
  const guard = useSignedOutGuard();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [error, setError] = useState<{ key: MessageKey; params?: Params } | null>(null);

  async function download() {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      const { blob, filename } = await api.exportData();
      const typed = blob.type ? blob : new Blob([blob], { type: 'application/json' });
      saveBlob(typed, filename ?? fallbackName());
      setStatus('settings.export_done');
    } catch (e) {
      const d = describeError(e, 'other', { formatDelay });
      if (!guard(d)) setError(d.params ? { key: d.key, params: d.params } : { key: d.key });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="settings-export">
      <h2 id="settings-export">{t('settings.export_heading')}</h2>
      <p>{t('settings.export_text')}</p>
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={error ? t(error.key, error.params) : null} />
      <button type="button" class="btn btn-secondary" onClick={() => void download()} aria-disabled={busy ? 'true' : undefined}>
        {busy ? t('settings.exporting') : t('settings.export_button')}
      </button>
    </section>
  );
}
