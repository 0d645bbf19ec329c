import { useAuth } from '../auth';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';

export function HomeView() {
  const { t } = useI18n();
  const { me } = useAuth();
  const name = me?.display_name ?? '';
  return (
    <Page title={t('home.title')} heading={t('home.welcome', { name })}>
      <p class="lead">{t('home.lead')}</p>
      <section class="card" aria-labelledby="home-principles">
        <h2 id="home-principles">{t('home.principles_heading')}</h2>
        <ul class="principles">
          <li>{t('home.principle_private')}</li>
          <li>{t('home.principle_intro')}</li>
          <li>{t('home.principle_quiet')}</li>
        </ul>
      </section>
      <section class="card" aria-labelledby="home-people">
        <h2 id="home-people">{t('home.people_heading')}</h2>
        <p>{t('home.people')}</p>
        <p class="page-actions">
          <a href="/connections/card" class="btn btn-primary">
            {t('home.card_link')}
          </a>
          <a href="/connections/requests" class="btn btn-secondary">
            {t('home.requests_link')}
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="home-now">
        <h2 id="home-now">{t('home.now_heading')}</h2>
        <p>{t('home.now')}</p>
        <p class="page-actions">
          <a href="/profile/edit" class="btn btn-secondary">
            {t('home.profile_link')}
          </a>
          <a href="/settings" class="btn btn-secondary">
            {t('home.settings_link')}
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="home-next">
        <h2 id="home-next">{t('home.next_heading')}</h2>
        <p>{t('home.next')}</p>
      </section>
    </Page>
  );
}
