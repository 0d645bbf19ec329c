import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';

export function NotFoundView() {
  const { t } = useI18n();
  return (
    <Page title={t('not_found.title')}>
      <p>{t('not_found.text')}</p>
      <p>
        <a href="/">{t('not_found.home_link')}</a>
      </p>
    </Page>
  );
}
