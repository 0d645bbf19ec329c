import { api } from '../../api/client';
import type { Block } from '../../api/types';
import { focusSoon } from '../../components/focus';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { Loaded, useLoad } from '../../components/Loaded';
import { useActionStatus } from '../../components/useActionStatus';
import { useI18n } from '../../i18n/context';
import { PeoplePage } from './PeoplePage';

/**
 * The members the member blocked, with a way back. A blocked member is not found anywhere,
 * their profile included, so the list can name them only by id and date.
 */
export function BlockedView() {
  const { t, formatDate } = useI18n();
  const list = useLoad(async () => (await api.blocks()).blocks);
  const actions = useActionStatus('tie');

  async function unblock(block: Block) {
    const done = await actions.run(block.member, async () => {
      await api.unblock(block.member);
      return 'blocked.unblocked';
    });
    if (done) {
      list.setData((all) => all.filter((b) => b.member !== block.member));
      focusSoon('blocked-heading');
    }
  }

  return (
    <PeoplePage title={t('blocked.title')} lead={t('blocked.lead')}>
      <h2 id="blocked-heading" class="visually-hidden" tabIndex={-1}>
        {t('blocked.list_heading')}
      </h2>
      <StatusRegion text={actions.status} />
      <ErrorRegion text={actions.error} />
      <Loaded state={list}>
        {(blocks) =>
          blocks.length === 0 ? (
            <div class="card empty">
              <p>{t('blocked.empty')}</p>
            </div>
          ) : (
            <ul class="card rows" aria-labelledby="blocked-heading">
              {blocks.map((b) => (
                <li key={b.member} class="row">
                  <div class="row-main">
                    <p class="strong">{t('blocked.member')}</p>
                    <p class="muted small">
                      {t('blocked.since', { date: formatDate(b.blocked_at) })} · <span class="mono break">{b.member}</span>
                    </p>
                  </div>
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    aria-label={t('blocked.unblock_label', { id: b.member })}
                    aria-disabled={actions.busy === b.member ? 'true' : undefined}
                    onClick={() => void unblock(b)}
                  >
                    {t('blocked.unblock')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </PeoplePage>
  );
}
