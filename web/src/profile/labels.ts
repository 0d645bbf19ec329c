// Message keys of the profile's enumerations.
import type { CareerStatus, ContactKind, JobFunction, LinkKind, Proficiency, Seniority } from '../api/types';
import type { MessageKey } from '../i18n/translate';

export const FUNCTION_LABEL: Readonly<Record<JobFunction, MessageKey>> = {
  engineering: 'function.engineering',
  design: 'function.design',
  product: 'function.product',
  research: 'function.research',
  operations: 'function.operations',
  finance: 'function.finance',
  legal: 'function.legal',
  marketing: 'function.marketing',
  sales: 'function.sales',
  recruiting: 'function.recruiting',
  headhunting: 'function.headhunting',
  human_resources: 'function.human_resources',
  education: 'function.education',
  healthcare: 'function.healthcare',
  consulting: 'function.consulting',
  management: 'function.management',
  other: 'function.other',
};

export const SENIORITY_LABEL: Readonly<Record<Seniority, MessageKey>> = {
  intern: 'seniority.intern',
  entry: 'seniority.entry',
  mid: 'seniority.mid',
  senior: 'seniority.senior',
  lead: 'seniority.lead',
  manager: 'seniority.manager',
  director: 'seniority.director',
  executive: 'seniority.executive',
};

export const PROFICIENCY_LABEL: Readonly<Record<Proficiency, MessageKey>> = {
  elementary: 'proficiency.elementary',
  working: 'proficiency.working',
  professional: 'proficiency.professional',
  native: 'proficiency.native',
};

export const CAREER_STATUS_LABEL: Readonly<Record<CareerStatus, MessageKey>> = {
  not_looking: 'career.not_looking',
  open: 'career.open',
  actively_looking: 'career.actively_looking',
};

export const CONTACT_LABEL: Readonly<Record<ContactKind, MessageKey>> = {
  email: 'contact.email',
  phone: 'contact.phone',
  line: 'contact.line',
  wechat: 'contact.wechat',
};

export const LINK_LABEL: Readonly<Record<LinkKind, MessageKey>> = {
  link: 'link_kind.link',
  project: 'link_kind.project',
};

/** A label for a value the contract may grow (an unknown function shows as it came). */
export function labelOr<K extends string>(table: Readonly<Record<K, MessageKey>>, value: string, t: (k: MessageKey) => string): string {
  const key = (table as Record<string, MessageKey>)[value];
  return key ? t(key) : value;
}
