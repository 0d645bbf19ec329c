import { useState } from 'preact/hooks';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';
import { AccountSection } from './settings/AccountSection';
import { DeleteSection } from './settings/DeleteSection';
import { ExportSection } from './settings/ExportSection';
import { LanguageSection } from './settings/LanguageSection';
import { NameSection } from './settings/NameSection';
import { PasswordSection } from './settings/PasswordSection';
import { SessionsSection } from './settings/SessionsSection';

export function SettingsView() {
  const { t } = useI18n();
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <Page title={t('settings.title')} class="settings">
      <AccountSection />
      <section class="card" aria-labelledby="settings-privacy">
        <h2 id="settings-privacy">{t('settings.privacy_heading')}</h2>
        <p>{t('settings.privacy_text')}</p>
        <p class="page-actions">
          <a href="/settings/privacy" class="btn btn-secondary">
            {t('settings.privacy_link')}
          </a>
          <a href="/settings/inbound" class="btn btn-secondary">
            {t('settings.inbound_link')}
          </a>
          <a href="/personas" class="btn btn-secondary">
            {t('settings.personas_link')}
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="settings-notifications">
        <h2 id="settings-notifications">{t('settings.notifications_heading')}</h2>
        <p>{t('settings.notifications_text')}</p>
        <p class="page-actions">
          <a href="/settings/notifications" class="btn btn-secondary">
            {t('settings.notifications_link')}
          </a>
        </p>
      </section>
      <LanguageSection />
      <NameSection />
      <PasswordSection onChanged={() => setSessionsVersion((v) => v + 1)} />
      <SessionsSection version={sessionsVersion} />
      <ExportSection />
      <DeleteSection />
    </Page>
  );
}
