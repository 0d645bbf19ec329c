import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import type { ReceivedIntroduction } from '../../api/types';
import { focusSoon } from '../../components/focus';
import { useActionStatus } from '../../components/useActionStatus';
import { useI18n } from '../../i18n/context';
import { RECEIVED_STATUS_LABEL } from '../../introductions/labels';
import { memberName } from '../../relationships/requests';
import { IntroductionSummaryRow, IntroductionTab, Vouches } from './IntroductionParts';
import { useIntroductionList } from './useIntroductionList';

const chatPath = (id: string) => `/messages/${encodeURIComponent(id)}`;

/**
 * The target's inbox: who would like to meet them, for what, and who vouches for them. Accepting
 * opens the conversation and goes there; declining is quiet: nobody is told.
 */
export function ReceivedIntroductions() {
  const { t, formatDate } = useI18n();
  const { route } = useLocation();
  const list = useIntroductionList(() => api.receivedIntroductions());
  const actions = useActionStatus('tie');

  async function accept(introduction: ReceivedIntroduction) {
    await actions.run(introduction.id, async () => {
      const { conversation } = await api.acceptIntroduction(introduction.id);
      route(chatPath(conversation));
    });
  }

  async function decline(introduction: ReceivedIntroduction) {
    const done = await actions.run(introduction.id, async () => {
      await api.declineIntroduction(introduction.id);
      return { key: 'introductions.declined', params: { name: memberName(introduction.requester, t('profile.unnamed')) } };
    });
    if (done) {
      list.setData((all) => all.map((x) => (x.id === introduction.id ? { ...x, status: 'declined' } : x)));
      focusSoon('introductions-heading');
    }
  }

  return (
    <IntroductionTab hint={t('introductions.received_hint')} empty={t('introductions.received_empty')} list={list} actions={actions}>
      {(x) => {
        const name = memberName(x.requester, t('profile.unnamed'));
        const waiting = x.status === 'waiting';
        return (
          <>
            <IntroductionSummaryRow
              member={x.requester}
              introduction={x}
              statusLabel={t(RECEIVED_STATUS_LABEL[x.status])}
              when={
                waiting
                  ? t('introductions.open_until', { date: formatDate(x.expires_at) })
                  : t('introductions.introduced_on', { date: formatDate(x.created_at) })
              }
            />
            <Vouches vouches={x.vouches} />
            {waiting && (
              <div class="form-actions">
                <button
                  type="button"
                  class="btn btn-primary btn-small"
                  aria-label={t('introductions.accept_label', { name })}
                  aria-disabled={actions.busy === x.id ? 'true' : undefined}
                  onClick={() => void accept(x)}
                >
                  {t('introductions.accept')}
                </button>
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  aria-label={t('introductions.decline_label', { name })}
                  aria-disabled={actions.busy === x.id ? 'true' : undefined}
                  onClick={() => void decline(x)}
                >
                  {t('requests.decline')}
                </button>
              </div>
            )}
            {x.status === 'accepted' && x.conversation && (
              <div class="form-actions">
                <a class="btn btn-secondary btn-small" href={chatPath(x.conversation)}>
                  {t('introductions.open_conversation')}
                </a>
              </div>
            )}
          </>
        );
      }}
    </IntroductionTab>
  );
}
