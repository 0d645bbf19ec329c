import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../api/client';
import { isApiError } from '../api/errors';
import { useAuth } from '../auth';
import { describeError } from '../i18n/describeError';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';
import { useLive } from '../messaging/live';
import { badgeText } from '../messaging/format';
import { AlertToasts } from './AlertToasts';
import { BellIcon, ChatIcon, HomeIcon, Logo, LogoutIcon, PersonIcon, SettingsIcon, UsersIcon } from './Icons';
import { LanguageSelect } from './LanguageSelect';
import { SearchBar } from './SearchBar';
import { ErrorRegion } from './Live';

/** True when `path` is `href` or one of the pages under `prefixes` (e.g. /settings/privacy). */
export function navCurrent(path: string, href: string, prefixes: readonly string[] = []): boolean {
  return path === href || prefixes.some((p) => path === p || path.startsWith(`${p}/`));
}

/** An unread count on a navigation entry; screen readers hear it after the entry's name. */
function NavBadge({ count }: { count: number }) {
  const { t } = useI18n();
  if (count <= 0) return null;
  return (
    <>
      <span class="nav-badge" aria-hidden="true">
        {badgeText(count)}
      </span>
      <span class="visually-hidden">{t('nav.unread', { count })}</span>
    </>
  );
}

function NavLink({ href, label, icon, prefixes, badge = 0, class: cls }: {
  href: string;
  label: string;
  icon: ComponentChildren;
  prefixes?: readonly string[];
  badge?: number;
  class?: string;
}) {
  const { path } = useLocation();
  const current = navCurrent(path, href, prefixes);
  return (
    <a href={href} class={cls ? `nav-item ${cls}` : 'nav-item'} aria-current={current ? 'page' : undefined}>
      {icon}
      <span class="nav-label">{label}</span>
      <NavBadge count={badge} />
    </a>
  );
}

/** Top bar (brand, search and navigation, or language), offline banner and the main landmark. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { t, formatDelay } = useI18n();
  const auth = useAuth();
  const { url, route } = useLocation();
  const [navError, setNavError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const firstRender = useRef(true);

  // Whether the person has clicked or typed yet: redirects while the page
  // loads should not move focus, navigations they start should.
  const interacted = useRef(false);
  useEffect(() => {
    const mark = () => {
      interacted.current = true;
    };
    document.addEventListener('pointerdown', mark, { capture: true, once: true });
    document.addEventListener('keydown', mark, { capture: true, once: true });
    return () => {
      document.removeEventListener('pointerdown', mark, { capture: true });
      document.removeEventListener('keydown', mark, { capture: true });
    };
  }, []);

  // After a client-side navigation, move focus to the new page's heading so
  // keyboard and screen-reader users start at the top of the new content.
  useEffect(() => {
    if (firstRender.current || !interacted.current) {
      firstRender.current = false;
      return;
    }
    setNavError(null);
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus({ preventScroll: false });
  }, [url]);

  async function logout() {
    if (busy) return;
    setBusy(true);
    setNavError(null);
    try {
      await api.logout();
      auth.signedOut('logged_out');
      route('/login');
    } catch (e) {
      if (isApiError(e) && e.code === 'unauthenticated') {
        auth.signedOut('logged_out');
        route('/login');
      } else {
        setNavError(describeError(e, 'other', { formatDelay }).key);
      }
    } finally {
      setBusy(false);
    }
  }

  const signedIn = auth.status === 'signed_in';
  const { unread, status: stream } = useLive();
  return (
    <div class={signedIn ? 'shell shell-member' : 'shell'} data-stream={signedIn ? stream : undefined}>
      <a class="skip-link" href="#main">
        {t('app.skip_link')}
      </a>
      <header class="topbar">
        <a href="/" class="brand">
          <Logo />
          <span class="brand-name">{t('app.name')}</span>
        </a>
        {signedIn ? (
          <>
            <SearchBar />
            <nav class="mainnav" aria-label={t('nav.main')}>
              <NavLink href="/" label={t('nav.home')} icon={<HomeIcon />} />
              <NavLink
                href="/messages"
                label={t('nav.messages')}
                icon={<ChatIcon />}
                prefixes={['/messages']}
                badge={unread ? unread.messages + unread.requests : 0}
              />
              <NavLink href="/connections" label={t('nav.people')} icon={<UsersIcon />} prefixes={['/connections', '/c']} />
              <NavLink href="/profile/edit" label={t('nav.profile')} icon={<PersonIcon />} prefixes={['/profile']} />
              <NavLink href="/settings" label={t('nav.settings')} icon={<SettingsIcon />} prefixes={['/settings', '/personas']} />
            </nav>
            {/* At the top on phones too: the bottom bar has room for five entries. */}
            <nav class="topnav" aria-label={t('nav.account')}>
              <NavLink
                href="/notifications"
                label={t('nav.notifications')}
                icon={<BellIcon />}
                badge={unread?.notifications ?? 0}
                class="nav-item-compact"
              />
              <button type="button" class="nav-item nav-item-compact" onClick={logout} aria-disabled={busy ? 'true' : undefined}>
                <LogoutIcon />
                <span class="nav-label">{t('nav.logout')}</span>
              </button>
            </nav>
          </>
        ) : (
          <LanguageSelect />
        )}
      </header>
      {auth.offline && (
        <div class="banner" role="status">
          <p>{t('app.offline')}</p>
          <button type="button" class="btn btn-secondary" onClick={() => void auth.refresh()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      <div class="nav-error">
        <ErrorRegion text={navError ? t(navError) : null} />
      </div>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {signedIn && <AlertToasts />}
    </div>
  );
}
