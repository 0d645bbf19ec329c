import type { Locale } from '../api/types';
import { useI18n } from '../i18n/context';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locale';
import { GlobeIcon } from './Icons';

/** Compact language picker for the top bar of signed-out screens. */
export function LanguageSelect({ onChange }: { onChange?: (locale: Locale) => void }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <div class="lang-select">
      <label for="top-language">
        <GlobeIcon />
        <span class="visually-hidden">{t('nav.language')}</span>
      </label>
      <select
        id="top-language"
        value={locale}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isLocale(v)) {
            setLocale(v);
            onChange?.(v);
          }
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
