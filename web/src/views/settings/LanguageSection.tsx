import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Locale } from '../../api/types';
import { useAuth } from '../../auth';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useI18n } from '../../i18n/context';
import { describeError } from '../../i18n/describeError';
import { LOCALE_NAMES, LOCALES } from '../../i18n/locale';
import type { MessageKey, Params } from '../../i18n/translate';
import { useSignedOutGuard } from '../../components/useSignedOutGuard';

/** Language choice: applied at once on this device, and saved to the account. */
export function LanguageSection() {
  const { t, locale, setLocale, formatDelay } = useI18n();
  const auth = useAuth();
  const guard = useSignedOutGuard();
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [error, setError] = useState<{ key: MessageKey; params?: Params } | null>(null);

  async function choose(next: Locale) {
    if (next === locale) return;
    setLocale(next);
    setStatus(null);
    setError(null);
    try {
      auth.updated(await api.updateMe({ locale: next }));
      setStatus('settings.language_saved');
    } catch (e) {
      const d = describeError(e, 'profile', { formatDelay });
      if (!guard(d)) setError(d.params ? { key: d.key, params: d.params } : { key: d.key });
    }
  }

  return (
    <section class="card" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settings.language_heading')}</h2>
      <fieldset class="choices" aria-labelledby="settings-language" aria-describedby="settings-language-hint">
        <p class="hint" id="settings-language-hint">
          {t('settings.language_hint')}
        </p>
        {LOCALES.map((l) => (
          <label class="choice" key={l}>
            <input
              type="radio"
              name="settings-language"
              value={l}
              checked={l === locale}
              onChange={() => void choose(l)}
            />
            <span lang={l}>{LOCALE_NAMES[l]}</span>
          </label>
        ))}
      </fieldset>
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={error ? t(error.key, error.params) : null} />
    </section>
  );
}
