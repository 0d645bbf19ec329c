import type { Circle } from '../../api/types';
import { AudienceBadge } from '../../components/Audience';
import { useI18n } from '../../i18n/context';
import { groupByAudience, type AudienceGroup } from '../../profile/audience';
import type { ProfileForm } from '../../profile/form';
import { languageName } from '../../profile/format';
import { CONTACT_LABEL, labelOr } from '../../profile/labels';
import { isEmptyName, pickName } from '../../profile/names';

const MAX_ITEMS = 8;

/** The filled-in fields and entries of the form, labelled, with their audiences. */
export function useAudienceGroups(form: ProfileForm): AudienceGroup[] {
  const { t, locale } = useI18n();
  const items: { label: string; audience: ProfileForm['headline']['audience'] }[] = [];
  const field = (label: string, audience: ProfileForm['headline']['audience'], filled: boolean) => {
    if (filled) items.push({ label, audience });
  };
  field(t('profile.display_name'), form.display_name.audience, form.display_name.value.trim() !== '');
  field(t('profile.name'), form.name.audience, !isEmptyName(form.name.value));
  field(t('profile.photo'), form.photo.audience, form.photo.url !== null);
  field(t('profile.headline'), form.headline.audience, form.headline.value.trim() !== '');
  field(t('profile.location'), form.location.audience, form.location.value.trim() !== '');
  field(t('profile.about'), form.about.audience, form.about.value.trim() !== '');
  field(t('profile.career'), form.career.audience, true);
  for (const p of form.positions) {
    const what = p.title.trim() || pickName(p.company?.names, locale).text || t('editor.position_new');
    items.push({ label: t('editor.item_position', { what }), audience: p.audience });
  }
  for (const e of form.education) {
    const what = pickName(e.school?.names, locale).text || t('editor.education_new');
    items.push({ label: t('editor.item_education', { what }), audience: e.audience });
  }
  for (const l of form.languages) if (l.language) items.push({ label: languageName(l.language, locale), audience: l.audience });
  for (const s of form.skills) if (s.name.trim()) items.push({ label: s.name.trim(), audience: s.audience });
  for (const l of form.links) if (l.title.trim()) items.push({ label: l.title.trim(), audience: l.audience });
  for (const c of form.contacts) if (c.value.trim()) items.push({ label: labelOr(CONTACT_LABEL, c.kind, t), audience: c.audience });
  return groupByAudience(items);
}

/** "Who sees what": each audience, widest first, and what it sees. */
export function WhoSeesWhat({ form, circles }: { form: ProfileForm; circles: readonly Circle[] }) {
  const { t } = useI18n();
  const groups = useAudienceGroups(form);
  return (
    <section class="card who-sees" aria-labelledby="who-sees-heading">
      <h2 id="who-sees-heading">{t('editor.who_sees_heading')}</h2>
      <p class="hint">{t('editor.who_sees_hint')}</p>
      <ul class="who-sees-list">
        {groups.map((g) => {
          const shown = g.items.slice(0, MAX_ITEMS);
          const more = g.items.length - shown.length;
          return (
            <li key={g.audience}>
              <AudienceBadge audience={g.audience} circles={circles} />
              <span class="who-sees-items">
                {shown.join(t('common.list_separator'))}
                {more > 0 ? t('editor.and_more', { count: more }) : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <p>
        <a href="/profile/preview">{t('editor.preview_link')}</a>
      </p>
    </section>
  );
}
