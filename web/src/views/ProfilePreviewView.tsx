import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { isApiError } from '../api/errors';
import type { PreviewResponse, PreviewViewer } from '../api/types';
import { Field } from '../components/Field';
import { EyeIcon } from '../components/Icons';
import { ErrorRegion } from '../components/Live';
import { Page } from '../components/Page';
import { ProfileCard } from '../components/ProfileCard';
import { useFormErrors } from '../components/useFormErrors';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';

type ViewerClass = 'signed_out' | 'member' | 'network2' | 'connection' | 'employer' | 'specific';

const CLASSES: readonly ViewerClass[] = ['signed_out', 'member', 'network2', 'connection', 'employer', 'specific'];

const CHOICE: Record<ViewerClass, MessageKey> = {
  signed_out: 'preview.as_signed_out',
  member: 'preview.as_member',
  network2: 'preview.as_network2',
  connection: 'preview.as_connection',
  employer: 'preview.as_employer',
  specific: 'preview.as_specific',
};

const BANNER: Record<ViewerClass, MessageKey> = {
  signed_out: 'preview.banner_signed_out',
  member: 'preview.banner_member',
  network2: 'preview.banner_network2',
  connection: 'preview.banner_connection',
  employer: 'preview.banner_employer',
  specific: 'preview.banner_specific',
};

/** The `as` parameter of GET /me/profile/preview for a viewer class. */
export function previewViewer(kind: ViewerClass, memberId: string): PreviewViewer {
  return kind === 'specific' ? `member:${memberId.trim()}` : kind;
}

/**
 * "View as": the member's saved profile exactly as one kind of viewer gets it, read-only
 * (links and contacts are plain text here).
 */
export function ProfilePreviewView() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ViewerClass>('connection');
  const [memberId, setMemberId] = useState('');
  const [asked, setAsked] = useState<{ kind: ViewerClass; id: string } | null>({ kind: 'connection', id: '' });
  const [result, setResult] = useState<{ kind: ViewerClass; id: string; answer: PreviewResponse } | null>(null);
  const [loading, setLoading] = useState(false);
  const errors = useFormErrors(() => 'preview-member', (f) => f === 'as');
  const seq = useRef(0);

  useEffect(() => {
    if (!asked) return;
    const mine = ++seq.current;
    setLoading(true);
    errors.clear();
    api
      .preview(previewViewer(asked.kind, asked.id))
      .then((answer) => {
        if (mine === seq.current) setResult({ ...asked, answer });
      })
      .catch((e) => {
        if (mine !== seq.current) return;
        setResult(null);
        // An unknown member id looks like any member we may not see.
        if (asked.kind === 'specific' && isApiError(e) && (e.code === 'not_found' || e.code === 'invalid_argument')) {
          errors.showLocal({ as: 'preview.member_not_found' });
        } else {
          errors.showError(e, 'other');
        }
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, [asked]);

  function choose(next: ViewerClass) {
    setKind(next);
    if (next !== 'specific') setAsked({ kind: next, id: '' });
    else if (memberId.trim()) setAsked({ kind: next, id: memberId });
    else setResult(null);
  }

  return (
    <Page title={t('preview.title')} class="preview">
      <p class="lead">{t('preview.lead')}</p>
      <section class="card" aria-labelledby="preview-as">
        <h2 id="preview-as">{t('preview.as_heading')}</h2>
        <fieldset class="choices choices-wrap" aria-labelledby="preview-as">
          {CLASSES.map((c) => (
            <label class="choice" key={c}>
              <input type="radio" name="preview-as" value={c} checked={kind === c} onChange={() => choose(c)} />
              <span>{t(CHOICE[c])}</span>
            </label>
          ))}
        </fieldset>
        {kind === 'specific' && (
          <form
            class="inline-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (errors.showLocal({ as: memberId.trim() === '' ? 'errors.required' : undefined })) return;
              setAsked({ kind: 'specific', id: memberId });
            }}
          >
            <Field
              id="preview-member"
              label={t('preview.member_id')}
              hint={t('preview.member_id_hint')}
              value={memberId}
              onInput={setMemberId}
              error={errors.field('as')}
              autoCapitalize="off"
              spellcheck={false}
            />
            <button type="submit" class="btn btn-secondary">
              {t('preview.show')}
            </button>
          </form>
        )}
        <ErrorRegion text={errors.form} />
      </section>

      {loading && !result && (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {result && (
        <div class="preview-result" aria-busy={loading ? 'true' : undefined}>
          <div class="preview-banner" role="status">
            <EyeIcon class="icon" />
            <p>{t(BANNER[result.kind], { id: result.id.trim() })}</p>
          </div>
          {result.answer.profile ? (
            <ProfileCard view={result.answer.profile} interactive={false} headingLevel={2} idPrefix="preview" />
          ) : (
            <div class="card preview-hidden">
              <p class="strong">{t('preview.hidden')}</p>
              <p class="muted">{t('preview.hidden_hint')}</p>
            </div>
          )}
        </div>
      )}
      <p class="page-actions">
        <a class="btn btn-secondary btn-small" href="/profile/edit">
          {t('preview.back_to_editor')}
        </a>
      </p>
    </Page>
  );
}
