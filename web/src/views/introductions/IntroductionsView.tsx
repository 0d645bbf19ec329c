import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { INTRODUCTIONS_TABS, tabFromQuery, type IntroductionsTab } from '../../introductions/introductions';
import { PeoplePage } from '../relationships/PeoplePage';
import { AskedIntroductions } from './AskedIntroductions';
import { ReceivedIntroductions } from './ReceivedIntroductions';
import { SentIntroductions } from './SentIntroductions';

const TAB_LABEL: Readonly<Record<IntroductionsTab, MessageKey>> = {
  sent: 'introductions.tab_sent',
  asked: 'introductions.tab_asked',
  received: 'introductions.tab_received',
};

const TAB_HEADING: Readonly<Record<IntroductionsTab, MessageKey>> = {
  sent: 'introductions.sent_heading',
  asked: 'introductions.asked_heading',
  received: 'introductions.received_heading',
};

/**
 * `/connections/introductions`: the introductions the member asked for, those they were asked to
 * pass on, and those that reached them, one tab at a time; `?tab=asked|received` (a notification's
 * link) opens another tab than Sent.
 */
export function IntroductionsView() {
  const { t } = useI18n();
  const { query } = useLocation();
  const [tab, setTab] = useState<IntroductionsTab>(() => tabFromQuery(query.tab));
  useEffect(() => setTab(tabFromQuery(query.tab)), [query.tab]);
  return (
    <PeoplePage title={t('introductions.title')} lead={t('introductions.lead')}>
      <div class="segmented" role="group" aria-label={t('introductions.tabs_label')}>
        {INTRODUCTIONS_TABS.map((x) => (
          <button key={x} type="button" aria-pressed={tab === x} onClick={() => setTab(x)}>
            {t(TAB_LABEL[x])}
          </button>
        ))}
      </div>
      <section class="card" aria-labelledby="introductions-heading">
        <h2 id="introductions-heading" tabIndex={-1}>
          {t(TAB_HEADING[tab])}
        </h2>
        {tab === 'sent' && <SentIntroductions />}
        {tab === 'asked' && <AskedIntroductions />}
        {tab === 'received' && <ReceivedIntroductions />}
      </section>
    </PeoplePage>
  );
}
