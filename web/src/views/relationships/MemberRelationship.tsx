import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { IntroductionRoutes, MemberSummary, MemberView, RequestKind, Stage } from '../../api/types';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { focusSoon } from '../../components/focus';
import { BlockIcon, LinkIcon, NetworkIcon, WaveIcon } from '../../components/Icons';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { useActionStatus } from '../../components/useActionStatus';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { introductionOffer, introductionsHref } from '../../introductions/introductions';
import { isConnected, memberName, offeredRequests, sentMessageKey, stageAfter } from '../../relationships/requests';
import { IntroductionForm } from '../introductions/IntroductionForm';
import { RequestForm } from './RequestForm';

const STAGE_TEXT: Partial<Record<Stage, MessageKey>> = {
  greeted: 'relation.stage_greeted',
  conversing: 'relation.stage_conversing',
  connected: 'relation.stage_connected',
  trusted: 'relation.stage_connected',
};

type Open = RequestKind | 'introduction' | 'block' | null;

const FIRST_INPUT: Readonly<Record<Exclude<Open, null>, string>> = {
  greeting: 'member-greeting-note',
  connection: 'member-connection-provenance',
  introduction: 'member-introduction-intermediaries',
  block: 'member-block-confirm',
};

/**
 * What the viewer can do towards a member on their profile, by the stage between them: greet,
 * ask to connect, get introduced (2 or 3 hops away, along `introductions`, the routes the server
 * offered), or (when connected) go to their private note; and block, always. When the server
 * suggests an introduction (the member is far senior), it comes first and greeting and connecting
 * are quieter. `name` is the member's name as the page shows it; `mutuals` may name an introducer.
 */
export function MemberRelationship({ view, name, mutuals, introductions, onBlocked }: {
  view: MemberView;
  name: string;
  mutuals: readonly MemberSummary[];
  introductions: IntroductionRoutes | null;
  onBlocked: () => void;
}) {
  const { t } = useI18n();
  const [stage, setStage] = useState<Stage | undefined>(view.stage);
  const [open, setOpen] = useState<Open>(null);
  // Kinds sent from this page: not offered again (the server would answer "already sent").
  const [sent, setSent] = useState<readonly (RequestKind | 'introduction')[]>([]);
  const actions = useActionStatus('request');
  const offered = offeredRequests(stage).filter((k) => !sent.includes(k));
  const stageText = stage ? STAGE_TEXT[stage] : undefined;
  const offer = sent.includes('introduction') ? 'none' : introductionOffer(view.degree, introductions);
  const suggested = offer === 'suggested';

  function start(next: Open) {
    setOpen(next);
    actions.announce(null);
    if (next !== null) focusSoon(FIRST_INPUT[next]);
  }

  const introduce = offer !== 'none' && (
    <button
      type="button"
      class={suggested ? 'btn btn-primary' : 'btn btn-secondary'}
      aria-expanded={open === 'introduction'}
      onClick={() => start('introduction')}
    >
      <NetworkIcon class="icon icon-small" />
      {t('introductions.get_introduced')}
    </button>
  );

  return (
    <section class="card member-relationship" aria-labelledby="member-relationship-heading">
      <h2 id="member-relationship-heading" tabIndex={-1} class="visually-hidden">
        {t('relation.heading')}
      </h2>
      {stageText && <p class="stage-line">{t(stageText)}</p>}
      {suggested && <p class="hint intro-suggested">{t('introductions.suggested_hint', { name })}</p>}
      <div class="form-actions">
        {suggested && introduce}
        {offered.includes('greeting') && (
          <button
            type="button"
            class={suggested ? 'btn btn-link' : 'btn btn-secondary'}
            aria-expanded={open === 'greeting'}
            onClick={() => start('greeting')}
          >
            <WaveIcon class="icon icon-small" />
            {t('relation.greet')}
          </button>
        )}
        {offered.includes('connection') && (
          <button
            type="button"
            class={suggested ? 'btn btn-link' : 'btn btn-primary'}
            aria-expanded={open === 'connection'}
            onClick={() => start('connection')}
          >
            <LinkIcon class="icon icon-small" />
            {t('relation.connect')}
          </button>
        )}
        {!suggested && introduce}
        {isConnected(stage) && (
          <a class="btn btn-secondary" href="/connections">
            {t('relation.private_note_link')}
          </a>
        )}
        <button type="button" id="member-block" class="btn btn-link btn-danger-link" aria-expanded={open === 'block'} onClick={() => start('block')}>
          <BlockIcon class="icon icon-small" />
          {t('relation.block')}
        </button>
      </div>
      {(open === 'greeting' || open === 'connection') && (
        <RequestForm
          key={open}
          idBase={`member-${open}`}
          to={view.id}
          kind={open}
          introducers={mutuals}
          onSent={(request) => {
            setSent((kinds) => [...kinds, request.kind]);
            setStage((s) => stageAfter(request, s));
            setOpen(null);
            actions.announce({ key: sentMessageKey(request), params: { name } });
            focusSoon('member-relationship-heading');
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      {open === 'introduction' && introductions && (
        <IntroductionForm
          idBase="member-introduction"
          target={view.id}
          targetName={name}
          routes={introductions.routes}
          onSent={(introduction) => {
            setSent((kinds) => [...kinds, 'introduction']);
            setOpen(null);
            const first = introduction.intermediaries[0];
            actions.announce(
              first
                ? { key: 'introductions.requested', params: { name, intermediary: memberName(first, t('profile.unnamed')) } }
                : { key: 'introductions.requested_network', params: { name } },
            );
            focusSoon('member-relationship-heading');
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      {open === 'block' && (
        <ConfirmPanel
          id="member-block"
          tone="danger"
          title={t('relation.block_title', { name })}
          confirmLabel={t('relation.block_confirm')}
          busy={actions.busy !== null}
          onConfirm={() =>
            void actions.run('block', async () => {
              await api.block(view.id);
              onBlocked();
            })
          }
          onCancel={() => {
            setOpen(null);
            focusSoon('member-block');
          }}
        >
          <p>{t('relation.block_text')}</p>
        </ConfirmPanel>
      )}
      <StatusRegion text={actions.status} />
      {sent.includes('introduction') && (
        <p>
          <a href={introductionsHref('sent')}>{t('introductions.follow_link')}</a>
        </p>
      )}
      <ErrorRegion text={actions.error} />
    </section>
  );
}

/** The mutual connections the viewer may see, when there are any. */
export function MutualsSection({ mutuals }: { mutuals: readonly MemberSummary[] }) {
  const { t } = useI18n();
  if (mutuals.length === 0) return null;
  return (
    <section class="card" aria-labelledby="member-mutuals-heading">
      <h2 id="member-mutuals-heading">{t('relation.mutuals_heading', { count: mutuals.length })}</h2>
      <ul class="member-list member-list-compact">
        {mutuals.map((m) => (
          <li key={m.id}>
            <MemberSummaryRow member={m} />
          </li>
        ))}
      </ul>
    </section>
  );
}
