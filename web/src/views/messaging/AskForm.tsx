import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ChatMessage } from '../../api/types';
import { Field, TextAreaField } from '../../components/Field';
import { PlusIcon, TrashIcon } from '../../components/Icons';
import { ErrorRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import {
  ASK_KINDS,
  askBody,
  askProblems,
  emptyAsk,
  MAX_PROPOSED_TIMES,
  SUBJECT_MAX,
  TEXT_MAX,
  utcToLocal,
  type AskDraft,
  type AskKind,
} from '../../messaging/asks';

export const ASK_LABEL: Readonly<Record<AskKind, MessageKey>> = {
  meeting_request: 'chat.ask_meeting',
  proposal: 'chat.ask_proposal',
  referral_request: 'chat.ask_referral',
};

const ASK_HINT: Readonly<Record<AskKind, MessageKey>> = {
  meeting_request: 'chat.ask_meeting_hint',
  proposal: 'chat.ask_proposal_hint',
  referral_request: 'chat.ask_referral_hint',
};

const SUBJECT_LABEL: Readonly<Record<'proposal' | 'referral_request', MessageKey>> = {
  proposal: 'chat.ask_subject_proposal',
  referral_request: 'chat.ask_subject_referral',
};

const inputId = (path: string) => `ask-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;

/**
 * A business ask (meeting request with 1–5 proposed times, proposal, referral request), offered
 * only where the conversation entry's `business_asks` allows it. Calls `onSent` with the message.
 */
export function AskForm({ conversationId, onSent, onCancel }: {
  conversationId: string;
  onSent: (message: ChatMessage) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<AskDraft>(() => emptyAsk('meeting_request'));
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(inputId);
  const edit = (change: Partial<AskDraft>) => setDraft((d) => ({ ...d, ...change }));
  const setTime = (i: number, value: string) => edit({ times: draft.times.map((x, j) => (j === i ? value : x)) });
  const earliest = utcToLocal(Date.now());

  async function send(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (errors.showLocal(askProblems(draft, Date.now()), ['subject', 'proposed_times[0]', 'text'])) return;
    setBusy(true);
    errors.clear();
    try {
      onSent(await api.sendMessage(conversationId, askBody(draft)));
    } catch (err) {
      errors.showError(err, 'message');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="ask-form card" onSubmit={send} noValidate aria-labelledby="ask-heading">
      <h2 id="ask-heading" tabIndex={-1}>
        {t('chat.ask_heading')}
      </h2>
      <ErrorRegion text={errors.form} />
      <fieldset class="choices choices-wrap" aria-label={t('chat.ask_kind_label')}>
        {ASK_KINDS.map((k) => (
          <label class="choice" key={k}>
            <input
              type="radio"
              name="ask-kind"
              value={k}
              checked={draft.kind === k}
              onChange={() => {
                errors.clear();
                setDraft((d) => ({ ...emptyAsk(k), text: d.text }));
              }}
            />
            <span>{t(ASK_LABEL[k])}</span>
          </label>
        ))}
      </fieldset>
      <p class="hint">{t(ASK_HINT[draft.kind])}</p>
      {draft.kind === 'meeting_request' && (
        <fieldset class="field proposed-times" id={inputId('proposed_times')} tabIndex={-1}>
          <legend class="label">{t('chat.ask_times_label')}</legend>
          <p class="hint">{t('chat.ask_times_hint', { max: MAX_PROPOSED_TIMES })}</p>
          {draft.times.map((value, i) => (
            <div class="proposed-time" key={i}>
              <Field
                id={inputId(`proposed_times[${i}]`)}
                label={t('chat.ask_time_label', { n: i + 1 })}
                type="datetime-local"
                value={value}
                min={earliest}
                onInput={(v) => setTime(i, v)}
                error={errors.field(`proposed_times[${i}]`)}
              />
              {draft.times.length > 1 && (
                <button
                  type="button"
                  class="icon-button icon-button-danger"
                  aria-label={t('chat.ask_time_remove', { n: i + 1 })}
                  onClick={() => edit({ times: draft.times.filter((_, j) => j !== i) })}
                >
                  <TrashIcon class="icon icon-small" />
                </button>
              )}
            </div>
          ))}
          {errors.field('proposed_times') && <p class="field-error">{errors.field('proposed_times')}</p>}
          {draft.times.length < MAX_PROPOSED_TIMES && (
            <button type="button" class="btn btn-link btn-small" onClick={() => edit({ times: [...draft.times, ''] })}>
              <PlusIcon class="icon icon-small" />
              {t('chat.ask_time_add')}
            </button>
          )}
        </fieldset>
      )}
      {(draft.kind === 'proposal' || draft.kind === 'referral_request') && (
        <Field
          id={inputId('subject')}
          label={t(SUBJECT_LABEL[draft.kind])}
          value={draft.subject}
          maxLength={SUBJECT_MAX}
          onInput={(v) => edit({ subject: v })}
          error={errors.field('subject')}
        />
      )}
      <TextAreaField
        id={inputId('text')}
        label={t('chat.ask_text_label')}
        value={draft.text}
        maxLength={TEXT_MAX}
        rows={4}
        onInput={(v) => edit({ text: v })}
        error={errors.field('text')}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('relation.sending') : t('chat.ask_send')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
