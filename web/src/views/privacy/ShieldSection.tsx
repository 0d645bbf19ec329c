import { useState } from 'preact/hooks';
import type { Company, Privacy } from '../../api/types';
import { EntityPicker } from '../../components/EntityPicker';
import { Toggle } from '../../components/Field';
import { ShieldIcon } from '../../components/Icons';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { pickName } from '../../profile/names';
import type { PrivacyChange } from '../PrivacyView';

function CompanyName({ company }: { company: Company }) {
  const { locale, t } = useI18n();
  const name = pickName(company.names, locale);
  return <span lang={name.lang}>{name.text || t('picker.unnamed')}</span>;
}

/**
 * The employer shield: the current employers (automatic, read-only), companies added by
 * hand, and whether shielded viewers see no profile at all.
 */
export function ShieldSection({ privacy, change }: { privacy: Privacy; change: PrivacyChange }) {
  const { t, locale } = useI18n();
  const errors = useFormErrors(() => 'shield-add', () => false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [picked, setPicked] = useState<Company | null>(null);
  const { automatic, companies, hide_profile } = privacy.shield;

  async function apply(fn: (p: Privacy) => Privacy, done: MessageKey) {
    setStatus(null);
    errors.clear();
    try {
      await change(fn);
      setStatus(done);
    } catch (e) {
      errors.showError(e, 'other');
    }
  }

  return (
    <section class="card" aria-labelledby="shield-heading">
      <h2 id="shield-heading" tabIndex={-1}>
        <ShieldIcon class="icon heading-icon" />
        {t('privacy.shield_heading')}
      </h2>
      <p class="hint">{t('privacy.shield_intro')}</p>

      <h3>{t('privacy.shield_automatic')}</h3>
      {automatic.length === 0 ? (
        <p class="muted">{t('privacy.shield_automatic_none')}</p>
      ) : (
        <ul class="plain-list company-list">
          {automatic.map((c) => (
            <li key={c.id}>
              <CompanyName company={c} />
              <span class="badge badge-quiet">{t('privacy.shield_automatic_badge')}</span>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('privacy.shield_extra')}</h3>
      {companies.length === 0 ? (
        <p class="muted">{t('privacy.shield_extra_none')}</p>
      ) : (
        <ul class="plain-list company-list">
          {companies.map((c) => (
            <li key={c.id}>
              <CompanyName company={c} />
              <button
                type="button"
                class="btn btn-link"
                aria-label={t('privacy.shield_remove_label', { name: pickName(c.names, locale).text })}
                onClick={() =>
                  void apply(
                    (p) => ({ ...p, shield: { ...p.shield, companies: p.shield.companies.filter((x) => x.id !== c.id) } }),
                    'privacy.shield_removed',
                  )
                }
              >
                {t('privacy.shield_remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <EntityPicker
        kind="company"
        id="shield-add"
        label={t('privacy.shield_add')}
        value={picked}
        onChange={(company) => {
          if (!company) return setPicked(null);
          setPicked(null);
          if (companies.some((c) => c.id === company.id) || automatic.some((c) => c.id === company.id)) {
            setStatus('privacy.shield_already');
            return;
          }
          void apply(
            (p) => ({ ...p, shield: { ...p.shield, companies: [...p.shield.companies, company as Company] } }),
            'privacy.shield_added',
          );
        }}
      />
      <Toggle
        id="privacy-hide-profile"
        label={t('privacy.hide_profile')}
        hint={t('privacy.hide_profile_hint')}
        checked={hide_profile}
        onChange={(on) => void apply((p) => ({ ...p, shield: { ...p.shield, hide_profile: on } }), 'privacy.saved')}
      />
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={errors.form} />
    </section>
  );
}
