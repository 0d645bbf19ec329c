import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/client';
import { useAuth } from '../auth';
import { Field, PasswordField } from '../components/Field';
import { focusSoon } from '../components/focus';
import { ErrorRegion, StatusRegion } from '../components/Live';
import { Page } from '../components/Page';
import { useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n/context';
import { DISPLAY_NAME_MAX, loginFormatError, passwordLengthError } from '../i18n/describeError';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locale';
import type { MessageKey } from '../i18n/translate';

type SignupField = 'login' | 'password' | 'display_name';
type Errors = Partial<Record<SignupField | 'code', MessageKey>>;
const DETAIL_FIELDS: readonly SignupField[] = ['login', 'password', 'display_name'];

const FIELD_IDS: Record<SignupField | 'code', string> = {
  login: 'signup-login',
  password: 'signup-password',
  display_name: 'signup-name',
  code: 'signup-code',
};

export function SignupView() {
  const { t, locale, setLocale } = useI18n();
  const auth = useAuth();
  const { route } = useLocation();
  const [step, setStep] = useState<'details' | 'code'>('details');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  // Each step shows the messages about its own fields; others go on top of the form.
  const errors = useFormErrors(
    (f) => FIELD_IDS[f as SignupField | 'code'] ?? '',
    (f) => (step === 'code' ? f === 'code' : (DETAIL_FIELDS as readonly string[]).includes(f)),
  );

  function validateDetails(): Errors {
    const found: Errors = {};
    const loginError = loginFormatError(login);
    if (loginError) found.login = loginError;
    const passwordError = passwordLengthError(password);
    if (passwordError) found.password = passwordError;
    const name = displayName.trim();
    if (name === '') found.display_name = 'errors.required';
    else if ([...name].length > DISPLAY_NAME_MAX) found.display_name = 'errors.display_name_invalid';
    return found;
  }

  async function sendCode(resend: boolean) {
    if (busy) return;
    setBusy(true);
    errors.clear();
    setStatus(null);
    try {
      await api.signup({ login: login.trim(), password, display_name: displayName.trim(), locale });
      if (resend) {
        setStatus('signup.code_resent');
        setCode('');
      } else {
        setStep('code');
      }
      focusSoon(FIELD_IDS.code);
    } catch (e) {
      errors.showError(e, resend ? 'verify' : 'signup', { password });
    } finally {
      setBusy(false);
    }
  }

  async function onSubmitDetails(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    if (errors.showLocal(validateDetails(), DETAIL_FIELDS)) return;
    await sendCode(false);
  }

  async function onSubmitCode(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    const digits = code.replace(/\D/g, '');
    if (errors.showLocal({ code: /^\d{6}$/.test(digits) ? undefined : 'errors.code_format' })) return;
    setBusy(true);
    errors.clear();
    setStatus(null);
    try {
      const { member } = await api.verifySignup({ login: login.trim(), code: digits });
      auth.signedIn(member);
      route('/');
    } catch (e) {
      errors.showError(e, 'verify');
    } finally {
      setBusy(false);
    }
  }

  const err = (f: SignupField | 'code') => errors.field(f);
  const formErrorText = errors.form;

  if (step === 'code') {
    return (
      <Page title={t('signup.code_title')}>
        <p class="lead">{t('signup.code_sent', { login: login.trim() })}</p>
        <form class="card form" onSubmit={onSubmitCode} noValidate>
          <ErrorRegion text={formErrorText} />
          <StatusRegion text={status ? t(status) : null} />
          <Field
            id={FIELD_IDS.code}
            label={t('signup.code_label')}
            value={code}
            onInput={setCode}
            error={err('code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={12}
            spellcheck={false}
          />
          <button type="submit" class="btn btn-primary btn-block" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t('signup.code_submitting') : t('signup.code_submit')}
          </button>
          <div class="form-actions">
            <button type="button" class="btn btn-link" onClick={() => void sendCode(true)} aria-disabled={busy ? 'true' : undefined}>
              {t('signup.code_resend')}
            </button>
            <button
              type="button"
              class="btn btn-link"
              onClick={() => {
                setStep('details');
                errors.clear();
                setStatus(null);
                setCode('');
                focusSoon(FIELD_IDS.login);
              }}
            >
              {t('signup.change_login')}
            </button>
          </div>
        </form>
      </Page>
    );
  }

  return (
    <Page title={t('signup.title')}>
      <p class="lead">{t('signup.intro')}</p>
      <form class="card form" onSubmit={onSubmitDetails} noValidate>
        <ErrorRegion text={formErrorText} />
        <Field
          id={FIELD_IDS.login}
          label={t('signup.login_label')}
          hint={t('signup.login_hint')}
          value={login}
          onInput={setLogin}
          error={err('login')}
          autoComplete="username"
          inputMode="email"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={320}
        />
        <PasswordField
          id={FIELD_IDS.password}
          label={t('signup.password_label')}
          hint={t('signup.password_hint')}
          value={password}
          onInput={setPassword}
          error={err('password')}
          autoComplete="new-password"
          maxLength={256}
        />
        <Field
          id={FIELD_IDS.display_name}
          label={t('signup.display_name_label')}
          hint={t('signup.display_name_hint')}
          value={displayName}
          onInput={setDisplayName}
          error={err('display_name')}
          autoComplete="nickname"
          maxLength={DISPLAY_NAME_MAX}
        />
        <div class="field">
          <label for="signup-language">{t('signup.language_label')}</label>
          <select
            id="signup-language"
            value={locale}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isLocale(v)) setLocale(v);
            }}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="btn btn-primary btn-block" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('signup.submitting') : t('signup.submit')}
        </button>
      </form>
      <p class="switch-link">
        {t('signup.have_account')} <a href="/login">{t('signup.login_link')}</a>
      </p>
    </Page>
  );
}
