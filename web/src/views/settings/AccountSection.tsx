import { useAuth } from '../../auth';
import { useI18n } from '../../i18n/context';

export function AccountSection() {
  const { t, formatDate } = useI18n();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <section class="card" aria-labelledby="settings-account">
      <h2 id="settings-account">{t('settings.account_heading')}</h2>
      <dl class="facts">
        <div>
          <dt>{t('settings.login_as')}</dt>
          <dd class="break">{me.login}</dd>
        </div>
        <div>
          <dt>{t('settings.member_since')}</dt>
          <dd>
            <time dateTime={me.created_at}>{formatDate(me.created_at)}</time>
          </dd>
        </div>
      </dl>
    </section>
  );
}
