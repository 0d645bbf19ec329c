import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n/context';

/**
 * A screen: sets the document title and renders the page heading. With `heading={false}`
 * the content brings its own h1 (with tabIndex -1 and class "page-title", so navigation
 * can move focus to it).
 */
export function Page({ title, heading, children, class: cls }: {
  title: string;
  heading?: ComponentChildren | false;
  children: ComponentChildren;
  class?: string;
}) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.title_suffix')}`;
  }, [title, t]);
  return (
    <div class={cls ? `page ${cls}` : 'page'}>
      {heading !== false && (
        <h1 tabIndex={-1} class="page-title">
          {heading ?? title}
        </h1>
      )}
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div class="page page-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{t('common.loading')}</span>
    </div>
  );
}
