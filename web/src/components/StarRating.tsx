import { useI18n } from '../i18n/context';
import { RATING_LABEL, RATINGS, ratingLabel } from '../relationships/labels';
import { StarIcon } from './Icons';

function Stars({ value }: { value: number | null }) {
  return (
    <span class="stars" aria-hidden="true">
      {RATINGS.map((n) => (
        <StarIcon key={n} class={value !== null && n <= value ? 'icon star star-on' : 'icon star'} />
      ))}
    </span>
  );
}

/** A rating shown read-only: stars, and what the rating means in words. */
export function RatingView({ value }: { value: number | null }) {
  const { t } = useI18n();
  const meaning = ratingLabel(value);
  return (
    <p class="rating-view">
      <Stars value={value} />
      <span>{meaning ? t('rating.value', { n: value ?? 0, meaning: t(meaning) }) : t('rating.none')}</span>
    </p>
  );
}

/**
 * How well the member knows someone, 1 to 5 stars, or none: five radio buttons drawn as stars,
 * each named by its value and meaning ("4 of 5: well"), and a button that clears the rating.
 */
export function StarRating({ id, legend, value, onChange, error }: {
  id: string;
  legend: string;
  value: number | null;
  onChange: (value: number | null) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const meaning = ratingLabel(value);
  return (
    <fieldset class={error ? 'field rating field-invalid' : 'field rating'} id={id} tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined}>
      <legend class="label">{legend}</legend>
      <div class="rating-row">
        {RATINGS.map((n) => (
          <label key={n} class="rating-star" title={t(RATING_LABEL[n])}>
            <input
              type="radio"
              class="rating-input"
              name={id}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
            />
            <StarIcon class={value !== null && n <= value ? 'icon star star-on' : 'icon star'} />
            <span class="visually-hidden">{t('rating.value', { n, meaning: t(RATING_LABEL[n]) })}</span>
          </label>
        ))}
        <button type="button" class="btn btn-link" onClick={() => onChange(null)} disabled={value === null}>
          {t('rating.clear')}
        </button>
      </div>
      <p class="hint rating-meaning">{meaning ? t(meaning) : t('rating.none')}</p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
