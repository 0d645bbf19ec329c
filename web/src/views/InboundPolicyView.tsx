import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { ConnectionListAudience, InboundPolicy, JobFunction, Reach } from '../api/types';
import { Field, SelectField, Toggle } from '../components/Field';
import { ErrorRegion, StatusRegion } from '../components/Live';
import { Loaded, useLoad } from '../components/Loaded';
import { Page } from '../components/Page';
import { useFormErrors } from '../components/useFormErrors';
import { useSubmit } from '../components/useSubmit';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';
import { FUNCTION_LABEL } from '../profile/labels';
import {
  BUSINESS_ASKS_CHOICES,
  BUSINESS_ASKS_LABEL,
  CONNECTION_LIST_CHOICES,
  CONNECTION_LIST_LABEL,
  REACH_CHOICES,
  REACH_LABEL,
} from '../relationships/labels';
import { COMMONLY_REFUSED, MIN_AGE_MAX_DAYS, policyDraft, policyFromDraft, withFunction, type PolicyDraft } from '../relationships/policy';

type ReachField = 'greetings' | 'requests' | 'messages';

const REACH_FIELDS: readonly { field: ReachField; label: MessageKey }[] = [
  { field: 'greetings', label: 'inbound.greetings' },
  { field: 'requests', label: 'inbound.requests' },
  { field: 'messages', label: 'inbound.messages' },
];

/** Sales, recruiting and headhunting first: the ones most members want to keep out. */
const FUNCTIONS: readonly JobFunction[] = [
  ...COMMONLY_REFUSED,
  ...(Object.keys(FUNCTION_LABEL) as JobFunction[]).filter((f) => !COMMONLY_REFUSED.includes(f)),
];

const FIELDS = [...REACH_FIELDS.map((r) => r.field), 'refused_functions', 'min_account_age_days', 'business_asks', 'connection_list'];

const inputId = (field: string) => `inbound-${field}`;

function PolicyForm({ initial }: { initial: InboundPolicy }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<PolicyDraft>(() => policyDraft(initial));
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors(inputId, (f) => FIELDS.includes(f));
  const { policy } = draft;
  const edit = (change: Partial<InboundPolicy>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, policy: { ...d.policy, ...change } }));
  };

  const { busy, submit: save } = useSubmit(errors, 'inbound_policy', {
    check: () => {
      setSaved(false);
      const checked = policyFromDraft(draft);
      return 'problems' in checked ? checked.problems : {};
    },
    send: async () => {
      const checked = policyFromDraft(draft);
      if ('policy' in checked) {
        setDraft(policyDraft(await api.saveInboundPolicy(checked.policy)));
        setSaved(true);
      }
    },
  });

  return (
    <form class="form" onSubmit={save} noValidate>
      <ErrorRegion text={errors.form} />
      <section class="card" aria-labelledby="inbound-reach-heading">
        <h2 id="inbound-reach-heading">{t('inbound.reach_heading')}</h2>
        <p class="hint">{t('inbound.reach_hint')}</p>
        {REACH_FIELDS.map(({ field, label }) => (
          <SelectField
            key={field}
            id={inputId(field)}
            label={t(label)}
            value={policy[field]}
            options={REACH_CHOICES.map((r) => ({ value: r, label: t(REACH_LABEL[r]) }))}
            onChange={(v) => edit({ [field]: v as Reach })}
            error={errors.field(field)}
          />
        ))}
      </section>

      <section class="card" aria-labelledby="inbound-filters-heading">
        <h2 id="inbound-filters-heading">{t('inbound.filters_heading')}</h2>
        <fieldset class="field check-grid" id={inputId('refused_functions')} tabIndex={-1}>
          <legend class="label">{t('inbound.functions_label')}</legend>
          <p class="hint">{t('inbound.functions_hint')}</p>
          {FUNCTIONS.map((fn) => (
            <label class="check" key={fn}>
              <input
                type="checkbox"
                checked={policy.refused_functions.includes(fn)}
                onChange={(e) => edit({ refused_functions: withFunction(policy.refused_functions, fn, e.currentTarget.checked, FUNCTIONS) })}
              />
              <span>{t(FUNCTION_LABEL[fn])}</span>
            </label>
          ))}
          {errors.field('refused_functions') && <p class="field-error">{errors.field('refused_functions')}</p>}
        </fieldset>
        <Field
          id={inputId('min_account_age_days')}
          label={t('inbound.min_age_label')}
          hint={t('inbound.min_age_hint', { max: MIN_AGE_MAX_DAYS })}
          value={draft.minAgeText}
          onInput={(v) => {
            setSaved(false);
            setDraft((d) => ({ ...d, minAgeText: v }));
          }}
          error={errors.field('min_account_age_days')}
          inputMode="numeric"
          maxLength={3}
          class="field-narrow"
        />
      </section>

      <section class="card" aria-labelledby="inbound-juniors-heading">
        <h2 id="inbound-juniors-heading">{t('inbound.juniors_heading')}</h2>
        <div class="toggles">
          <Toggle
            id={inputId('juniors_need_introduction')}
            label={t('inbound.juniors_label')}
            hint={t('inbound.juniors_hint')}
            checked={policy.juniors_need_introduction}
            onChange={(on) => edit({ juniors_need_introduction: on })}
          />
        </div>
      </section>

      <section class="card" aria-labelledby="inbound-business-heading">
        <h2 id="inbound-business-heading">{t('inbound.business_heading')}</h2>
        <fieldset class="choices" id={inputId('business_asks')} tabIndex={-1} aria-labelledby="inbound-business-heading" aria-describedby="inbound-business-hint">
          <p class="hint" id="inbound-business-hint">
            {t('inbound.business_hint')}
          </p>
          {BUSINESS_ASKS_CHOICES.map((b) => (
            <label class="choice" key={b}>
              <input type="radio" name="inbound-business" value={b} checked={policy.business_asks === b} onChange={() => edit({ business_asks: b })} />
              <span>{t(BUSINESS_ASKS_LABEL[b])}</span>
            </label>
          ))}
        </fieldset>
      </section>

      <section class="card" aria-labelledby="inbound-list-heading">
        <h2 id="inbound-list-heading">{t('inbound.list_heading')}</h2>
        <SelectField
          id={inputId('connection_list')}
          label={t('inbound.list_label')}
          hint={t('inbound.list_hint')}
          value={policy.connection_list}
          options={CONNECTION_LIST_CHOICES.map((a) => ({ value: a, label: t(CONNECTION_LIST_LABEL[a]) }))}
          onChange={(v) => edit({ connection_list: v as ConnectionListAudience })}
          error={errors.field('connection_list')}
        />
      </section>

      <div class="form-actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('common.saving') : t('inbound.save')}
        </button>
      </div>
      <StatusRegion text={saved ? t('inbound.saved') : null} />
    </form>
  );
}

/** Who may reach the member, and how: the inbound filters, business asks, the connection list. */
export function InboundPolicyView() {
  const { t } = useI18n();
  const policy = useLoad(() => api.inboundPolicy());
  return (
    <Page title={t('inbound.title')} class="settings inbound">
      <p class="lead">{t('inbound.lead')}</p>
      <Loaded state={policy}>{(p) => <PolicyForm initial={p} />}</Loaded>
    </Page>
  );
}
