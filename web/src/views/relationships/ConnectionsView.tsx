import { api } from '../../api/client';
import { focusSoon } from '../../components/focus';
import { QrIcon } from '../../components/Icons';
import { StatusRegion } from '../../components/Live';
import { Loaded, useLoad } from '../../components/Loaded';
import { useActionStatus } from '../../components/useActionStatus';
import { useI18n } from '../../i18n/context';
import { ConnectionItem } from './ConnectionItem';
import { PeoplePage } from './PeoplePage';

/** The member's connections, each with their private rating, note and trust mark. */
export function ConnectionsView() {
  const { t } = useI18n();
  const list = useLoad(async () => (await api.connections()).connections);
  // Confirms removals and blocks: the item that did it has left the list.
  const gone = useActionStatus();

  return (
    <PeoplePage title={t('connections.title')} lead={t('connections.lead')}>
      <p class="page-actions">
        <a class="btn btn-primary" href="/connections/card">
          <QrIcon class="icon icon-small" />
          {t('connections.exchange_link')}
        </a>
      </p>
      <h2 id="connections-list-heading" class="visually-hidden" tabIndex={-1}>
        {t('connections.list_heading')}
      </h2>
      <StatusRegion text={gone.status} />
      <Loaded state={list}>
        {(connections) =>
          connections.length === 0 ? (
            <div class="card empty">
              <p>{t('connections.empty')}</p>
            </div>
          ) : (
            <>
              <p class="muted">{t('connections.count', { count: connections.length })}</p>
              <ul class="member-list" aria-labelledby="connections-list-heading">
                {connections.map((c) => (
                  <ConnectionItem
                    key={c.member.id}
                    connection={c}
                    onSaved={(saved) => list.setData((all) => all.map((x) => (x.member.id === saved.member.id ? saved : x)))}
                    onGone={(message) => {
                      list.setData((all) => all.filter((x) => x.member.id !== c.member.id));
                      gone.announce(message);
                      focusSoon('connections-list-heading');
                    }}
                  />
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </PeoplePage>
  );
}
