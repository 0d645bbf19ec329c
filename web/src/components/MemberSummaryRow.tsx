import type { ComponentChildren } from 'preact';
import type { MemberSummary } from '../api/types';
import { useI18n } from '../i18n/context';
import { memberName } from '../relationships/requests';
import { Avatar } from './Avatar';
import { DegreeBadge } from './DegreeBadge';

/**
 * A member wherever a list shows one: photo, name (a link to their profile), degree badge and
 * headline, as much as the viewer may see. `meta` goes under the headline (a date, a kind).
 */
export function MemberSummaryRow({ member, meta }: { member: MemberSummary; meta?: ComponentChildren }) {
  const { t } = useI18n();
  const name = memberName(member, t('profile.unnamed'));
  return (
    <div class="member-summary">
      <Avatar name={name} photoUrl={member.photo_url} />
      <div class="member-summary-text">
        <p class="member-summary-name">
          <a href={`/members/${encodeURIComponent(member.id)}`}>{name}</a>
          <DegreeBadge degree={member.degree} />
        </p>
        {member.headline && <p class="member-summary-headline">{member.headline}</p>}
        {meta && <p class="member-summary-meta">{meta}</p>}
      </div>
    </div>
  );
}
