import { useState } from 'preact/hooks';
import type { Discoverability, Privacy } from '../../api/types';
import { Toggle } from '../../components/Field';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import type { PrivacyChange } from '../PrivacyView';

const TOGGLES: readonly { key: keyof Discoverability; label: MessageKey; hint: MessageKey }[] = [
  { key: 'searchable', label: 'privacy.searchable', hint: 'privacy.searchable_hint' },
  { key: 'findable_by_email', label: 'privacy.by_email', hint: 'privacy.by_email_hint' },
  { key: 'findable_by_phone', label: 'privacy.by_phone', hint: 'privacy.by_phone_hint' },
];

/** Who can find the member: all off unless they opt in; each switch saves at once. */
export function DiscoverabilitySection({ privacy, change }: { privacy: Privacy; change: PrivacyChange }) {
  const { t } = useI18n();
  const errors = useFormErrors(() => '', () => false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  return (
    <section class="card" aria-labelledby="discover-heading">
      <h2 id="discover-heading">{t('privacy.discover_heading')}</h2>
      <p class="hint">{t('privacy.discover_intro')}</p>
      <div class="toggles">
        {TOGGLES.map(({ key, label, hint }) => (
          <Toggle
            key={key}
            id={`privacy-${key}`}
            label={t(label)}
            hint={t(hint)}
            checked={privacy.discoverability[key]}
            onChange={async (on) => {
              setStatus(null);
              errors.clear();
              try {
                await change((p) => ({ ...p, discoverability: { ...p.discoverability, [key]: on } }));
                setStatus('privacy.saved');
              } catch (e) {
                errors.showError(e, 'other');
              }
            }}
          />
        ))}
      </div>
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={errors.form} />
    </section>
  );
}
