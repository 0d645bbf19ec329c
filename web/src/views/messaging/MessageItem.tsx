import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ChatMessage, DeleteScope } from '../../api/types';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { domId } from '../../components/domId';
import { Field, TextAreaField } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { CalendarIcon, MoreIcon } from '../../components/Icons';
import { ErrorRegion } from '../../components/Live';
import { SubmitCancel } from '../../components/SubmitCancel';
import { useActionStatus } from '../../components/useActionStatus';
import { useFormErrors } from '../../components/useFormErrors';
import { useSubmit } from '../../components/useSubmit';
import { useI18n } from '../../i18n/context';
import { SUBJECT_MAX, TEXT_MAX, textProblem } from '../../messaging/asks';
import { canChangeForEveryone } from '../../messaging/conversation';
import { formatClock, formatProposedTime } from '../../messaging/format';
import { ASK_LABEL } from './AskForm';

/** What the message says: its text, or a business ask set apart with its kind, subject or times. */
function MessageBody({ message }: { message: ChatMessage }) {
  const { t, locale } = useI18n();
  if (message.deleted) return <p class="msg-deleted">{t('chat.deleted')}</p>;
  if (message.kind === 'text') return <p class="msg-text pre">{message.text}</p>;
  return (
    <div class="ask" data-kind={message.kind}>
      <p class="ask-kind">
        {message.kind === 'meeting_request' && <CalendarIcon class="icon icon-small" />}
        {t(ASK_LABEL[message.kind])}
      </p>
      {message.subject && <p class="ask-subject">{message.subject}</p>}
      {message.kind === 'meeting_request' && (message.proposed_times?.length ?? 0) > 0 && (
        <>
          <p class="ask-times-label">{t('chat.ask_times_shown')}</p>
          <ul class="ask-times">
            {message.proposed_times?.map((time) => (
              <li key={time}>
                <time dateTime={time}>{formatProposedTime(time, locale)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
      {message.text && <p class="msg-text pre">{message.text}</p>}
    </div>
  );
}

type Open = 'actions' | 'edit' | DeleteScope | null;

/** Edits one's own message (its text, and the subject of a proposal or referral request). */
function EditForm({ message, base, onSaved, onCancel }: {
  message: ChatMessage;
  base: string;
  onSaved: (m: ChatMessage) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(message.text);
  const [subject, setSubject] = useState(message.subject ?? '');
  const errors = useFormErrors((path) => `${base}-edit-${path}`);
  const hasSubject = message.kind === 'proposal' || message.kind === 'referral_request';
  const { busy, submit } = useSubmit(errors, 'message', {
    check: () => ({ subject: hasSubject && subject.trim() === '' ? 'errors.required' : undefined, text: textProblem(text) }),
    order: ['subject', 'text'],
    send: async () =>
      onSaved(await api.editMessage(message.conversation, message.id, hasSubject ? { text: text.trim(), subject: subject.trim() } : { text: text.trim() })),
  });

  return (
    <form class="msg-edit" onSubmit={submit} noValidate>
      <ErrorRegion text={errors.form} />
      {hasSubject && (
        <Field id={`${base}-edit-subject`} label={t('chat.subject_label')} value={subject} maxLength={SUBJECT_MAX} onInput={setSubject} error={errors.field('subject')} />
      )}
      <TextAreaField id={`${base}-edit-text`} label={t('chat.edit_label')} value={text} maxLength={TEXT_MAX} rows={3} onInput={setText} error={errors.field('text')} />
      <SubmitCancel busy={busy} onCancel={onCancel} />
    </form>
  );
}

/**
 * One message in the chat: the sender's name (in groups, at the start of a run), the body, the
 * time, "edited", and the read marker; the sender's own messages can be edited and deleted for
 * everyone within 24 hours, and any message can be deleted from one's own history.
 */
export function MessageItem({ message, meId, senderName, readers, group, now, onChanged, onRemoved }: {
  message: ChatMessage;
  meId: string | undefined;
  /** Shown above the message (others' messages in groups, first of a run). */
  senderName: string | undefined;
  /** How many have read up to here: the read marker, when read receipts apply. */
  readers: number;
  group: boolean;
  now: number;
  onChanged: (m: ChatMessage) => void;
  onRemoved: (id: string) => void;
}) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const actions = useActionStatus('message');
  const base = domId('msg', message.id);
  const own = message.sender === meId;
  const changeable = canChangeForEveryone(message, meId, now);

  async function remove(scope: DeleteScope) {
    const done = await actions.run(scope, async () => {
      await api.deleteMessage(message.conversation, message.id, scope);
    });
    if (!done) return;
    setOpen(null);
    if (scope === 'me') onRemoved(message.id);
    else onChanged({ ...message, deleted: true, text: '', subject: undefined, proposed_times: undefined });
  }

  const toggle = (next: Open) => {
    setOpen((o) => (o === next ? null : next));
    if (next === 'everyone' || next === 'me') focusSoon(`${base}-${next}-confirm`);
  };

  return (
    <li class={own ? 'msg msg-own' : 'msg msg-other'} id={base} data-seq={message.seq}>
      {senderName && <p class="msg-sender">{senderName}</p>}
      <div class="msg-row">
        <div class={message.kind === 'text' || message.deleted ? 'msg-bubble' : 'msg-bubble msg-bubble-ask'}>
          {open === 'edit' ? (
            <EditForm
              message={message}
              base={base}
              onSaved={(m) => {
                setOpen(null);
                onChanged(m);
              }}
              onCancel={() => setOpen(null)}
            />
          ) : (
            <MessageBody message={message} />
          )}
          <p class="msg-meta">
            <time dateTime={message.created_at}>{formatClock(message.created_at, locale)}</time>
            {message.edited_at && !message.deleted && <span class="msg-edited">{t('chat.edited')}</span>}
            {readers > 0 && <span class="msg-read">{group ? t('chat.read_by', { count: readers }) : t('chat.read')}</span>}
          </p>
        </div>
        {!(message.deleted && !own) && open !== 'edit' && (
          <button
            type="button"
            class="icon-button msg-more"
            aria-label={t('chat.actions_label')}
            aria-expanded={open !== null}
            aria-controls={`${base}-actions`}
            onClick={() => toggle('actions')}
          >
            <MoreIcon class="icon icon-small" />
          </button>
        )}
      </div>
      {open === 'actions' && (
        <div class="msg-actions" id={`${base}-actions`} role="group" aria-label={t('chat.actions_label')}>
          {changeable && (
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setOpen('edit')}>
              {t('common.edit')}
            </button>
          )}
          {changeable && (
            <button type="button" class="btn btn-secondary btn-small" onClick={() => toggle('everyone')}>
              {t('chat.delete_everyone')}
            </button>
          )}
          <button type="button" class="btn btn-secondary btn-small" onClick={() => toggle('me')}>
            {t('chat.delete_me')}
          </button>
        </div>
      )}
      {(open === 'everyone' || open === 'me') && (
        <ConfirmPanel
          id={`${base}-${open}`}
          tone="danger"
          title={t(open === 'everyone' ? 'chat.delete_everyone_title' : 'chat.delete_me_title')}
          confirmLabel={t('common.delete')}
          busy={actions.busy !== null}
          onConfirm={() => void remove(open)}
          onCancel={() => setOpen(null)}
        >
          <p>{t(open === 'everyone' ? 'chat.delete_everyone_text' : 'chat.delete_me_text')}</p>
        </ConfirmPanel>
      )}
      {(open !== null || actions.error) && <ErrorRegion text={actions.error} />}
    </li>
  );
}
