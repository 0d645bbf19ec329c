import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { MemberSummary, Provenance, RequestKind, SentRequest } from '../../api/types';
import { SelectField, TextAreaField } from '../../components/Field';
import { FormPanel } from '../../components/FormPanel';
import { SubmitCancel } from '../../components/SubmitCancel';
import { useFormErrors } from '../../components/useFormErrors';
import { useSubmit } from '../../components/useSubmit';
import { useI18n } from '../../i18n/context';
import { PROVENANCE_CHOICES, PROVENANCE_LABEL } from '../../relationships/labels';
import { emptyDraft, memberName, NOTE_MAX, requestBody, requestProblems, type RequestDraft } from '../../relationships/requests';

const FIELDS = ['provenance', 'introduced_by', 'note'] as const;

/**
 * Sends a greeting (an optional note) or a connection request (how the two know each other,
 * and a note). "Introduced by" is offered only when `introducers` (the mutual connections the
 * viewer may see) has someone to name.
 */
export function RequestForm({ idBase, to, kind, introducers = [], onSent, onCancel }: {
  idBase: string;
  to: string;
  kind: RequestKind;
  introducers?: readonly MemberSummary[];
  onSent: (sent: SentRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<RequestDraft>(() => emptyDraft(kind));
  const errors = useFormErrors((f) => `${idBase}-${f}`, (f) => (FIELDS as readonly string[]).includes(f));
  const { busy, submit } = useSubmit(errors, 'request', {
    check: () => requestProblems(draft),
    order: FIELDS,
    send: async () => onSent(await api.sendRequest(requestBody(to, draft))),
  });
  const edit = (change: Partial<RequestDraft>) => setDraft((d) => ({ ...d, ...change }));
  const greeting = kind === 'greeting';
  const choices = PROVENANCE_CHOICES.filter((p) => p !== 'introduced' || introducers.length > 0);

  return (
    <FormPanel
      idBase={idBase}
      title={t(greeting ? 'relation.greet_title' : 'relation.connect_title')}
      hint={t(greeting ? 'relation.greet_hint' : 'relation.connect_hint')}
      error={errors.form}
      onSubmit={submit}
    >
      {!greeting && (
        <SelectField
          id={`${idBase}-provenance`}
          label={t('relation.provenance_label')}
          value={draft.provenance}
          placeholder={t('common.choose')}
          options={choices.map((p) => ({ value: p, label: t(PROVENANCE_LABEL[p]) }))}
          onChange={(v) => edit({ provenance: v as Provenance | '' })}
          error={errors.field('provenance')}
        />
      )}
      {!greeting && draft.provenance === 'introduced' && (
        <SelectField
          id={`${idBase}-introduced_by`}
          label={t('relation.introduced_by_label')}
          value={draft.introducedBy}
          placeholder={t('common.choose')}
          options={introducers.map((m) => ({ value: m.id, label: memberName(m, t('profile.unnamed')) }))}
          onChange={(v) => edit({ introducedBy: v })}
          error={errors.field('introduced_by')}
        />
      )}
      <TextAreaField
        id={`${idBase}-note`}
        label={t('relation.note_label')}
        hint={t('relation.note_hint', { max: NOTE_MAX })}
        value={draft.note}
        onInput={(v) => edit({ note: v })}
        error={errors.field('note')}
        maxLength={NOTE_MAX}
        rows={3}
      />
      <SubmitCancel
        busy={busy}
        label={t(greeting ? 'relation.send_greeting' : 'relation.send_request')}
        busyLabel={t('relation.sending')}
        onCancel={onCancel}
      />
    </FormPanel>
  );
}
