import { useLoad, type Loadable } from '../../components/Loaded';
import { useOnLive, useStreamEvents } from '../../messaging/live';

/**
 * One tab's list of introductions: loaded on mounting, and fetched again quietly (the list stays
 * on screen meanwhile) when a notification about introductions arrives, or once the stream is
 * live again.
 */
export function useIntroductionList<T>(load: () => Promise<{ introductions: T[] }>): Loadable<T[]> {
  const list = useLoad(async () => (await load()).introductions);

  function refresh() {
    load().then(
      (fresh) => list.setData(() => fresh.introductions),
      () => undefined, // The list stays as it is; the next event tries again.
    );
  }

  useStreamEvents((event) => {
    if (event.type === 'notification' && event.notification.category === 'introductions') refresh();
  });
  useOnLive(refresh);
  return list;
}
