import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Session } from '../../api/types';
import { ErrorRegion, StatusRegion } from '../../components/Live';
import { describeUserAgent } from '../../components/userAgent';
import { useI18n } from '../../i18n/context';
import { describeError } from '../../i18n/describeError';
import type { MessageKey, Params } from '../../i18n/translate';
import { useSignedOutGuard } from '../../components/useSignedOutGuard';

/** The member's sessions, this device first, with a way to end the others. */
export function SessionsSection({ version }: { version: number }) {
  const { t, formatDateTime, formatDelay } = useI18n();
  const guard = useSignedOutGuard();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [error, setError] = useState<{ key: MessageKey; params?: Params } | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  function fail(e: unknown) {
    const d = describeError(e, 'other', { formatDelay });
    if (!guard(d)) setError(d.params ? { key: d.key, params: d.params } : { key: d.key });
  }

  async function load() {
    setError(null);
    try {
      const { sessions: list } = await api.sessions();
      const sorted = [...list].sort(
        (a, b) => Number(b.current) - Number(a.current) || b.last_seen_at.localeCompare(a.last_seen_at),
      );
      setSessions(sorted);
    } catch (e) {
      fail(e);
    }
  }

  useEffect(() => {
    void load();
    // Reload after the password changed (other sessions are revoked then).
  }, [version]);

  async function revoke(session: Session) {
    if (busyId) return;
    setBusyId(session.id);
    setStatus(null);
    setError(null);
    try {
      await api.revokeSession(session.id);
      setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null);
      setStatus('settings.revoked');
      document.getElementById('settings-sessions')?.focus();
    } catch (e) {
      fail(e);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section class="card" aria-labelledby="settings-sessions">
      <h2 id="settings-sessions" tabIndex={-1}>
        {t('settings.sessions_heading')}
      </h2>
      <p class="hint">{t('settings.sessions_intro')}</p>
      <StatusRegion text={status ? t(status) : null} />
      <ErrorRegion text={error ? t(error.key, error.params) : null} />
      {sessions === null && !error && <p class="muted">{t('common.loading')}</p>}
      {sessions !== null && sessions.length === 0 && <p class="muted">{t('settings.sessions_empty')}</p>}
      {sessions !== null && sessions.length > 0 && (
        <ul class="sessions">
          {sessions.map((s) => {
            const device =
              describeUserAgent(s.user_agent) ??
              (s.kind === 'api' ? t('settings.session_api') : t('settings.unknown_agent'));
            return (
              <li key={s.id} class={s.current ? 'session session-current' : 'session'}>
                <div class="session-main">
                  <p class="session-device" title={s.user_agent || undefined}>
                    {device}
                    {s.current && <span class="badge">{t('settings.this_device')}</span>}
                  </p>
                  <p class="session-meta">
                    {s.kind === 'api' ? t('settings.session_api') : t('settings.session_browser')}
                    {' · '}
                    {t('settings.session_last_seen', { date: formatDateTime(s.last_seen_at) })}
                  </p>
                  <p class="session-meta">{t('settings.session_created', { date: formatDateTime(s.created_at) })}</p>
                </div>
                {!s.current && (
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    aria-label={t('settings.revoke_label', { device })}
                    aria-disabled={busyId === s.id ? 'true' : undefined}
                    onClick={() => void revoke(s)}
                  >
                    {t('settings.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
