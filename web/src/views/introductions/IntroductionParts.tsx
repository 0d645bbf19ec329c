import type { ComponentChildren } from 'preact';
import type { IntroductionPurpose, MemberSummary, Vouch } from '../../api/types';
import { CharCount, TextAreaField, type TextAreaFieldProps } from '../../components/Field';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { Loaded, type Loadable } from '../../components/Loaded';
import { MemberSummaryRow } from '../../components/MemberSummaryRow';
import { QuotedNote } from '../../components/QuotedNote';
import { StatusPill } from '../../components/StatusPill';
import type { ActionStatus } from '../../components/useActionStatus';
import { useI18n } from '../../i18n/context';
import { INTRODUCTION_NOTE_MAX } from '../../introductions/introductions';
import { PURPOSE_LABEL } from '../../introductions/labels';
import { charCount } from '../../relationships/requests';

/**
 * One tab of Introductions: its hint, the outcome of the last action on an item, then the
 * introductions in `list`, each an item of what `children` renders, or `empty` when there are none.
 */
export function IntroductionTab<T extends { id: string }>({ hint, empty, list, actions, children }: {
  hint: string;
  empty: string;
  list: Loadable<T[]>;
  actions: ActionStatus;
  children: (introduction: T) => ComponentChildren;
}) {
  return (
    <>
      <p class="hint">{hint}</p>
      <StatusRegion text={actions.status} />
      <ErrorRegion text={actions.error} />
      <Loaded state={list}>
        {(introductions) =>
          introductions.length === 0 ? (
            <p class="muted">{empty}</p>
          ) : (
            <ul class="member-list">
              {introductions.map((x) => (
                <li key={x.id} class="member-item">
                  {children(x)}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}

/** What the requester wants the introduction for: advice, business, hiring, other. */
function PurposeBadge({ purpose }: { purpose: IntroductionPurpose }) {
  const { t } = useI18n();
  return (
    <span class="badge badge-quiet" data-purpose={purpose}>
      {t(PURPOSE_LABEL[purpose])}
    </span>
  );
}

/**
 * The top of an introduction in a list: `member`, the one it is about for this viewer, then its
 * purpose, where it stands (`statusLabel`), and `when`.
 */
export function IntroductionSummaryRow({ member, introduction, statusLabel, when }: {
  member: MemberSummary;
  introduction: { purpose: IntroductionPurpose; status: string };
  statusLabel: string;
  when: string;
}) {
  const { purpose, status } = introduction;
  return (
    <MemberSummaryRow
      member={member}
      meta={
        <>
          <PurposeBadge purpose={purpose} />{' '}
          <StatusPill status={status} label={statusLabel} />{' '}
          {when}
        </>
      }
    />
  );
}

/** The intermediaries who passed it on, each with their vouching note, in order. */
export function Vouches({ vouches }: { vouches: readonly Vouch[] }) {
  const { t } = useI18n();
  if (vouches.length === 0) return null;
  return (
    <ul class="vouch-list" aria-label={t('introductions.vouches_label')}>
      {vouches.map((v) => (
        <li key={v.by.id} class="vouch">
          <MemberSummaryRow member={v.by} meta={t('introductions.vouches_for')} />
          <QuotedNote note={v.note} />
        </li>
      ))}
    </ul>
  );
}

/** A note that travels with an introduction (the request's, or a vouch), with its length counted. */
export function IntroductionNoteField(props: Omit<TextAreaFieldProps, 'maxLength' | 'rows' | 'aside'>) {
  return (
    <TextAreaField
      {...props}
      maxLength={INTRODUCTION_NOTE_MAX}
      rows={4}
      aside={<CharCount count={charCount(props.value.trim())} max={INTRODUCTION_NOTE_MAX} />}
    />
  );
}
