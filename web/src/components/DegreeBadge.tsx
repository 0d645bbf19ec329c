import type { Degree } from '../api/types';
import { useI18n } from '../i18n/context';
import { degreeBadge } from '../relationships/labels';

/**
 * How far a member is from the viewer: "1st", "2nd" or "3rd" (1次, 一度…), and nothing when
 * further or unknown. Screen readers hear the long form ("2nd-degree connection").
 */
export function DegreeBadge({ degree }: { degree: Degree | undefined }) {
  const { t } = useI18n();
  const badge = degreeBadge(degree);
  if (!badge) return null;
  return (
    <span class="degree-badge" data-degree={degree} title={t(badge.long)}>
      <span aria-hidden="true">{t(badge.short)}</span>
      <span class="visually-hidden">{t(badge.long)}</span>
    </span>
  );
}
