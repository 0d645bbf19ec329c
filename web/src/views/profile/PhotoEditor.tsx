import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Audience, Circle, ImageType } from '../../api/types';
import { AudienceSelect } from '../../components/Audience';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { initials } from '../../profile/format';

export const IMAGE_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp'];
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** Checks a chosen image before uploading it; the message key when it cannot be sent. */
export function imageProblem(file: { type: string; size: number }): MessageKey | undefined {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return 'errors.image_type';
  if (file.size > IMAGE_MAX_BYTES) return 'errors.image_too_large';
  return undefined;
}

/**
 * An image upload button: checks type and size, sends the file as it is (PUT with its own
 * Content-Type), and reports back. Used for the profile photo and persona avatars.
 */
export function ImageUpload(props: {
  id: string;
  label: string;
  upload: (file: File, type: ImageType) => Promise<void>;
  onError: (key: MessageKey | null, error?: unknown) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <span class="file-button">
      <input
        id={props.id}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        class="visually-hidden"
        disabled={busy}
        onChange={async (e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          input.value = '';
          if (!file) return;
          const problem = imageProblem(file);
          if (problem) {
            props.onError(problem);
            return;
          }
          props.onError(null);
          setBusy(true);
          try {
            await props.upload(file, file.type as ImageType);
          } catch (err) {
            props.onError(null, err);
          } finally {
            setBusy(false);
          }
        }}
      />
      <label for={props.id} class="btn btn-secondary btn-small" aria-disabled={busy ? 'true' : undefined}>
        {busy ? t('editor.photo_uploading') : props.label}
      </label>
    </span>
  );
}

/** The profile photo: uploaded and removed at once; its audience is saved with the profile. */
export function PhotoEditor(props: {
  url: string | null;
  audience: Audience;
  circles: readonly Circle[];
  name: string;
  onUrl: (url: string | null) => void;
  onAudience: (a: Audience) => void;
  audienceError?: string | undefined;
}) {
  const { t } = useI18n();
  const errors = useFormErrors(() => 'photo-upload', () => false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  // Show the file just uploaded (the server's URL may not change between photos).
  const [local, setLocal] = useState<string | null>(null);
  const localRef = useRef<string | null>(null);
  useEffect(() => () => {
    if (localRef.current) URL.revokeObjectURL(localRef.current);
  }, []);
  const shown = local ?? props.url;

  function showLocal(file: File | null) {
    if (localRef.current) URL.revokeObjectURL(localRef.current);
    localRef.current = file ? URL.createObjectURL(file) : null;
    setLocal(localRef.current);
  }

  return (
    <section class="card editor-section" aria-labelledby="photo-heading">
      <div class="section-head">
        <h2 id="photo-heading">{t('profile.photo')}</h2>
        <AudienceSelect id="profile-photo-audience" value={props.audience} circles={props.circles} what={t('profile.photo')} onChange={props.onAudience} error={props.audienceError} />
      </div>
      <div class="photo-row">
        {shown ? (
          <img class="avatar avatar-large" src={shown} alt={t('editor.photo_current')} width={96} height={96} />
        ) : (
          <span class="avatar avatar-large avatar-initials" aria-hidden="true">
            {initials(props.name)}
          </span>
        )}
        <div class="photo-actions">
          <ImageUpload
            id="photo-upload"
            label={shown ? t('editor.photo_replace') : t('editor.photo_upload')}
            upload={async (file, type) => {
              setStatus(null);
              const { photo_url } = await api.uploadPhoto(file, type);
              showLocal(file);
              props.onUrl(photo_url);
              setStatus('editor.photo_saved');
            }}
            onError={(key, err) => {
              setStatus(null);
              if (err !== undefined) errors.showError(err, 'upload');
              else errors.setForm(key);
            }}
          />
          {shown && (
            <button
              type="button"
              class="btn btn-link"
              onClick={async () => {
                setStatus(null);
                errors.clear();
                try {
                  await api.deletePhoto();
                  showLocal(null);
                  props.onUrl(null);
                  setStatus('editor.photo_removed');
                } catch (e) {
                  errors.showError(e, 'other');
                }
              }}
            >
              {t('editor.photo_remove')}
            </button>
          )}
          <p class="hint">{t('editor.photo_hint')}</p>
        </div>
      </div>
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={errors.form} />
    </section>
  );
}
