import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Privacy } from '../../api/types';
import { copyText } from '../../components/clipboard';
import { focusSoon } from '../../components/focus';
import { CopyIcon, LinkIcon } from '../../components/Icons';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';

/** The full address of a profile link. */
export function profileLinkUrl(origin: string, token: string): string {
  return `${origin}/p/${encodeURIComponent(token)}`;
}

/** The rotatable profile link: its address, a copy button, and making a new one. */
export function ProfileLinkSection({ privacy, onRotated }: { privacy: Privacy; onRotated: (p: Privacy) => void }) {
  const { t } = useI18n();
  const errors = useFormErrors(() => '', () => false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const url = profileLinkUrl(location.origin, privacy.profile_link);

  async function rotate() {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    errors.clear();
    try {
      onRotated(await api.rotateProfileLink());
      setConfirming(false);
      setStatus('privacy.link_rotated');
      focusSoon('profile-link-url');
    } catch (e) {
      errors.showError(e, 'other');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="link-heading">
      <h2 id="link-heading">
        <LinkIcon class="icon heading-icon" />
        {t('privacy.link_heading')}
      </h2>
      <p class="hint">{t('privacy.link_intro')}</p>
      {/* The whole address, wrapped on narrow screens, so people can check what they share. */}
      <p class="link-box mono" id="profile-link-url" tabIndex={-1}>
        {url}
      </p>
      <div class="form-actions">
        <button
          type="button"
          class="btn btn-secondary"
          onClick={async () => {
            setStatus(null);
            errors.clear();
            const ok = await copyText(url, document.getElementById('profile-link-url'));
            if (ok) setStatus('privacy.link_copied');
            else errors.setForm('privacy.link_copy_failed');
          }}
        >
          <CopyIcon class="icon icon-small" />
          {t('privacy.link_copy')}
        </button>
        {!confirming && (
          <button
            type="button"
            id="link-rotate-start"
            class="btn btn-secondary"
            aria-expanded="false"
            onClick={() => {
              setConfirming(true);
              focusSoon('link-rotate-confirm');
            }}
          >
            {t('privacy.link_new')}
          </button>
        )}
      </div>
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={errors.form} />
      {confirming && (
        <div class="confirm-panel confirm-panel-warn" role="group" aria-labelledby="link-rotate-title">
          <h3 id="link-rotate-title">{t('privacy.link_confirm_title')}</h3>
          <p>{t('privacy.link_confirm_text')}</p>
          <div class="form-actions">
            <button type="button" id="link-rotate-confirm" class="btn btn-primary" onClick={() => void rotate()} aria-disabled={busy ? 'true' : undefined}>
              {busy ? t('privacy.link_rotating') : t('privacy.link_confirm')}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => {
                setConfirming(false);
                focusSoon('link-rotate-start');
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
