import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Delivery, MessagingPreferences, NotificationCategory, NotificationSettingsAnswer } from '../../api/types';
import { Field, SelectField, Toggle } from '../../components/Field';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { Loaded, useLoad } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { useFormErrors } from '../../components/useFormErrors';
import { useSubmit } from '../../components/useSubmit';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { CATEGORY_LABEL, DELIVERY_CHOICES, DELIVERY_HINT, DELIVERY_LABEL, NOTIFICATION_CATEGORIES } from '../../notifications/labels';
import {
  BUDGET_MAX,
  deviceTimeZone,
  settingsDraft,
  settingsFromDraft,
  timeZoneChoices,
  type SettingsDraft,
} from '../../notifications/settings';

/** The input of a field path of the settings document. */
function inputId(path: string): string {
  const budget = /^categories\.(\w+)\.daily_budget$/.exec(path);
  if (budget) return `notify-${budget[1]}-budget`;
  const delivery = /^categories\.(\w+)/.exec(path);
  if (delivery) return `notify-${delivery[1]}-delivery`;
  if (path === 'quiet_hours.start' || path === 'quiet_hours') return 'notify-quiet-start';
  if (path === 'quiet_hours.end') return 'notify-quiet-end';
  if (path === 'time_zone') return 'notify-time-zone';
  return 'notify-form';
}

function CategoryRow({ category, value, error, onChange }: {
  category: NotificationCategory;
  value: SettingsDraft['categories'][NotificationCategory];
  error: string | undefined;
  onChange: (v: SettingsDraft['categories'][NotificationCategory]) => void;
}) {
  const { t } = useI18n();
  return (
    <div class="notify-category">
      <SelectField
        id={`notify-${category}-delivery`}
        label={t(CATEGORY_LABEL[category])}
        value={value.delivery}
        options={DELIVERY_CHOICES.map((d) => ({ value: d, label: t(DELIVERY_LABEL[d]) }))}
        onChange={(v) => onChange({ ...value, delivery: v as Delivery })}
      />
      {value.delivery === 'real_time' && (
        <Field
          id={`notify-${category}-budget`}
          label={t('notify_settings.budget_label')}
          value={value.budget}
          inputMode="numeric"
          maxLength={3}
          class="field-narrow"
          onInput={(v) => onChange({ ...value, budget: v })}
          error={error}
        />
      )}
    </div>
  );
}

function SettingsForm({ initial }: { initial: NotificationSettingsAnswer }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraft(initial));
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors(inputId);
  const device = deviceTimeZone();
  const zones = timeZoneChoices(draft.timeZone, device);
  const edit = (change: Partial<SettingsDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };

  const { busy, submit: save } = useSubmit(errors, 'notification_settings', {
    check: () => {
      setSaved(false);
      const checked = settingsFromDraft(draft);
      return 'problems' in checked ? checked.problems : {};
    },
    send: async () => {
      const checked = settingsFromDraft(draft);
      if ('settings' in checked) {
        setDraft(settingsDraft(await api.saveNotificationSettings(checked.settings)));
        setSaved(true);
      }
    },
  });

  return (
    <form class="form" id="notify-form" onSubmit={save} noValidate tabIndex={-1}>
      <ErrorRegion text={errors.form} />
      <section class="card" aria-labelledby="notify-categories-heading">
        <h2 id="notify-categories-heading">{t('notify_settings.categories_heading')}</h2>
        <p class="hint">{t('notify_settings.categories_hint')}</p>
        <dl class="notify-modes">
          {DELIVERY_CHOICES.map((d) => (
            <div key={d}>
              <dt>{t(DELIVERY_LABEL[d])}</dt>
              <dd>{t(DELIVERY_HINT[d])}</dd>
            </div>
          ))}
        </dl>
        <p class="hint">{t('notify_settings.budget_hint', { max: BUDGET_MAX })}</p>
        {NOTIFICATION_CATEGORIES.map((c) => (
          <CategoryRow
            key={c}
            category={c}
            value={draft.categories[c]}
            error={errors.field(`categories.${c}.daily_budget`)}
            onChange={(v) => edit({ categories: { ...draft.categories, [c]: v } })}
          />
        ))}
      </section>

      <section class="card" aria-labelledby="notify-time-heading">
        <h2 id="notify-time-heading">{t('notify_settings.time_heading')}</h2>
        <SelectField
          id="notify-time-zone"
          label={t('notify_settings.time_zone_label')}
          hint={t('notify_settings.time_zone_hint')}
          value={draft.timeZone}
          options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          onChange={(v) => edit({ timeZone: v })}
          error={errors.field('time_zone')}
        />
        {device && device !== draft.timeZone && (
          <p>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => edit({ timeZone: device })}>
              {t('notify_settings.use_device_zone', { zone: device.replace(/_/g, ' ') })}
            </button>
          </p>
        )}
        <div class="toggles">
          <Toggle
            id="notify-quiet"
            label={t('notify_settings.quiet_label')}
            hint={t('notify_settings.quiet_hint')}
            checked={draft.quietOn}
            onChange={(on) => edit({ quietOn: on })}
          />
        </div>
        {draft.quietOn && (
          <div class="pair">
            <Field
              id="notify-quiet-start"
              label={t('notify_settings.quiet_start')}
              type="time"
              value={draft.quietStart}
              onInput={(v) => edit({ quietStart: v })}
              error={errors.field('quiet_hours.start')}
            />
            <Field
              id="notify-quiet-end"
              label={t('notify_settings.quiet_end')}
              type="time"
              value={draft.quietEnd}
              onInput={(v) => edit({ quietEnd: v })}
              error={errors.field('quiet_hours.end')}
            />
          </div>
        )}
      </section>

      <section class="card" aria-labelledby="notify-email-heading">
        <h2 id="notify-email-heading">{t('notify_settings.email_heading')}</h2>
        <div class="toggles">
          <Toggle
            id="notify-email-digest"
            label={t('notify_settings.email_label')}
            hint={t(draft.emailDigestAvailable ? 'notify_settings.email_hint' : 'notify_settings.email_unavailable')}
            checked={draft.emailDigest}
            // One already on may always be turned off.
            disabled={!draft.emailDigestAvailable && !draft.emailDigest}
            onChange={(on) => edit({ emailDigest: on })}
          />
        </div>
      </section>

      <div class="form-actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('common.saving') : t('notify_settings.save')}
        </button>
      </div>
      <StatusRegion text={saved ? t('notify_settings.saved') : null} />
    </form>
  );
}

const MESSAGING_TOGGLES: readonly { key: keyof MessagingPreferences; label: MessageKey; hint: MessageKey }[] = [
  { key: 'read_receipts', label: 'notify_settings.read_receipts', hint: 'notify_settings.read_receipts_hint' },
  { key: 'typing_indicators', label: 'notify_settings.typing', hint: 'notify_settings.typing_hint' },
];

/** Read receipts and typing indicators: each switch saves at once. */
function MessagingSection() {
  const { t } = useI18n();
  const prefs = useLoad(() => api.messagingPreferences());
  const errors = useFormErrors(() => '', () => false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState<keyof MessagingPreferences | null>(null);

  async function change(current: MessagingPreferences, key: keyof MessagingPreferences, on: boolean) {
    if (busy) return;
    setStatus(null);
    errors.clear();
    setBusy(key);
    try {
      const saved = await api.saveMessagingPreferences({ ...current, [key]: on });
      prefs.setData(() => saved);
      setStatus('notify_settings.saved');
    } catch (e) {
      errors.showError(e, 'other');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="card" aria-labelledby="messaging-prefs-heading">
      <h2 id="messaging-prefs-heading">{t('notify_settings.messaging_heading')}</h2>
      <p class="hint">{t('notify_settings.messaging_hint')}</p>
      <Loaded state={prefs}>
        {(p) => (
          <div class="toggles">
            {MESSAGING_TOGGLES.map(({ key, label, hint }) => (
              <Toggle key={key} id={`messaging-${key}`} label={t(label)} hint={t(hint)} checked={p[key]} busy={busy === key} onChange={(on) => void change(p, key, on)} />
            ))}
          </div>
        )}
      </Loaded>
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={errors.form} />
    </section>
  );
}

/** `/settings/notifications`: how each kind of notification reaches the member, and messaging privacy. */
export function NotificationSettingsView() {
  const { t } = useI18n();
  const settings = useLoad(() => api.notificationSettings());
  return (
    <Page title={t('notify_settings.title')} class="settings notify-settings">
      <p class="lead">{t('notify_settings.lead')}</p>
      <Loaded state={settings}>{(s) => <SettingsForm initial={s} />}</Loaded>
      <MessagingSection />
    </Page>
  );
}
