/**
 * Always-present live regions, so screen readers announce text put into
 * them: one assertive region for errors, one polite region for confirmations.
 */
export function ErrorRegion({ text, id }: { text?: string | null | undefined; id?: string }) {
  return (
    <div class="live" aria-live="assertive" aria-atomic="true" id={id}>
      {text && <p class="alert alert-error">{text}</p>}
    </div>
  );
}

export function StatusRegion({ text, id }: { text?: string | null | undefined; id?: string }) {
  return (
    <div class="live" role="status" aria-live="polite" aria-atomic="true" id={id}>
      {text && <p class="alert alert-success">{text}</p>}
    </div>
  );
}
