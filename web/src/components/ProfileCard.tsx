import { Fragment, type ComponentChildren } from 'preact';
import type { MemberView } from '../api/types';
import { useI18n } from '../i18n/context';
import { countryName, formatMonthRange, formatSalary, languageName } from '../profile/format';
import {
  CAREER_STATUS_LABEL,
  CONTACT_LABEL,
  FUNCTION_LABEL,
  labelOr,
  LINK_LABEL,
  PROFICIENCY_LABEL,
  SENIORITY_LABEL,
} from '../profile/labels';
import { displayName, isEmptyName, pickName } from '../profile/names';
import { Avatar } from './Avatar';
import { DegreeBadge } from './DegreeBadge';
import { PinIcon } from './Icons';

/** The name a profile is titled with: the full name, else the display name. */
export function profileTitle(view: MemberView, locale: Parameters<typeof displayName>[1], fallback: string): string {
  if (view.name && !isEmptyName(view.name)) return displayName(view.name, locale).full;
  return view.display_name?.trim() || fallback;
}

/** A person's name in display order, with its reading above (ruby) where given. */
export function NameText({ view }: { view: MemberView }) {
  const { locale, t } = useI18n();
  if (!view.name || isEmptyName(view.name)) return <>{view.display_name?.trim() || t('profile.unnamed')}</>;
  const d = displayName(view.name, locale);
  return (
    <span lang={d.lang}>
      {d.parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && d.separator}
          {p.reading ? (
            <ruby>
              {p.text}
              <rp>(</rp>
              <rt>{p.reading}</rt>
              <rp>)</rp>
            </ruby>
          ) : (
            p.text
          )}
        </Fragment>
      ))}
    </span>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card profile-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A link that is only a link when the card is interactive (not in a preview). */
function MaybeLink({ href, interactive, children, external }: { href: string; interactive: boolean; children: ComponentChildren; external?: boolean }) {
  if (!interactive) return <span class="inert-link">{children}</span>;
  return external ? (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
      {children}
    </a>
  ) : (
    <a href={href}>{children}</a>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function contactHref(kind: string, value: string): string | undefined {
  if (kind === 'email') return `mailto:${value}`;
  if (kind === 'phone') return `tel:${value.replace(/[^\d+]/g, '')}`;
  return undefined;
}

/**
 * A profile as one viewer sees it (MemberView): whatever is absent is simply not shown.
 * `interactive={false}` (the view-as preview) renders links and contacts as plain text.
 * `headingLevel` 1 makes the name the page's heading. `actions` (what the viewer can do
 * towards the member) go right under the head, within reach on a phone.
 */
export function ProfileCard({
  view,
  interactive = true,
  headingLevel = 1,
  idPrefix = 'profile',
  actions,
}: {
  view: MemberView;
  interactive?: boolean;
  headingLevel?: 1 | 2;
  idPrefix?: string;
  actions?: ComponentChildren;
}) {
  const { t, locale } = useI18n();
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const name = view.name && !isEmptyName(view.name) ? displayName(view.name, locale) : undefined;
  const title = profileTitle(view, locale, t('profile.unnamed'));
  const showDisplayName = name && view.display_name && view.display_name.trim() !== name.full && view.display_name.trim() !== '';
  const present = t('profile.present');
  const sid = (s: string) => `${idPrefix}-${s}`;
  const salary = view.career
    ? formatSalary(view.career, locale, {
        from: (v) => t('career.salary_from', { amount: v }),
        upTo: (v) => t('career.salary_up_to', { amount: v }),
      })
    : undefined;

  return (
    <div class="profile">
      <header class="card profile-head">
        <Avatar name={title} photoUrl={view.photo_url} size="large" alt={t('profile.photo_alt', { name: title })} />
        <div class="profile-head-text">
          <div class="profile-name-row">
            <Heading class={headingLevel === 1 ? 'page-title profile-name' : 'profile-name'} tabIndex={headingLevel === 1 ? -1 : undefined}>
              <NameText view={view} />
            </Heading>
            <DegreeBadge degree={view.degree} />
          </div>
          {name?.latin && (
            <p class="profile-latin" lang="en">
              {name.latin}
            </p>
          )}
          {showDisplayName && <p class="profile-display-name">{view.display_name}</p>}
          {view.headline && <p class="profile-headline">{view.headline}</p>}
          {view.location && (
            <p class="profile-location">
              <PinIcon class="icon icon-small" />
              <span>{view.location}</span>
            </p>
          )}
        </div>
      </header>

      {actions}

      {view.about && (
        <Section id={sid('about')} title={t('profile.about')}>
          <p class="pre">{view.about}</p>
        </Section>
      )}

      {view.career && (
        <Section id={sid('career')} title={t('profile.career')}>
          <p>
            <span class="status-pill" data-status={view.career.status}>
              {labelOr(CAREER_STATUS_LABEL, view.career.status, t)}
            </span>
          </p>
          <dl class="facts">
            {view.career.roles.length > 0 && (
              <div>
                <dt>{t('career.roles')}</dt>
                <dd>{view.career.roles.join(t('common.list_separator'))}</dd>
              </div>
            )}
            {view.career.locations.length > 0 && (
              <div>
                <dt>{t('career.locations')}</dt>
                <dd>{view.career.locations.join(t('common.list_separator'))}</dd>
              </div>
            )}
            {salary && (
              <div>
                <dt>{t('career.salary')}</dt>
                <dd>{salary}</dd>
              </div>
            )}
          </dl>
        </Section>
      )}

      {view.positions.length > 0 && (
        <Section id={sid('positions')} title={t('profile.positions')}>
          <ol class="timeline">
            {view.positions.map((p) => {
              const company = pickName(p.company?.names, locale);
              return (
                <li key={p.id}>
                  <h3>{p.title}</h3>
                  {company.text && (
                    <p class="timeline-org" lang={company.lang}>
                      {company.text}
                    </p>
                  )}
                  <p class="timeline-meta">
                    {labelOr(FUNCTION_LABEL, p.function, t)} · {labelOr(SENIORITY_LABEL, p.seniority, t)}
                  </p>
                  <p class="timeline-meta">{formatMonthRange(p.start, p.end, locale, present)}</p>
                  {p.description && <p class="pre">{p.description}</p>}
                </li>
              );
            })}
          </ol>
        </Section>
      )}

      {view.education.length > 0 && (
        <Section id={sid('education')} title={t('profile.education')}>
          <ol class="timeline">
            {view.education.map((e) => {
              const school = pickName(e.school?.names, locale);
              const detail = [e.degree, e.field].filter(Boolean).join(' · ');
              const country = e.country || e.school?.country;
              return (
                <li key={e.id}>
                  <h3 lang={school.lang}>{school.text || t('profile.unnamed_school')}</h3>
                  {detail && <p class="timeline-org">{detail}</p>}
                  <p class="timeline-meta">
                    {formatMonthRange(e.start, e.end, locale, present)}
                    {country ? ` · ${countryName(country, locale)}` : ''}
                  </p>
                </li>
              );
            })}
          </ol>
        </Section>
      )}

      {view.languages.length > 0 && (
        <Section id={sid('languages')} title={t('profile.languages')}>
          <ul class="plain-list">
            {view.languages.map((l) => (
              <li key={l.id}>
                <span class="strong">{languageName(l.language, locale)}</span>
                <span class="muted"> · {labelOr(PROFICIENCY_LABEL, l.proficiency, t)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {view.skills.length > 0 && (
        <Section id={sid('skills')} title={t('profile.skills')}>
          <ul class="chips">
            {view.skills.map((s) => (
              <li key={s.id} class="chip">
                {s.name}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {view.links.length > 0 && (
        <Section id={sid('links')} title={t('profile.links')}>
          <ul class="plain-list link-list">
            {view.links.map((l) => (
              <li key={l.id}>
                <p class="link-title">
                  <MaybeLink href={l.url} interactive={interactive} external>
                    {l.title || hostOf(l.url)}
                  </MaybeLink>
                  {l.kind === 'project' && <span class="badge badge-quiet">{labelOr(LINK_LABEL, l.kind, t)}</span>}
                </p>
                <p class="muted small break">{hostOf(l.url)}</p>
                {l.description && <p class="pre">{l.description}</p>}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {view.contacts.length > 0 && (
        <Section id={sid('contacts')} title={t('profile.contacts')}>
          <dl class="facts">
            {view.contacts.map((c) => {
              const href = contactHref(c.kind, c.value);
              return (
                <div key={c.id}>
                  <dt>{labelOr(CONTACT_LABEL, c.kind, t)}</dt>
                  <dd class="break">
                    {href ? (
                      <MaybeLink href={href} interactive={interactive}>
                        {c.value}
                      </MaybeLink>
                    ) : (
                      c.value
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </Section>
      )}
    </div>
  );
}
