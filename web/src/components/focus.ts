/** Moves focus to the element with this id after the next render. */
export function focusSoon(id: string): void {
  const run = () => document.getElementById(id)?.focus();
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  else setTimeout(run, 0);
}

/** Moves focus to the page's heading after the next render, once the page's content changed. */
export function focusPageHeadingSoon(): void {
  const run = () => document.querySelector<HTMLElement>('main h1')?.focus();
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  else setTimeout(run, 0);
}
