import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { EyeIcon, EyeOffIcon } from './Icons';

type InputMode = 'text' | 'email' | 'tel' | 'numeric' | 'none' | 'decimal' | 'search' | 'url';

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'tel';
  hint?: string | undefined;
  error?: string | undefined;
  autoComplete?: string;
  inputMode?: InputMode;
  maxLength?: number;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  spellcheck?: boolean;
  /** Hide the label visually (it stays for assistive tech) when a heading right above says the same. */
  labelHidden?: boolean;
  autoCapitalize?: 'off' | 'none' | 'on' | 'sentences' | 'words' | 'characters';
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A labelled text input with an optional hint and an error shown under it. */
export function Field(props: FieldProps) {
  const { id, label, hint, error } = props;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id} class={props.labelHidden ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={id}
        ref={props.inputRef}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        required={props.required}
        spellcheck={props.spellcheck}
        autoCapitalize={props.autoCapitalize}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export interface PasswordFieldProps extends Omit<FieldProps, 'type' | 'inputMode'> {
  autoComplete: 'current-password' | 'new-password';
}

/** A password input with a show/hide toggle button. */
export function PasswordField(props: PasswordFieldProps) {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  const { id, label, hint, error } = props;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class="password-row">
        <input
          id={id}
          name={id}
          ref={props.inputRef}
          type={visible ? 'text' : 'password'}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          autoComplete={props.autoComplete}
          required={props.required}
          spellcheck={false}
          autoCapitalize="off"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        <button
          type="button"
          class="password-toggle"
          aria-controls={id}
          aria-label={visible ? t('common.hide_password') : t('common.show_password')}
          title={visible ? t('common.hide_password') : t('common.show_password')}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? <EyeOffIcon /> : <EyeIcon />}
        </button>
      </div>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
