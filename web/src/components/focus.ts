/** Moves focus to the element with this id after the next render. */
export function focusSoon(id: string): void {
  const run = () => document.getElementById(id)?.focus();
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  else setTimeout(run, 0);
}
