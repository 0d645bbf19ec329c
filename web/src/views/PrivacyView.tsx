import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Privacy, PrivacyInput } from '../api/types';
import { ErrorRegion } from '../components/Live';
import { Loading, Page } from '../components/Page';
import { useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n/context';
import { CirclesSection } from './privacy/CirclesSection';
import { DiscoverabilitySection } from './privacy/DiscoverabilitySection';
import { ProfileLinkSection } from './privacy/ProfileLinkSection';
import { ShieldSection } from './privacy/ShieldSection';
import { WorkEmailsSection } from './privacy/WorkEmailsSection';

/** The body of PUT /me/privacy for a Privacy answer. */
export function privacyInput(p: Privacy): PrivacyInput {
  return {
    discoverability: { ...p.discoverability },
    shield: { companies: p.shield.companies.map((c) => c.id), hide_profile: p.shield.hide_profile },
  };
}

/**
 * A change to the privacy settings: applied on screen at once, then saved (changes go out
 * one after another, each on top of the last answer). Resolves true when saved.
 */
export type PrivacyChange = (change: (p: Privacy) => Privacy) => Promise<boolean>;

export function PrivacyView() {
  const { t } = useI18n();
  const [privacy, setPrivacy] = useState<Privacy | null>(null);
  const errors = useFormErrors(() => '', () => false);
  const latest = useRef<Privacy | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  async function load() {
    errors.clear();
    try {
      const p = await api.privacy();
      latest.current = p;
      setPrivacy(p);
    } catch (e) {
      errors.showError(e, 'other');
    }
  }
  useEffect(() => {
    void load();
  }, []);

  const change: PrivacyChange = (fn) => {
    const run = async (): Promise<boolean> => {
      const base = latest.current;
      if (!base) return false;
      const wanted = fn(base);
      setPrivacy(wanted);
      try {
        const saved = await api.savePrivacy(privacyInput(wanted));
        latest.current = saved;
        setPrivacy(saved);
        return true;
      } catch (e) {
        setPrivacy(latest.current);
        throw e;
      }
    };
    const next = queue.current.then(run, run);
    queue.current = next.catch(() => undefined);
    return next;
  };

  const adopt = (p: Privacy) => {
    latest.current = p;
    setPrivacy(p);
  };

  return (
    <Page title={t('privacy.title')} class="settings privacy">
      <p class="lead">{t('privacy.lead')}</p>
      {!privacy && !errors.form && <Loading />}
      {!privacy && errors.form && (
        <>
          <ErrorRegion text={errors.form} />
          <button type="button" class="btn btn-secondary" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        </>
      )}
      {privacy && (
        <>
          <DiscoverabilitySection privacy={privacy} change={change} />
          <ShieldSection privacy={privacy} change={change} />
          <ProfileLinkSection privacy={privacy} onRotated={adopt} />
        </>
      )}
      <CirclesSection />
      <WorkEmailsSection />
    </Page>
  );
}
