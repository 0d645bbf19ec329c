import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/client';
import { useAuth, type Farewell } from '../auth';
import { Field, PasswordField } from '../components/Field';
import { focusSoon } from '../components/focus';
import { ErrorRegion, StatusRegion } from '../components/Live';
import { Page } from '../components/Page';
import { useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';

const IDS: Record<string, string> = { login: 'login-login', password: 'login-password' };

const FAREWELL_TEXT: Record<Farewell, MessageKey> = {
  logged_out: 'login.logged_out',
  deleted: 'login.deleted',
  session_expired: 'login.session_expired',
};

export function LoginView() {
  const { t } = useI18n();
  const auth = useAuth();
  const { route } = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const errors = useFormErrors((f) => IDS[f] ?? '', (f) => f === 'login');
  const [busy, setBusy] = useState(false);
  // Keep the farewell for this visit of the page, and clear it from the shared state.
  const [farewell, setFarewell] = useState(auth.farewell);
  useEffect(() => {
    if (auth.farewell) auth.clearFarewell();
  }, []);

  async function onSubmit(ev: Event) {
    ev.preventDefault();
    if (busy) return;
    setFarewell(null);
    const missing = {
      login: login.trim() === '' ? 'errors.required' : undefined,
      password: password === '' ? 'errors.required' : undefined,
    } as const;
    if (errors.showLocal(missing, ['login', 'password'])) return;
    setBusy(true);
    errors.clear();
    try {
      const { member } = await api.login({ login: login.trim(), password });
      auth.signedIn(member);
      route('/');
    } catch (e) {
      const routed = errors.showError(e, 'login');
      if (routed?.formMessage.key === 'errors.invalid_credentials') focusSoon(IDS.password ?? '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('login.title')}>
      <p class="lead">{t('app.tagline')}</p>
      <form class="card form" onSubmit={onSubmit} noValidate>
        <StatusRegion text={farewell ? t(FAREWELL_TEXT[farewell]) : null} />
        <ErrorRegion text={errors.form} />
        <Field
          id="login-login"
          label={t('login.login_label')}
          value={login}
          onInput={setLogin}
          error={errors.field('login')}
          autoComplete="username"
          inputMode="email"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={320}
        />
        <PasswordField
          id="login-password"
          label={t('login.password_label')}
          value={password}
          onInput={setPassword}
          error={errors.field('password')}
          autoComplete="current-password"
          maxLength={256}
        />
        <button type="submit" class="btn btn-primary btn-block" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p class="switch-link">
        {t('login.no_account')} <a href="/signup">{t('login.signup_link')}</a>
      </p>
    </Page>
  );
}
