import type { Audience as AudienceValue, Circle } from '../api/types';
import { useI18n } from '../i18n/context';
import { audienceKind, audienceLabel, audienceOptions, type AudienceKind } from '../profile/audience';
import {
  ChatIcon,
  CircleIcon,
  GlobeIcon,
  LinkIcon,
  LockIcon,
  NetworkIcon,
  StarIcon,
  UsersIcon,
  WaveIcon,
} from './Icons';

const ICONS: Record<AudienceKind, (p: { class?: string }) => preact.JSX.Element> = {
  public: GlobeIcon,
  members: UsersIcon,
  network2: NetworkIcon,
  greeted: WaveIcon,
  conversing: ChatIcon,
  connections: LinkIcon,
  trusted: StarIcon,
  circle: CircleIcon,
  only_me: LockIcon,
};

export function AudienceIcon({ audience, class: cls }: { audience: AudienceValue | string; class?: string }) {
  const Icon = ICONS[audienceKind(audience)];
  return <Icon class={cls ?? 'icon icon-small'} />;
}

/** Icon and short label of an audience, read-only. */
export function AudienceBadge({ audience, circles }: { audience: AudienceValue; circles: readonly Circle[] }) {
  const { t } = useI18n();
  return (
    <span class="audience-badge" data-kind={audienceKind(audience)}>
      <AudienceIcon audience={audience} />
      <span>{audienceLabel(audience, circles, t)}</span>
    </span>
  );
}

/**
 * The audience control of one field or entry: a compact native select showing the icon
 * and short label of the current audience. Native, so phones open their own picker.
 */
export function AudienceSelect(props: {
  id: string;
  value: AudienceValue;
  onChange: (value: AudienceValue) => void;
  circles: readonly Circle[];
  /** What this control is for, e.g. "Headline" (it is labelled "Who can see: Headline"). */
  what: string;
  error?: string | undefined;
  /** Leaves "public" out: job-seeking data is never public (the shield must know the reader). */
  notPublic?: boolean;
}) {
  const { t } = useI18n();
  const options = audienceOptions(props.circles).filter((a) => !(props.notPublic && a === 'public'));
  // Keep an audience the list does not offer (a circle not loaded) selectable as it is.
  if (!options.includes(props.value)) options.splice(options.length - 1, 0, props.value);
  return (
    <span class={props.error ? 'audience audience-invalid' : 'audience'} data-kind={audienceKind(props.value)}>
      <AudienceIcon audience={props.value} class="icon audience-icon" />
      <select
        id={props.id}
        value={props.value}
        aria-label={t('audience.control_label', { what: props.what })}
        title={audienceLabel(props.value, props.circles, t, 'long')}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value as AudienceValue)}
      >
        {options.map((a) => (
          <option key={a} value={a}>
            {audienceLabel(a, props.circles, t)}
          </option>
        ))}
      </select>
      {props.error && (
        <span class="field-error audience-error" id={`${props.id}-error`}>
          {props.error}
        </span>
      )}
    </span>
  );
}
