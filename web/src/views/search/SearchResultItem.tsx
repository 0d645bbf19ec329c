import type { SearchResult } from '../../api/types';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { useI18n } from '../../i18n/context';
import { matchLabels } from '../../search/labels';

/** One member found: photo, name (a link to the profile), degree badge, headline, mutual connections and what matched. */
export function SearchResultItem({ result }: { result: SearchResult }) {
  const { t } = useI18n();
  const matched = matchLabels(result.matched ?? []);
  const meta =
    result.mutual_count !== undefined || matched.length > 0 ? (
      <>
        {result.mutual_count !== undefined && <span class="search-mutual">{t('search.mutual_count', { count: result.mutual_count })}</span>}
        {matched.length > 0 && (
          <span class="search-matched">{t('search.matched', { fields: matched.map((k) => t(k)).join(t('common.list_separator')) })}</span>
        )}
      </>
    ) : undefined;
  return (
    <li class="member-item search-result">
      <MemberSummaryRow member={result.member} meta={meta} />
    </li>
  );
}
