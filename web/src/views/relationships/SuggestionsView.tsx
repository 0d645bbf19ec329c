import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { RequestKind, Suggestion } from '../../api/types';
import { domId } from '../../components/domId';
import { focusSoon } from '../../components/focus';
import { StatusRegion } from '../../components/Live';
import { Loaded, useLoad } from '../../components/Loaded';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { useActionStatus } from '../../components/useActionStatus';
import { useI18n } from '../../i18n/context';
import { memberName, sentMessageKey } from '../../relationships/requests';
import { PeoplePage } from './PeoplePage';
import { RequestForm } from './RequestForm';

/** One suggested member, with a greeting or a connection request a tap away. */
function SuggestionItem({ suggestion }: { suggestion: Suggestion }) {
  const { t } = useI18n();
  const { member } = suggestion;
  const [open, setOpen] = useState<RequestKind | null>(null);
  const [sent, setSent] = useState(false);
  const status = useActionStatus('request');
  const base = domId('suggestion', member.id);
  const name = memberName(member, t('profile.unnamed'));

  function start(kind: RequestKind) {
    setOpen(kind);
    focusSoon(kind === 'greeting' ? `${base}-greeting-note` : `${base}-connection-provenance`);
  }

  return (
    <li class="member-item">
      <MemberSummaryRow member={member} meta={t('suggestions.mutual_count', { count: suggestion.mutual_count })} />
      {!sent && open === null && (
        <div class="form-actions">
          <button type="button" class="btn btn-secondary btn-small" aria-label={t('relation.greet_label', { name })} onClick={() => start('greeting')}>
            {t('relation.greet')}
          </button>
          <button type="button" class="btn btn-primary btn-small" aria-label={t('relation.connect_label', { name })} onClick={() => start('connection')}>
            {t('relation.connect')}
          </button>
        </div>
      )}
      {open !== null && (
        <RequestForm
          idBase={`${base}-${open}`}
          to={member.id}
          kind={open}
          onSent={(request) => {
            setOpen(null);
            setSent(true);
            status.announce({ key: sentMessageKey(request), params: { name } });
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      <StatusRegion text={status.status} />
    </li>
  );
}

/** People the member may know: connections of their connections, the closest first. */
export function SuggestionsView() {
  const { t } = useI18n();
  const list = useLoad(async () => (await api.suggestions()).suggestions);
  return (
    <PeoplePage title={t('suggestions.title')} lead={t('suggestions.lead')}>
      <Loaded state={list}>
        {(suggestions) =>
          suggestions.length === 0 ? (
            <div class="card empty">
              <p>{t('suggestions.empty')}</p>
            </div>
          ) : (
            <ul class="member-list">
              {suggestions.map((s) => (
                <SuggestionItem key={s.member.id} suggestion={s} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </PeoplePage>
  );
}
