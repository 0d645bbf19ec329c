import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { AskedIntroduction } from '../../api/types';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { domId } from '../../components/domId';
import { Toggle } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { FormPanel } from '../../components/FormPanel';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { QuotedNote } from '../../components/QuotedNote';
import { SubmitCancel } from '../../components/SubmitCancel';
import { useActionStatus } from '../../components/useActionStatus';
import { useFormErrors } from '../../components/useFormErrors';
import { useSubmit } from '../../components/useSubmit';
import { useI18n } from '../../i18n/context';
import { forwardBody, INTRODUCTION_NOTE_MAX, introductionNoteProblem } from '../../introductions/introductions';
import { ASKED_STATUS_LABEL } from '../../introductions/labels';
import { memberName } from '../../relationships/requests';
import { IntroductionNoteField, IntroductionSummaryRow, IntroductionTab, Vouches } from './IntroductionParts';
import { useIntroductionList } from './useIntroductionList';

/** The intermediary's vouching note, and whether to join the conversation; passes it on. */
function ForwardForm({ idBase, introduction, onForwarded, onCancel }: {
  idBase: string;
  introduction: AskedIntroduction;
  onForwarded: (answer: AskedIntroduction) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [join, setJoin] = useState(false);
  const errors = useFormErrors((f) => `${idBase}-${f}`, (f) => f === 'note' || f === 'join');
  const { busy, submit } = useSubmit(errors, 'vouch', {
    check: () => ({ note: introductionNoteProblem(note) }),
    send: async () => onForwarded(await api.forwardIntroduction(introduction.id, forwardBody(note, join))),
  });
  const unnamed = t('profile.unnamed');
  const requester = memberName(introduction.requester, unnamed);
  const next = memberName(introduction.next, unnamed);
  const target = memberName(introduction.target, unnamed);

  return (
    <FormPanel
      idBase={idBase}
      title={t('introductions.forward_title', { name: next })}
      hint={t('introductions.forward_hint', { name: requester })}
      error={errors.form}
      onSubmit={submit}
    >
      <IntroductionNoteField
        id={`${idBase}-note`}
        label={t('introductions.vouch_label')}
        hint={t('introductions.vouch_hint', { max: INTRODUCTION_NOTE_MAX })}
        value={note}
        onInput={setNote}
        error={errors.field('note')}
      />
      <Toggle
        id={`${idBase}-join`}
        label={t('introductions.join_label')}
        hint={t('introductions.join_hint', { requester, target })}
        checked={join}
        onChange={setJoin}
      />
      <SubmitCancel busy={busy} label={t('introductions.forward_send')} busyLabel={t('relation.sending')} onCancel={onCancel} />
    </FormPanel>
  );
}

type Answering = { id: string; how: 'forward' | 'lapse' } | null;

/**
 * The intermediary's inbox: who asks to be introduced to whom, and why; earlier intermediaries'
 * vouches; and the two answers, passing it on with a vouch or letting it lapse, which nobody hears of.
 */
export function AskedIntroductions() {
  const { t, formatDate } = useI18n();
  const list = useIntroductionList(() => api.askedIntroductions());
  const actions = useActionStatus('tie');
  const [answering, setAnswering] = useState<Answering>(null);

  function open(id: string, how: 'forward' | 'lapse') {
    setAnswering({ id, how });
    actions.announce(null);
    const base = domId('intro-asked', id);
    focusSoon(how === 'forward' ? `${base}-forward-note` : `${base}-lapse-confirm`);
  }

  function answered(introduction: AskedIntroduction) {
    list.setData((all) => all.map((x) => (x.id === introduction.id ? introduction : x)));
    setAnswering(null);
    focusSoon('introductions-heading');
  }

  async function lapse(introduction: AskedIntroduction) {
    const done = await actions.run(introduction.id, async () => {
      await api.lapseIntroduction(introduction.id);
      return 'introductions.lapsed';
    });
    if (done) answered({ ...introduction, status: 'lapsed' });
  }

  return (
    <IntroductionTab hint={t('introductions.asked_hint')} empty={t('introductions.asked_empty')} list={list} actions={actions}>
      {(x) => {
        const unnamed = t('profile.unnamed');
        const requester = memberName(x.requester, unnamed);
        const target = memberName(x.target, unnamed);
        const base = domId('intro-asked', x.id);
        const waiting = x.status === 'waiting';
        return (
          <>
            <IntroductionSummaryRow
              member={x.requester}
              introduction={x}
              statusLabel={t(ASKED_STATUS_LABEL[x.status])}
              when={
                waiting
                  ? t('introductions.answer_by', { date: formatDate(x.answer_by) })
                  : t('introductions.asked_on', { date: formatDate(x.created_at) })
              }
            />
            <p class="request-provenance">{t('introductions.would_like_to_meet', { name: requester })}</p>
            <div class="intro-target">
              <MemberSummaryRow member={x.target} />
            </div>
            {x.next.id !== x.target.id && (
              <p class="request-provenance">{t('introductions.next_in_chain', { next: memberName(x.next, unnamed), target })}</p>
            )}
            <QuotedNote note={x.note} />
            <Vouches vouches={x.vouches} />
            {waiting && answering?.id !== x.id && (
              <div class="form-actions">
                <button
                  type="button"
                  class="btn btn-primary btn-small"
                  aria-label={t('introductions.forward_label', { requester, target })}
                  onClick={() => open(x.id, 'forward')}
                >
                  {t('introductions.forward')}
                </button>
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  aria-label={t('introductions.lapse_label', { requester, target })}
                  onClick={() => open(x.id, 'lapse')}
                >
                  {t('introductions.lapse')}
                </button>
              </div>
            )}
            {waiting && answering?.id === x.id && answering.how === 'forward' && (
              <ForwardForm
                idBase={`${base}-forward`}
                introduction={x}
                onForwarded={(answer) => {
                  answered(answer);
                  actions.announce({ key: 'introductions.forwarded', params: { name: memberName(x.next, unnamed) } });
                }}
                onCancel={() => setAnswering(null)}
              />
            )}
            {waiting && answering?.id === x.id && answering.how === 'lapse' && (
              <ConfirmPanel
                id={`${base}-lapse`}
                tone="warn"
                title={t('introductions.lapse_title')}
                confirmLabel={t('introductions.lapse_confirm')}
                busy={actions.busy === x.id}
                onConfirm={() => void lapse(x)}
                onCancel={() => setAnswering(null)}
              >
                <p>{t('introductions.lapse_text', { requester, target })}</p>
              </ConfirmPanel>
            )}
          </>
        );
      }}
    </IntroductionTab>
  );
}
