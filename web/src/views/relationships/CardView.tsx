import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api } from '../../api/client';
import type { Card, ScanResult } from '../../api/types';
import { copyText } from '../../components/clipboard';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { Field } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { CameraIcon, CopyIcon, QrIcon } from '../../components/Icons';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { Loaded, useLoad, type Loadable } from '../../components/Loaded';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { QrCode } from '../../components/QrCode';
import { useActionStatus } from '../../components/useActionStatus';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import { cardUrl, formatCardCode, normalizeCardCode, typedCodeProblem } from '../../relationships/cardCode';
import { memberName } from '../../relationships/requests';
import { cameraSupported } from '../../relationships/scanner';
import { CameraScanner } from './CameraScanner';
import { PeoplePage } from './PeoplePage';

/** The member's own card: QR code, the code to read out, its address, and a new code. */
function MyCardSection({ card }: { card: Loadable<Card> }) {
  const { t } = useI18n();
  const actions = useActionStatus();
  const [confirming, setConfirming] = useState(false);

  async function rotate() {
    const done = await actions.run('rotate', async () => {
      const next = await api.rotateCard();
      card.setData(() => next);
      return 'card.rotated';
    });
    if (done) {
      setConfirming(false);
      focusSoon('card-code');
    }
  }

  return (
    <section class="card my-card" aria-labelledby="card-mine-heading">
      <h2 id="card-mine-heading">
        <QrIcon class="icon heading-icon" />
        {t('card.mine_heading')}
      </h2>
      <p class="hint">{t('card.mine_hint')}</p>
      <Loaded state={card}>
        {(c) => {
          const url = cardUrl(c, location.origin);
          return (
            <>
              <div class="card-face">
                <QrCode text={url} label={t('card.qr_label')} />
                <p class="card-code-label">
                  {t('card.code_label')}
                </p>
                <p class="card-code mono" id="card-code" tabIndex={-1}>
                  {formatCardCode(c.code)}
                </p>
              </div>
              <p class="label">{t('card.url_label')}</p>
              <p class="link-box mono" id="card-url">
                {url}
              </p>
              <div class="form-actions">
                <button
                  type="button"
                  class="btn btn-secondary"
                  onClick={async () => {
                    const copied = await copyText(url, document.getElementById('card-url'));
                    if (copied) actions.announce('card.url_copied');
                    else actions.fail('card.url_copy_failed');
                  }}
                >
                  <CopyIcon class="icon icon-small" />
                  {t('card.url_copy')}
                </button>
                {!confirming && (
                  <button
                    type="button"
                    id="card-rotate"
                    class="btn btn-secondary"
                    onClick={() => {
                      setConfirming(true);
                      focusSoon('card-rotate-confirm');
                    }}
                  >
                    {t('card.rotate')}
                  </button>
                )}
              </div>
              {confirming && (
                <ConfirmPanel
                  id="card-rotate"
                  tone="warn"
                  title={t('card.rotate_title')}
                  confirmLabel={actions.busy === 'rotate' ? t('card.rotating') : t('card.rotate_confirm')}
                  busy={actions.busy === 'rotate'}
                  onConfirm={() => void rotate()}
                  onCancel={() => {
                    setConfirming(false);
                    focusSoon('card-rotate');
                  }}
                >
                  <p>{t('card.rotate_text')}</p>
                </ConfirmPanel>
              )}
              <StatusRegion text={actions.status} />
              <ErrorRegion text={actions.error} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

/** What scanning a card did: a request went out, or the two are now connected. */
function ScanOutcome({ result }: { result: ScanResult }) {
  const { t } = useI18n();
  const name = memberName(result.member, t('profile.unnamed'));
  const connected = result.outcome === 'connected';
  return (
    <div class="scan-outcome">
      <StatusRegion text={t(connected ? 'card.outcome_connected' : 'card.outcome_requested', { name })} />
      <MemberSummaryRow member={result.member} />
      {connected && (
        <p>
          <a href="/connections">{t('card.outcome_note_link')}</a>
        </p>
      )}
    </div>
  );
}

/**
 * Exchanging cards with someone: the camera where the browser has one, and the code typed by
 * hand always. `ownCode` catches the member's own card; `initialCode` comes from a card link.
 */
function ScanSection({ ownCode, initialCode }: { ownCode: string | undefined; initialCode: string | undefined }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(() => (initialCode ? formatCardCode(normalizeCardCode(initialCode) ?? initialCode) : ''));
  const [scanning, setScanning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ScanResult | null>(null);
  const errors = useFormErrors(() => 'scan-code', (f) => f === 'code');

  async function exchange(text: string) {
    if (busy) return;
    setResult(null);
    const code = normalizeCardCode(text);
    if (errors.showLocal({ code: typedCodeProblem(text, ownCode) }) || !code) return;
    setBusy(true);
    errors.clear();
    try {
      setResult(await api.scanCard(code));
      setTyped('');
    } catch (e) {
      errors.showError(e, 'scan');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="card-scan-heading">
      <h2 id="card-scan-heading">
        <CameraIcon class="icon heading-icon" />
        {t('card.scan_heading')}
      </h2>
      <p class="hint">{t('card.scan_hint')}</p>
      {cameraSupported() &&
        (scanning ? (
          <CameraScanner
            onCode={(code) => {
              setScanning(false);
              setTyped(formatCardCode(code));
              void exchange(code);
            }}
            onClose={() => {
              setScanning(false);
              focusSoon('scan-camera-start');
            }}
          />
        ) : (
          <p>
            <button
              type="button"
              id="scan-camera-start"
              class="btn btn-secondary"
              onClick={() => {
                setResult(null);
                setScanning(true);
                focusSoon('scan-camera-stop');
              }}
            >
              <CameraIcon class="icon icon-small" />
              {t('card.camera_start')}
            </button>
          </p>
        ))}
      <form
        class="form inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void exchange(typed);
        }}
      >
        <ErrorRegion text={errors.form} />
        <Field
          id="scan-code"
          label={t('card.type_label')}
          hint={t('card.type_hint')}
          value={typed}
          onInput={setTyped}
          error={errors.field('code')}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          maxLength={32}
          class="field-code"
        />
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('card.exchanging') : t('card.exchange')}
        </button>
      </form>
      {result && <ScanOutcome result={result} />}
    </section>
  );
}

/**
 * Exchanging business cards in person (`/connections/card`), and a card's own link
 * (`/c/:code`), which opens with that code filled in, ready to exchange.
 */
export function CardView() {
  const { t } = useI18n();
  const { params } = useRoute();
  const linked = params.code;
  const card = useLoad(() => api.card());
  const scan = <ScanSection key={linked ?? ''} ownCode={card.data?.code} initialCode={linked} />;
  return (
    <PeoplePage title={t('card.title')} lead={t(linked ? 'card.lead_linked' : 'card.lead')}>
      {linked && scan}
      <MyCardSection card={card} />
      {!linked && scan}
    </PeoplePage>
  );
}
