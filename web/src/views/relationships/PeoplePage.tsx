import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { navCurrent } from '../../components/Layout';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { INTRODUCTIONS_PATH } from '../../introductions/introductions';

const SECTIONS: readonly { href: string; label: MessageKey; prefixes?: readonly string[] }[] = [
  { href: '/connections', label: 'people.connections' },
  { href: '/connections/requests', label: 'people.requests' },
  { href: INTRODUCTIONS_PATH, label: 'people.introductions' },
  { href: '/connections/card', label: 'people.card', prefixes: ['/c'] },
  { href: '/connections/suggestions', label: 'people.suggestions' },
  { href: '/connections/blocked', label: 'people.blocked' },
];

/** The sections of "Connections", as a row of links that scrolls sideways on a phone. */
function PeopleNav() {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <nav class="subnav" aria-label={t('people.nav_label')}>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <a href={s.href} aria-current={navCurrent(path, s.href, s.prefixes) ? 'page' : undefined}>
              {t(s.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A screen of the "Connections" area: its title, the section links, then the content. */
export function PeoplePage({ title, lead, children }: { title: string; lead?: string; children: ComponentChildren }) {
  return (
    <Page title={title} class="people">
      <PeopleNav />
      {lead && <p class="lead">{lead}</p>}
      {children}
    </Page>
  );
}
