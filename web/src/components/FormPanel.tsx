import type { ComponentChildren } from 'preact';
import { ErrorRegion } from './Live';

/**
 * A form opened inline in a list item, across its width, like ConfirmPanel: a title that names
 * the form (its id is `${idBase}-title`), a hint, the form's error on top, then `children`,
 * the fields and buttons.
 */
export function FormPanel({ idBase, title, hint, error, onSubmit, children }: {
  idBase: string;
  title: string;
  hint: string;
  error: string | null;
  onSubmit: (e: Event) => void;
  children: ComponentChildren;
}) {
  return (
    <form class="form request-form row-full" onSubmit={onSubmit} noValidate aria-labelledby={`${idBase}-title`}>
      <h3 id={`${idBase}-title`}>{title}</h3>
      <p class="hint">{hint}</p>
      <ErrorRegion text={error} />
      {children}
    </form>
  );
}
