import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { WorkEmailsResponse } from '../../api/types';
import { Field } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { BriefcaseIcon } from '../../components/Icons';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { pickName } from '../../profile/names';

/**
 * Work emails: enter an address, receive a six-digit code there, enter it; verified
 * addresses affiliate the member with their companies (and so with the employer shield).
 */
export function WorkEmailsSection() {
  const { t, locale, formatDateTime, formatDate } = useI18n();
  const [data, setData] = useState<WorkEmailsResponse | null>(null);
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const errors = useFormErrors((f) => (f === 'code' ? 'work-email-code' : 'work-email'), (f) => f === 'email' || f === 'code');

  async function load() {
    try {
      setData(await api.workEmails());
    } catch (e) {
      errors.showError(e, 'other');
    }
  }
  useEffect(() => {
    void load();
  }, []);

  async function send(e: Event) {
    e.preventDefault();
    if (busy) return;
    setStatus(null);
    const value = email.trim();
    const problem = value === '' ? 'errors.required' : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : 'errors.email_invalid';
    if (errors.showLocal({ email: problem })) return;
    setBusy(true);
    errors.clear();
    try {
      const sent = await api.addWorkEmail(value);
      setData((d) => ({ verified: d?.verified ?? [], pending: { email: value, expires_at: sent.expires_at } }));
      setCode('');
      setStatus('work_email.code_sent');
      focusSoon('work-email-code');
    } catch (err) {
      errors.showError(err, 'work_email');
    } finally {
      setBusy(false);
    }
  }

  async function verify(e: Event) {
    e.preventDefault();
    if (busy) return;
    setStatus(null);
    const digits = code.replace(/\D/g, '');
    if (errors.showLocal({ code: /^\d{6}$/.test(digits) ? undefined : 'errors.code_format' })) return;
    setBusy(true);
    errors.clear();
    try {
      const verified = await api.verifyWorkEmail(digits);
      setData((d) => ({ verified: [...(d?.verified ?? []).filter((v) => v.email !== verified.email), verified], pending: null }));
      setEmail('');
      setCode('');
      setStatus('work_email.verified');
    } catch (err) {
      errors.showError(err, 'work_email');
    } finally {
      setBusy(false);
    }
  }

  async function remove(address: string) {
    setStatus(null);
    errors.clear();
    try {
      await api.removeWorkEmail(address);
      setData((d) => (d ? { ...d, verified: d.verified.filter((v) => v.email !== address) } : d));
      setStatus('work_email.removed');
      focusSoon('work-email-heading');
    } catch (err) {
      errors.showError(err, 'other');
    }
  }

  const pending = data?.pending ?? null;
  return (
    <section class="card" aria-labelledby="work-email-heading">
      <h2 id="work-email-heading" tabIndex={-1}>
        <BriefcaseIcon class="icon heading-icon" />
        {t('work_email.heading')}
      </h2>
      <p class="hint">{t('work_email.intro')}</p>
      <StatusRegion text={status ? t(status) : null} />
      {data && data.verified.length > 0 && (
        <ul class="rows">
          {data.verified.map((v) => (
            <li key={v.email} class="row">
              <div class="row-main">
                <p class="strong break">{v.email}</p>
                <p class="muted small">
                  {t('work_email.verified_on', { date: formatDate(v.verified_at) })}
                  {' · '}
                  {v.companies.length > 0
                    ? t('work_email.companies', {
                        names: v.companies.map((c) => pickName(c.names, locale).text).join(t('common.list_separator')),
                      })
                    : t('work_email.no_companies', { domain: v.domain })}
                </p>
              </div>
              <div class="row-actions">
                <button type="button" class="btn btn-link btn-danger-link" aria-label={t('work_email.remove_label', { email: v.email })} onClick={() => void remove(v.email)}>
                  {t('common.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && data.verified.length === 0 && <p class="muted">{t('work_email.none')}</p>}
      {pending ? (
        <form class="form" onSubmit={verify} noValidate>
          <p>{t('work_email.code_prompt', { email: pending.email, time: formatDateTime(pending.expires_at) })}</p>
          <ErrorRegion text={errors.form} />
          <Field
            id="work-email-code"
            label={t('work_email.code_label')}
            value={code}
            onInput={setCode}
            error={errors.field('code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={12}
            spellcheck={false}
          />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
              {busy ? t('signup.code_submitting') : t('work_email.verify')}
            </button>
            <button
              type="button"
              class="btn btn-link"
              onClick={() => {
                setData((d) => (d ? { ...d, pending: null } : d));
                setEmail(pending.email);
                errors.clear();
                focusSoon('work-email');
              }}
            >
              {t('work_email.use_other')}
            </button>
          </div>
        </form>
      ) : (
        <form class="form inline-form" onSubmit={send} noValidate>
          <ErrorRegion text={errors.form} />
          <Field
            id="work-email"
            label={t('work_email.email_label')}
            type="email"
            value={email}
            onInput={setEmail}
            error={errors.field('email')}
            autoComplete="email"
            inputMode="email"
            autoCapitalize="off"
            spellcheck={false}
            maxLength={320}
          />
          <button type="submit" class="btn btn-secondary" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t('signup.submitting') : t('work_email.send')}
          </button>
        </form>
      )}
    </section>
  );
}
