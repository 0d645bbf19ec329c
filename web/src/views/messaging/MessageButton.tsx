import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { TextAreaField } from '../../components/Field';
import { focusSoon } from '../../components/focus';
import { ChatIcon } from '../../components/Icons';
import { ErrorRegion } from '../../components/Live';
import { useActionStatus } from '../../components/useActionStatus';
import { useFormErrors } from '../../components/useFormErrors';
import { useI18n } from '../../i18n/context';
import { TEXT_MAX, textProblem } from '../../messaging/asks';

const chatPath = (id: string) => `/messages/${encodeURIComponent(id)}`;

/**
 * "Message" on a member's profile: opens the conversation with them, or, when there is none and
 * the two have no relationship, a form for the one message that may be sent before they reply.
 * `quiet` makes it a secondary button, where something else should come first.
 */
export function MessageButton({ memberId, name, quiet = false }: { memberId: string; name: string; quiet?: boolean }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const open = useActionStatus('message');
  const [first, setFirst] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(() => 'first-message-text', (path) => path === 'text');

  function start() {
    void open.run('open', async () => {
      try {
        const entry = await api.startConversation({ members: [memberId] });
        route(chatPath(entry.id));
      } catch (e) {
        // No conversation yet and no relationship: the first message must come with the request.
        if (isApiError(e) && e.code === 'invalid_argument' && e.field === 'text') {
          setFirst(true);
          focusSoon('first-message-text');
          return;
        }
        throw e;
      }
    });
  }

  async function sendFirst(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (errors.showLocal({ text: textProblem(text) })) return;
    setBusy(true);
    errors.clear();
    try {
      const entry = await api.startConversation({ members: [memberId], text: text.trim() });
      route(chatPath(entry.id));
    } catch (err) {
      errors.showError(err, 'message');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        class={quiet ? 'btn btn-secondary' : 'btn btn-primary'}
        aria-expanded={first ? 'true' : undefined}
        aria-disabled={open.busy ? 'true' : undefined}
        onClick={start}
      >
        <ChatIcon class="icon icon-small" />
        {t('chat.message_button')}
      </button>
      <ErrorRegion text={open.error} />
      {first && (
        <form class="request-form row-full" onSubmit={sendFirst} noValidate aria-labelledby="first-message-heading">
          <h3 id="first-message-heading">{t('chat.first_title', { name })}</h3>
          <p class="hint">{t('chat.first_hint', { name })}</p>
          <ErrorRegion text={errors.form} />
          <TextAreaField
            id="first-message-text"
            label={t('chat.first_label')}
            value={text}
            maxLength={TEXT_MAX}
            rows={4}
            onInput={setText}
            error={errors.field('text')}
          />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
              {busy ? t('relation.sending') : t('chat.first_send')}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setFirst(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
