import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { ErrorRegion } from './Live';
import { useFormErrors } from './useFormErrors';

/** Data a screen or section loads from the API. */
export interface Loadable<T> {
  /** Null until loaded (and again while `deps` change). */
  data: T | null;
  /** Replaces the data after a change made on screen (an item removed, a note saved). */
  setData: (update: (data: T) => T) => void;
  /** The translated reason it could not be loaded, or null. */
  error: string | null;
  reload: () => Promise<void>;
}

/**
 * Loads data when the component mounts and whenever `deps` change; only the answer to the
 * latest load is kept, so switching quickly between tabs cannot show a stale list.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []): Loadable<T> {
  const errors = useFormErrors(() => '', () => false);
  const [data, setDataState] = useState<T | null>(null);
  const latest = useRef(0);

  async function reload() {
    const mine = ++latest.current;
    setDataState(null);
    errors.clear();
    try {
      const loaded = await load();
      if (mine === latest.current) setDataState(loaded);
    } catch (e) {
      if (mine === latest.current) errors.showError(e, 'other');
    }
  }

  useEffect(() => {
    void reload();
  }, deps);

  return {
    data,
    setData: (update) => setDataState((d) => (d === null ? d : update(d))),
    error: errors.form,
    reload,
  };
}

/** Renders loaded data, or "loading", or the error with a retry button. */
export function Loaded<T>({ state, children }: { state: Loadable<T>; children: (data: T) => ComponentChildren }) {
  const { t } = useI18n();
  if (state.data !== null) return <>{children(state.data)}</>;
  return (
    <>
      <ErrorRegion text={state.error} />
      {state.error ? (
        <button type="button" class="btn btn-secondary" onClick={() => void state.reload()}>
          {t('common.retry')}
        </button>
      ) : (
        <p class="muted" role="status">
          {t('common.loading')}
        </p>
      )}
    </>
  );
}
