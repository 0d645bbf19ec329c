import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Connection } from '../../api/types';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { domId } from '../../components/domId';
import { TextAreaField, Toggle } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { LockIcon, StarIcon } from '../../components/Icons';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { RatingView, StarRating } from '../../components/StarRating';
import { SubmitCancel } from '../../components/SubmitCancel';
import { useActionStatus } from '../../components/useActionStatus';
import { useFormErrors } from '../../components/useFormErrors';
import { useSubmit } from '../../components/useSubmit';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { PROVENANCE_LABEL } from '../../relationships/labels';
import { charCount, memberName, NOTE_MAX } from '../../relationships/requests';

const TIE_FIELDS = ['rating', 'note', 'trusted'];

/** The private rating, note and trust mark on one connection, as a form. */
function TieEditor({ idBase, connection, onSaved, onCancel }: {
  idBase: string;
  connection: Connection;
  onSaved: (saved: Connection) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [rating, setRating] = useState(connection.rating);
  const [note, setNote] = useState(connection.note);
  const [trusted, setTrusted] = useState(connection.trusted);
  const errors = useFormErrors((f) => `${idBase}-${f}`, (f) => TIE_FIELDS.includes(f));
  const { busy, submit } = useSubmit(errors, 'tie', {
    check: () => ({ note: charCount(note.trim()) > NOTE_MAX ? { key: 'errors.too_long', params: { max: NOTE_MAX } } : undefined }),
    send: async () => onSaved(await api.updateConnection(connection.member.id, { rating, note: note.trim(), trusted })),
  });

  return (
    <form class="form" onSubmit={submit} noValidate>
      <ErrorRegion text={errors.form} />
      <StarRating id={`${idBase}-rating`} legend={t('connections.rating_legend')} value={rating} onChange={setRating} error={errors.field('rating')} />
      <TextAreaField
        id={`${idBase}-note`}
        label={t('connections.note_label')}
        hint={t('connections.note_hint', { max: NOTE_MAX })}
        value={note}
        onInput={setNote}
        error={errors.field('note')}
        maxLength={NOTE_MAX}
        rows={3}
      />
      <Toggle id={`${idBase}-trusted`} label={t('connections.trusted')} hint={t('connections.trusted_hint')} checked={trusted} onChange={setTrusted} />
      <SubmitCancel busy={busy} onCancel={onCancel} />
    </form>
  );
}

type Confirming = 'remove' | 'block' | null;

/**
 * One connection: who they are, the viewer's private view of the tie (rating, note, trust),
 * which only the viewer ever sees, and removing or blocking them. `onGone` takes the
 * confirmation to show once the item has left the list.
 */
export function ConnectionItem({ connection, onSaved, onGone }: {
  connection: Connection;
  onSaved: (saved: Connection) => void;
  onGone: (message: { key: MessageKey; params: { name: string } }) => void;
}) {
  const { t, formatDate } = useI18n();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const actions = useActionStatus('tie');
  const { member } = connection;
  const name = memberName(member, t('profile.unnamed'));
  const base = domId('connection', member.id);
  const provenance = connection.provenance && connection.provenance !== 'none' ? PROVENANCE_LABEL[connection.provenance] : undefined;

  function ask(what: Confirming) {
    setConfirming(what);
    focusSoon(`${base}-${what}-confirm`);
  }

  async function leave(what: 'remove' | 'block') {
    await actions.run(what, async () => {
      if (what === 'remove') await api.removeConnection(member.id);
      else await api.block(member.id);
      onGone({ key: what === 'remove' ? 'connections.removed' : 'connections.blocked', params: { name } });
    });
  }

  return (
    <li class="member-item">
      <MemberSummaryRow
        member={member}
        meta={
          <>
            {t('connections.since', { date: formatDate(connection.since) })}
            {provenance && ` · ${t(provenance)}`}
          </>
        }
      />
      <section class="private-box" aria-labelledby={`${base}-private`}>
        <p class="private-label" id={`${base}-private`}>
          <LockIcon class="icon icon-small" />
          {t('connections.private_label', { name })}
        </p>
        {editing ? (
          <TieEditor
            idBase={base}
            connection={connection}
            onSaved={(saved) => {
              onSaved(saved);
              setEditing(false);
              actions.announce('connections.saved');
              focusSoon(`${base}-edit`);
            }}
            onCancel={() => {
              setEditing(false);
              focusSoon(`${base}-edit`);
            }}
          />
        ) : (
          <>
            <RatingView value={connection.rating} />
            {connection.note ? <p class="pre private-note">{connection.note}</p> : <p class="muted small">{t('connections.no_note')}</p>}
            {connection.trusted && (
              <p class="trusted-mark">
                <StarIcon class="icon icon-small star-on" />
                {t('connections.trusted')}
              </p>
            )}
            <button
              type="button"
              id={`${base}-edit`}
              class="btn btn-secondary btn-small"
              aria-label={t('connections.edit_label', { name })}
              onClick={() => {
                setEditing(true);
                actions.announce(null);
                focusSoon(`${base}-rating`);
              }}
            >
              {t('connections.edit')}
            </button>
          </>
        )}
        <StatusRegion text={actions.status} />
      </section>
      <div class="row-actions">
        <a class="btn btn-link" href={api.vcardUrl(member.id)} download>
          {t('connections.vcard')}
        </a>
        <button type="button" class="btn btn-link btn-danger-link" aria-label={t('connections.remove_label', { name })} onClick={() => ask('remove')}>
          {t('connections.remove')}
        </button>
        <button type="button" class="btn btn-link btn-danger-link" aria-label={t('relation.block_label', { name })} onClick={() => ask('block')}>
          {t('relation.block')}
        </button>
      </div>
      {confirming === 'remove' && (
        <ConfirmPanel
          id={`${base}-remove`}
          tone="danger"
          title={t('connections.remove_title', { name })}
          confirmLabel={t('connections.remove_confirm')}
          busy={actions.busy !== null}
          onConfirm={() => void leave('remove')}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('connections.remove_text')}</p>
        </ConfirmPanel>
      )}
      {confirming === 'block' && (
        <ConfirmPanel
          id={`${base}-block`}
          tone="danger"
          title={t('relation.block_title', { name })}
          confirmLabel={t('relation.block_confirm')}
          busy={actions.busy !== null}
          onConfirm={() => void leave('block')}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('relation.block_text')}</p>
        </ConfirmPanel>
      )}
      <ErrorRegion text={actions.error} />
    </li>
  );
}
