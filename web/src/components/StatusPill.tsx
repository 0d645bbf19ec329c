/** Where something in a list stands ("Waiting for a reply", "Accepted"); `status` picks its colour. */
export function StatusPill({ status, label }: { status: string; label: string }) {
  return (
    <span class="status-pill" data-status={status}>
      {label}
    </span>
  );
}
