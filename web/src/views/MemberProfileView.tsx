import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { api } from '../api/client';
import { isApiError } from '../api/errors';
import type { IntroductionRoutes, MemberSummary, MemberView } from '../api/types';
import { useAuth } from '../auth';
import { focusPageHeadingSoon } from '../components/focus';
import { ErrorRegion } from '../components/Live';
import { Loading, Page } from '../components/Page';
import { ProfileCard, profileTitle } from '../components/ProfileCard';
import { useI18n } from '../i18n/context';
import { describeError } from '../i18n/describeError';
import type { MessageKey, Params } from '../i18n/translate';
import { introductionOffer, mayHaveRoutes } from '../introductions/introductions';
import { MessageButton } from './messaging/MessageButton';
import { MemberRelationship, MutualsSection } from './relationships/MemberRelationship';

type State =
  | { kind: 'loading' }
  | { kind: 'shown'; view: MemberView }
  | { kind: 'missing' }
  | { kind: 'blocked'; name: string }
  | { kind: 'failed'; key: MessageKey; params?: Params | undefined };

/**
 * A member's profile as the server lets the caller see it: `/members/:id`, or `/p/:token`
 * for a profile link. Open to signed-out visitors too (they see what is public).
 */
export function MemberProfileView() {
  const { t, locale, formatDelay } = useI18n();
  const { status, me } = useAuth();
  const { params } = useRoute();
  const id = params.id;
  const token = params.token;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [mutuals, setMutuals] = useState<MemberSummary[]>([]);
  const [routes, setRoutes] = useState<IntroductionRoutes | null>(null);
  // Whose mutual connections and introduction routes are wanted: an answer for a profile left
  // behind is dropped.
  const secondaryOf = useRef('');

  async function load() {
    setState({ kind: 'loading' });
    setMutuals([]);
    setRoutes(null);
    secondaryOf.current = '';
    try {
      const view = token !== undefined ? await api.profileLink(token) : await api.member(id ?? '');
      setState({ kind: 'shown', view });
      if (status === 'signed_in' && view.id !== me?.id) {
        secondaryOf.current = view.id;
        void loadMutuals(view.id);
        if (mayHaveRoutes(view.degree)) void loadRoutes(view.id);
      }
    } catch (e) {
      if (isApiError(e) && e.code === 'not_found') {
        setState({ kind: 'missing' });
        return;
      }
      // A 401 here means "not signed in", not "session gone": this page is open to visitors.
      const d = describeError(e, 'other', { formatDelay });
      setState({ kind: 'failed', key: d.signedOut ? 'profile.not_available' : d.key, params: d.params });
    }
  }

  async function loadMutuals(memberId: string) {
    try {
      const { mutuals: found } = await api.mutuals(memberId);
      if (secondaryOf.current === memberId) setMutuals(found);
    } catch {
      // Secondary to the profile: without them the page simply shows no mutual connections.
    }
  }

  async function loadRoutes(memberId: string) {
    try {
      const found = await api.introductionRoutes(memberId);
      if (secondaryOf.current === memberId) setRoutes(found);
    } catch {
      // Secondary too: without routes the page offers no introduction.
    }
  }

  useEffect(() => {
    // Wait for the session check, so the request goes out with the right identity.
    if (status !== 'loading') void load();
  }, [id, token, status]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'blocked') {
    return (
      <Page title={t('relation.blocked_title', { name: state.name })}>
        <p>{t('relation.blocked_text')}</p>
        <p>
          <a href="/connections/blocked">{t('relation.blocked_list_link')}</a>
        </p>
      </Page>
    );
  }
  if (state.kind === 'missing' || state.kind === 'failed') {
    return (
      <Page title={t('profile.not_available_title')}>
        {state.kind === 'missing' ? <p>{t('profile.not_available')}</p> : <ErrorRegion text={t(state.key, state.params)} />}
        {state.kind === 'failed' && (
          <button type="button" class="btn btn-secondary" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        )}
        {state.kind === 'missing' && status === 'signed_out' && (
          <p>
            <a href="/login">{t('profile.login_to_see_more')}</a>
          </p>
        )}
      </Page>
    );
  }
  const own = me !== null && state.view.id === me.id;
  const title = profileTitle(state.view, locale, t('profile.unnamed'));
  const blocked = () => {
    setState({ kind: 'blocked', name: title });
    focusPageHeadingSoon();
  };
  // Writing first to someone far senior is not done: the introduction comes first, then.
  const suggested = introductionOffer(state.view.degree, routes) === 'suggested';
  const relationship = status === 'signed_in' && !own && (
    <>
      <div class="card member-message">
        <MessageButton memberId={state.view.id} name={title} quiet={suggested} />
      </div>
      <MemberRelationship view={state.view} name={title} mutuals={mutuals} introductions={routes} onBlocked={blocked} />
    </>
  );
  return (
    <Page title={title} heading={false} class="profile-page">
      <ProfileCard view={state.view} actions={relationship} />
      <MutualsSection mutuals={mutuals} />
      {own && (
        <p class="page-actions">
          <a class="btn btn-secondary" href="/profile/edit">
            {t('profile.edit_link')}
          </a>
          <a class="btn btn-secondary" href="/profile/preview">
            {t('profile.preview_link')}
          </a>
        </p>
      )}
    </Page>
  );
}
