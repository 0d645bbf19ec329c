/** Someone's own words (a request's note, a vouch), set apart; nothing when they wrote none. */
export function QuotedNote({ note }: { note: string }) {
  if (note.trim() === '') return null;
  return <blockquote class="request-note pre">{note}</blockquote>;
}
