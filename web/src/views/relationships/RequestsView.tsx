import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ReceivedBox, ReceivedRequest, RequestKind, SentRequest } from '../../api/types';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { domId } from '../../components/domId';
import { focusSoon } from '../../components/focus';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { Loaded, useLoad } from '../../components/Loaded';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { QuotedNote } from '../../components/QuotedNote';
import { StatusPill } from '../../components/StatusPill';
import { useActionStatus } from '../../components/useActionStatus';
import { useI18n } from '../../i18n/context';
import { PROVENANCE_LABEL, REQUEST_KIND_LABEL, SENT_STATUS_LABEL } from '../../relationships/labels';
import { acceptedMessageKey, acceptLabelKey, memberName } from '../../relationships/requests';
import { PeoplePage } from './PeoplePage';

const BOXES: readonly ReceivedBox[] = ['inbox', 'filtered'];

function KindBadge({ kind }: { kind: RequestKind }) {
  const { t } = useI18n();
  return (
    <span class="badge badge-quiet" data-kind={kind}>
      {t(REQUEST_KIND_LABEL[kind])}
    </span>
  );
}

/** How the sender says they know the member: "met in person", "introduced by …". */
function ProvenanceLine({ request }: { request: ReceivedRequest }) {
  const { t } = useI18n();
  const { provenance, introduced_by: introducer } = request;
  if (introducer) {
    const name = memberName(introducer, t('profile.unnamed'));
    return <p class="request-provenance">{t('provenance.introduced_by', { name })}</p>;
  }
  if (!provenance || provenance === 'none') return null;
  return <p class="request-provenance">{t(PROVENANCE_LABEL[provenance])}</p>;
}

/** Greetings and connection requests received, in the inbox or the quiet Filtered folder. */
function ReceivedSection() {
  const { t, formatDate } = useI18n();
  const [box, setBox] = useState<ReceivedBox>('inbox');
  const list = useLoad(async () => (await api.receivedRequests(box)).requests, [box]);
  const actions = useActionStatus('tie');

  async function answer(request: ReceivedRequest, accept: boolean) {
    const name = memberName(request.from, t('profile.unnamed'));
    const done = await actions.run(request.id, async () => {
      if (accept) await api.acceptRequest(request.id);
      else await api.declineRequest(request.id);
      return { key: accept ? acceptedMessageKey(request.kind) : 'requests.declined', params: { name } };
    });
    if (done) {
      list.setData((all) => all.filter((r) => r.id !== request.id));
      focusSoon('requests-received-heading');
    }
  }

  return (
    <section class="card" aria-labelledby="requests-received-heading">
      <h2 id="requests-received-heading" tabIndex={-1}>
        {t('requests.received_heading')}
      </h2>
      <div class="segmented" role="group" aria-label={t('requests.box_label')}>
        {BOXES.map((b) => (
          <button key={b} type="button" aria-pressed={box === b} onClick={() => setBox(b)}>
            {t(b === 'inbox' ? 'requests.inbox' : 'requests.filtered')}
          </button>
        ))}
      </div>
      <p class="hint">
        {t(box === 'inbox' ? 'requests.inbox_hint' : 'requests.filtered_hint')}{' '}
        {box === 'filtered' && <a href="/settings/inbound">{t('requests.filters_link')}</a>}
      </p>
      <StatusRegion text={actions.status} />
      <ErrorRegion text={actions.error} />
      <Loaded state={list}>
        {(requests) =>
          requests.length === 0 ? (
            <p class="muted">{t(box === 'inbox' ? 'requests.inbox_empty' : 'requests.filtered_empty')}</p>
          ) : (
            <ul class="member-list">
              {requests.map((r) => {
                const name = memberName(r.from, t('profile.unnamed'));
                return (
                  <li key={r.id} class="member-item">
                    <MemberSummaryRow
                      member={r.from}
                      meta={
                        <>
                          <KindBadge kind={r.kind} /> {t('requests.received_on', { date: formatDate(r.created_at) })}
                        </>
                      }
                    />
                    <ProvenanceLine request={r} />
                    <QuotedNote note={r.note} />
                    <div class="form-actions">
                      <button
                        type="button"
                        class="btn btn-primary btn-small"
                        aria-label={t(r.kind === 'greeting' ? 'requests.greet_back_label' : 'requests.accept_label', { name })}
                        aria-disabled={actions.busy === r.id ? 'true' : undefined}
                        onClick={() => void answer(r, true)}
                      >
                        {t(acceptLabelKey(r.kind))}
                      </button>
                      <button
                        type="button"
                        class="btn btn-secondary btn-small"
                        aria-label={t('requests.decline_label', { name })}
                        aria-disabled={actions.busy === r.id ? 'true' : undefined}
                        onClick={() => void answer(r, false)}
                      >
                        {t('requests.decline')}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

/** What the member sent: pending (withdrawable), accepted or expired. */
function SentSection() {
  const { t, formatDate } = useI18n();
  const list = useLoad(async () => (await api.sentRequests()).requests);
  const actions = useActionStatus('tie');
  const [withdrawing, setWithdrawing] = useState<string | null>(null);

  async function withdraw(request: SentRequest) {
    const done = await actions.run(request.id, async () => {
      await api.withdrawRequest(request.id);
      return 'requests.withdrawn';
    });
    if (done) {
      list.setData((all) => all.filter((r) => r.id !== request.id));
      setWithdrawing(null);
      focusSoon('requests-sent-heading');
    }
  }

  return (
    <section class="card" aria-labelledby="requests-sent-heading">
      <h2 id="requests-sent-heading" tabIndex={-1}>
        {t('requests.sent_heading')}
      </h2>
      <p class="hint">{t('requests.sent_hint')}</p>
      <StatusRegion text={actions.status} />
      <ErrorRegion text={actions.error} />
      <Loaded state={list}>
        {(requests) =>
          requests.length === 0 ? (
            <p class="muted">{t('requests.sent_empty')}</p>
          ) : (
            <ul class="member-list">
              {requests.map((r) => {
                const name = memberName(r.to, t('profile.unnamed'));
                const base = domId('sent', r.id);
                return (
                  <li key={r.id} class="member-item">
                    <MemberSummaryRow
                      member={r.to}
                      meta={
                        <>
                          <KindBadge kind={r.kind} /> <StatusPill status={r.status} label={t(SENT_STATUS_LABEL[r.status])} />{' '}
                          {t('requests.sent_on', { date: formatDate(r.created_at) })}
                        </>
                      }
                    />
                    <QuotedNote note={r.note} />
                    {r.status === 'pending' && withdrawing !== r.id && (
                      <div class="form-actions">
                        <button
                          type="button"
                          class="btn btn-secondary btn-small"
                          aria-label={t('requests.withdraw_label', { name })}
                          onClick={() => {
                            setWithdrawing(r.id);
                            focusSoon(`${base}-withdraw-confirm`);
                          }}
                        >
                          {t('requests.withdraw')}
                        </button>
                      </div>
                    )}
                    {withdrawing === r.id && (
                      <ConfirmPanel
                        id={`${base}-withdraw`}
                        tone="warn"
                        title={t('requests.withdraw_title', { name })}
                        confirmLabel={t('requests.withdraw_confirm')}
                        busy={actions.busy === r.id}
                        onConfirm={() => void withdraw(r)}
                        onCancel={() => setWithdrawing(null)}
                      >
                        <p>{t('requests.withdraw_text')}</p>
                      </ConfirmPanel>
                    )}
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

/** Greetings and connection requests: those received (inbox and Filtered) and those sent. */
export function RequestsView() {
  const { t } = useI18n();
  return (
    <PeoplePage title={t('requests.title')} lead={t('requests.lead')}>
      <ReceivedSection />
      <SentSection />
    </PeoplePage>
  );
}
