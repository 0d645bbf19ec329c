// Message keys of the introduction enumerations, and the reasons a route is offered as sentences.
import type { AskedStatus, IntroductionPurpose, IntroductionReason, Locale, Names, ReceivedStatus, SentStatus } from '../api/types';
import type { Message } from '../i18n/fieldErrors';
import type { MessageKey } from '../i18n/translate';
import { pickName } from '../profile/names';

/** In the order the form offers them. */
export const PURPOSE_CHOICES: readonly IntroductionPurpose[] = ['advice', 'business', 'hiring', 'other'];

export const PURPOSE_LABEL: Readonly<Record<IntroductionPurpose, MessageKey>> = {
  advice: 'intro_purpose.advice',
  business: 'intro_purpose.business',
  hiring: 'intro_purpose.hiring',
  other: 'intro_purpose.other',
};

/** The requester's three states: a lapsed, declined or ignored introduction all read `pending`. */
export const SENT_INTRODUCTION_STATUS_LABEL: Readonly<Record<SentStatus, MessageKey>> = {
  pending: 'intro_status.pending',
  accepted: 'intro_status.accepted',
  expired: 'intro_status.expired',
};

export const ASKED_STATUS_LABEL: Readonly<Record<AskedStatus, MessageKey>> = {
  waiting: 'intro_status.asked_waiting',
  forwarded: 'intro_status.forwarded',
  lapsed: 'intro_status.lapsed',
};

export const RECEIVED_STATUS_LABEL: Readonly<Record<ReceivedStatus, MessageKey>> = {
  waiting: 'intro_status.received_waiting',
  accepted: 'intro_status.accepted',
  declined: 'intro_status.declined',
  expired: 'intro_status.expired',
};

/**
 * A reason as a sentence about the intermediary who knows the target, e.g. "Worked with you both
 * at {company}", companies and schools named in the UI language; `target` is the target's name as
 * the page shows it. Undefined for a reason this client does not know, which is then left out.
 */
export function reasonMessage(reason: IntroductionReason, target: string, locale: Locale): Message | undefined {
  const nameOf = (names: Names) => pickName(names, locale).text;
  switch (reason.code) {
    case 'knows_you_well':
      return { key: 'intro_reason.knows_you_well' };
    case 'worked_with_both':
      return { key: 'intro_reason.worked_with_both', params: { company: nameOf(reason.company.names) } };
    case 'works_with_target':
      return { key: 'intro_reason.works_with_target', params: { company: nameOf(reason.company.names), target } };
    case 'studied_with_target':
      return { key: 'intro_reason.studied_with_target', params: { school: nameOf(reason.school.names), target } };
    case 'senior_to_target':
      return { key: 'intro_reason.senior_to_target', params: { target } };
    case 'peer_of_target':
      return { key: 'intro_reason.peer_of_target', params: { target } };
    default:
      return undefined;
  }
}
