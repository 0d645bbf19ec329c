import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { SentIntroduction } from '../../api/types';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { domId } from '../../components/domId';
import { focusSoon } from '../../components/focus';
import { QuotedNote } from '../../components/QuotedNote';
import { useActionStatus } from '../../components/useActionStatus';
import { useI18n } from '../../i18n/context';
import { SENT_INTRODUCTION_STATUS_LABEL } from '../../introductions/labels';
import { memberName } from '../../relationships/requests';
import { IntroductionSummaryRow, IntroductionTab } from './IntroductionParts';
import { useIntroductionList } from './useIntroductionList';

/** Who carries it: the chosen intermediaries, or the network (and who there has passed it on). */
function CarriedBy({ introduction }: { introduction: SentIntroduction }) {
  const { t } = useI18n();
  const names = (list: SentIntroduction['helpers']) => list.map((m) => memberName(m, t('profile.unnamed'))).join(' → ');
  if (!introduction.ask_network) {
    return <p class="request-provenance">{t('introductions.sent_through', { names: names(introduction.intermediaries) })}</p>;
  }
  return (
    <p class="request-provenance">
      {introduction.helpers.length === 0
        ? t('introductions.sent_network')
        : t('introductions.sent_helpers', { names: names(introduction.helpers) })}
    </p>
  );
}

/**
 * The introductions the member asked for: waiting (withdrawable), accepted (with the way into the
 * conversation), or expired. Nothing more is ever said: lapsed, declined and unanswered look alike.
 */
export function SentIntroductions() {
  const { t, formatDate } = useI18n();
  const list = useIntroductionList(() => api.sentIntroductions());
  const actions = useActionStatus('tie');
  const [withdrawing, setWithdrawing] = useState<string | null>(null);

  async function withdraw(introduction: SentIntroduction) {
    const done = await actions.run(introduction.id, async () => {
      await api.withdrawIntroduction(introduction.id);
      return 'introductions.withdrawn';
    });
    if (done) {
      list.setData((all) => all.filter((x) => x.id !== introduction.id));
      setWithdrawing(null);
      focusSoon('introductions-heading');
    }
  }

  return (
    <IntroductionTab hint={t('introductions.sent_hint')} empty={t('introductions.sent_empty')} list={list} actions={actions}>
      {(x) => {
        const name = memberName(x.target, t('profile.unnamed'));
        const base = domId('intro-sent', x.id);
        return (
          <>
            <IntroductionSummaryRow
              member={x.target}
              introduction={x}
              statusLabel={t(SENT_INTRODUCTION_STATUS_LABEL[x.status])}
              when={t('introductions.asked_on', { date: formatDate(x.created_at) })}
            />
            <CarriedBy introduction={x} />
            <QuotedNote note={x.note} />
            {x.status === 'accepted' && x.conversation && (
              <div class="form-actions">
                <a class="btn btn-primary btn-small" href={`/messages/${encodeURIComponent(x.conversation)}`}>
                  {t('introductions.open_conversation')}
                </a>
              </div>
            )}
            {x.status === 'pending' && withdrawing !== x.id && (
              <div class="form-actions">
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  aria-label={t('introductions.withdraw_label', { name })}
                  onClick={() => {
                    setWithdrawing(x.id);
                    focusSoon(`${base}-withdraw-confirm`);
                  }}
                >
                  {t('requests.withdraw')}
                </button>
              </div>
            )}
            {withdrawing === x.id && (
              <ConfirmPanel
                id={`${base}-withdraw`}
                tone="warn"
                title={t('introductions.withdraw_title', { name })}
                confirmLabel={t('requests.withdraw_confirm')}
                busy={actions.busy === x.id}
                onConfirm={() => void withdraw(x)}
                onCancel={() => setWithdrawing(null)}
              >
                <p>{t('introductions.withdraw_text')}</p>
              </ConfirmPanel>
            )}
          </>
        );
      }}
    </IntroductionTab>
  );
}
