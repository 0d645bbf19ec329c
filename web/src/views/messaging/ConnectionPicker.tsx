import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { domId } from '../../components/domId';
import { Field } from '../../components/Field';
import { Loaded, useLoad } from '../../components/Loaded';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { useI18n } from '../../i18n/context';
import { memberName } from '../../relationships/requests';

/**
 * Chooses among the member's connections (GET /me/connections), those in `exclude` left out, at
 * most `max`: a filter by name and a checkbox per connection.
 */
export function ConnectionPicker({ idBase, exclude = [], picked, max, onChange }: {
  idBase: string;
  exclude?: readonly string[];
  picked: readonly string[];
  max: number;
  onChange: (picked: string[]) => void;
}) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const connections = useLoad(async () => (await api.connections()).connections);
  const full = picked.length >= max;
  return (
    <div class="connection-picker">
      <Loaded state={connections}>
        {(all) => {
          const candidates = all.filter((c) => !exclude.includes(c.member.id));
          if (candidates.length === 0) {
            return (
              <p class="muted">
                {t('new_group.no_connections')} <a href="/connections/card">{t('new_group.find_people')}</a>
              </p>
            );
          }
          const needle = filter.trim().toLocaleLowerCase();
          const shown = candidates.filter((c) => needle === '' || memberName(c.member, '').toLocaleLowerCase().includes(needle));
          return (
            <>
              {candidates.length > 8 && (
                <Field id={`${idBase}-filter`} label={t('new_group.filter_label')} type="search" value={filter} onInput={setFilter} />
              )}
              <p class="hint" role="status">
                {t('new_group.picked', { count: picked.length, max })}
              </p>
              <ul class="member-list pick-list">
                {shown.map(({ member }) => {
                  const id = domId(`${idBase}-pick`, member.id);
                  const checked = picked.includes(member.id);
                  return (
                    <li key={member.id} class="pick-row">
                      <input
                        type="checkbox"
                        id={id}
                        checked={checked}
                        disabled={!checked && full}
                        aria-label={memberName(member, t('profile.unnamed'))}
                        onChange={(e) =>
                          onChange(e.currentTarget.checked ? [...picked, member.id] : picked.filter((x) => x !== member.id))
                        }
                      />
                      <MemberSummaryRow member={member} />
                    </li>
                  );
                })}
              </ul>
            </>
          );
        }}
      </Loaded>
    </div>
  );
}
