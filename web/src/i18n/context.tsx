import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import type { Locale } from '../api/types';
import { applyDocumentLocale, initialLocale, loadSavedLocale, saveLocale } from './locale';
import { translate, type TranslateFn } from './translate';

export interface I18n {
  locale: Locale;
  /** Switches the UI language and remembers it on this device. */
  setLocale: (locale: Locale) => void;
  /** Whether this device has a saved language choice. */
  hasSavedChoice: () => boolean;
  t: TranslateFn;
  formatDateTime: (iso: string) => string;
  formatDate: (iso: string) => string;
  /** "in 5 minutes" / "5 分後" / "5分钟后" for a delay in seconds. */
  formatDelay: (seconds: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

function hasSavedChoice(): boolean {
  return loadSavedLocale() !== null;
}

function safeDate(iso: string): Date | undefined {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    applyDocumentLocale(l);
    return l;
  });

  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    applyDocumentLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
    return {
      locale,
      setLocale,
      hasSavedChoice,
      t: (key, params) => translate(locale, key, params),
      formatDateTime: (iso) => {
        const d = safeDate(iso);
        return d ? dateTime.format(d) : iso;
      },
      formatDate: (iso) => {
        const d = safeDate(iso);
        return d ? dateOnly.format(d) : iso;
      },
      formatDelay: (seconds) => {
        if (seconds < 90) return relative.format(Math.max(1, Math.round(seconds)), 'second');
        if (seconds < 90 * 60) return relative.format(Math.ceil(seconds / 60), 'minute');
        return relative.format(Math.ceil(seconds / 3600), 'hour');
      },
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
