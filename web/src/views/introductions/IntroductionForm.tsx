import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { IntroductionPurpose, IntroductionRoute, SentIntroduction } from '../../api/types';
import { SelectField } from '../../components/Field';
import { FormPanel } from '../../components/FormPanel';
import { SubmitCancel } from '../../components/SubmitCancel';
import { useFormErrors } from '../../components/useFormErrors';
import { useSubmit } from '../../components/useSubmit';
import { useI18n } from '../../i18n/context';
import {
  emptyIntroductionDraft,
  introductionBody,
  introductionProblems,
  INTRODUCTION_NOTE_MAX,
  routeChain,
  routeKey,
  type IntroductionDraft,
} from '../../introductions/introductions';
import { PURPOSE_CHOICES, PURPOSE_LABEL, reasonMessage } from '../../introductions/labels';
import { memberName } from '../../relationships/requests';
import { IntroductionNoteField } from './IntroductionParts';

const FIELDS = ['intermediaries', 'purpose', 'note'] as const;

/** One route as a choice: the chain of names, then why it is a good one, in sentences. */
function RouteOption({ name, route, target, checked, onChoose }: {
  name: string;
  route: IntroductionRoute;
  target: string;
  checked: boolean;
  onChoose: () => void;
}) {
  const { t, locale } = useI18n();
  const reasons = route.reasons.flatMap((r) => {
    const m = reasonMessage(r, target, locale);
    return m ? [t(m.key, m.params)] : [];
  });
  return (
    <label class="choice intro-route">
      <input type="radio" name={name} checked={checked} onChange={onChoose} />
      <span class="intro-route-text">
        <span class="intro-chain">{routeChain(route, target, t('profile.unnamed'))}</span>
        {reasons.length > 0 && (
          <ul class="intro-reasons">
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </span>
    </label>
  );
}

/**
 * Asks for an introduction to `target` (named `targetName` on the page): through one of the
 * `routes` the server offered, or by letting Enishi ask the network; with a purpose, and a note
 * to the intermediaries that the target never sees.
 */
export function IntroductionForm({ idBase, target, targetName, routes, onSent, onCancel }: {
  idBase: string;
  target: string;
  targetName: string;
  routes: readonly IntroductionRoute[];
  onSent: (sent: SentIntroduction) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<IntroductionDraft>(emptyIntroductionDraft);
  const errors = useFormErrors((f) => `${idBase}-${f}`, (f) => (FIELDS as readonly string[]).includes(f));
  const { busy, submit } = useSubmit(errors, 'introduction', {
    check: () => introductionProblems(draft, routes),
    order: FIELDS,
    send: async () => onSent(await api.requestIntroduction(introductionBody(target, draft, routes))),
  });
  const edit = (change: Partial<IntroductionDraft>) => setDraft((d) => ({ ...d, ...change }));
  const chosen = typeof draft.route === 'number' ? routes[draft.route] : undefined;
  const readers = chosen?.intermediaries.map((m) => memberName(m, t('profile.unnamed'))).join(t('common.list_separator'));
  const routeError = errors.field('intermediaries');

  return (
    <FormPanel
      idBase={idBase}
      title={t('introductions.ask_title', { name: targetName })}
      hint={t('introductions.ask_hint', { name: targetName })}
      error={errors.form}
      onSubmit={submit}
    >
      <fieldset
        class="intro-routes"
        id={`${idBase}-intermediaries`}
        tabIndex={-1}
        aria-describedby={routeError ? `${idBase}-intermediaries-error` : undefined}
      >
        <legend class="label">{t('introductions.route_label')}</legend>
        {routes.map((route, i) => (
          <RouteOption
            key={routeKey(route)}
            name={`${idBase}-route`}
            route={route}
            target={targetName}
            checked={draft.route === i}
            onChoose={() => edit({ route: i })}
          />
        ))}
        <label class="choice intro-route">
          <input type="radio" name={`${idBase}-route`} checked={draft.route === 'network'} onChange={() => edit({ route: 'network' })} />
          <span class="intro-route-text">
            <span class="intro-chain">{t('introductions.ask_network')}</span>
            <span class="hint">{t('introductions.ask_network_hint')}</span>
          </span>
        </label>
        {routeError && (
          <p class="field-error" id={`${idBase}-intermediaries-error`}>
            {routeError}
          </p>
        )}
      </fieldset>
      <SelectField
        id={`${idBase}-purpose`}
        label={t('introductions.purpose_label')}
        value={draft.purpose}
        placeholder={t('common.choose')}
        options={PURPOSE_CHOICES.map((p) => ({ value: p, label: t(PURPOSE_LABEL[p]) }))}
        onChange={(v) => edit({ purpose: v as IntroductionPurpose | '' })}
        error={errors.field('purpose')}
      />
      <IntroductionNoteField
        id={`${idBase}-note`}
        label={readers ? t('introductions.note_label_to', { names: readers }) : t('introductions.note_label')}
        hint={t('introductions.note_hint', { max: INTRODUCTION_NOTE_MAX, name: targetName })}
        value={draft.note}
        onInput={(v) => edit({ note: v })}
        error={errors.field('note')}
      />
      <SubmitCancel busy={busy} label={t('introductions.send')} busyLabel={t('relation.sending')} onCancel={onCancel} />
    </FormPanel>
  );
}
