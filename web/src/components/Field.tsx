import type { ComponentChildren, Ref } from 'preact';
import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { EyeIcon, EyeOffIcon } from './Icons';

type InputMode = 'text' | 'email' | 'tel' | 'numeric' | 'none' | 'decimal' | 'search' | 'url';

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'month' | 'search' | 'datetime-local' | 'time';
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
  /** Shown at the end of the label row, e.g. an audience control. */
  aside?: ComponentChildren;
  placeholder?: string;
  /** For month, date-time and time inputs: the latest and earliest value allowed ("YYYY-MM"…). */
  max?: string;
  min?: string;
  /** The language of the value, when it differs from the page's (name inputs). */
  lang?: string;
  disabled?: boolean;
  /** Extra class on the wrapper (e.g. "field-compact"). */
  class?: string;
}

export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function fieldClass(error: string | undefined, extra: string | undefined): string {
  return ['field', error ? 'field-invalid' : '', extra ?? ''].filter(Boolean).join(' ');
}

/** The label, with an optional control at the end of its row. */
function LabelRow({ id, label, hidden, aside }: { id: string; label: string; hidden?: boolean; aside?: ComponentChildren }) {
  const labelEl = (
    <label for={id} class={hidden ? 'visually-hidden' : undefined}>
      {label}
    </label>
  );
  if (!aside) return labelEl;
  return (
    <div class="label-row">
      {labelEl}
      {aside}
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  );
}

/** What every field shares: the wrapper, the label row, the hint above and the error below. */
function FieldFrame(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  labelHidden?: boolean | undefined;
  aside?: ComponentChildren;
  class?: string | undefined;
  children: ComponentChildren;
}) {
  const { id, hint, error } = props;
  return (
    <div class={fieldClass(error, props.class)}>
      <LabelRow id={id} label={props.label} hidden={props.labelHidden} aside={props.aside} />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {props.children}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A labelled text input with an optional hint and an error shown under it. */
export function Field(props: FieldProps) {
  const { id, label, hint, error } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} labelHidden={props.labelHidden} aside={props.aside} class={props.class}>
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
        placeholder={props.placeholder}
        max={props.max}
        min={props.min}
        lang={props.lang}
        disabled={props.disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

export interface TextAreaFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  maxLength?: number;
  rows?: number;
  aside?: ComponentChildren;
  class?: string;
}

/** A labelled multi-line input. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { id, label, hint, error } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} aside={props.aside} class={props.class}>
      <textarea
        id={id}
        name={id}
        value={props.value}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

/** "120/500": the characters typed of the most allowed, for a field's `aside`. */
export function CharCount({ count, max }: { count: number; max: number }) {
  return (
    <span class={count > max ? 'char-count char-count-over' : 'char-count'}>
      {count}/{max}
    </span>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  lang?: string;
}

export interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  /** Text of an empty first option ("Choose…"); none when absent. */
  placeholder?: string;
  hint?: string | undefined;
  error?: string | undefined;
  aside?: ComponentChildren;
  class?: string;
}

/** A labelled native select. */
export function SelectField(props: SelectFieldProps) {
  const { id, label, hint, error } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} aside={props.aside} class={props.class}>
      <select
        id={id}
        name={id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A checkbox styled as a switch, with a label and an optional hint. */
export function Toggle(props: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  busy?: boolean;
  disabled?: boolean;
}) {
  return (
    <div class="toggle-row">
      <label class="toggle" for={props.id}>
        <span class="toggle-text">
          <span class="toggle-label">{props.label}</span>
          {props.hint && (
            <span class="hint" id={`${props.id}-hint`}>
              {props.hint}
            </span>
          )}
        </span>
        <input
          id={props.id}
          type="checkbox"
          role="switch"
          checked={props.checked}
          aria-describedby={props.hint ? `${props.id}-hint` : undefined}
          aria-busy={props.busy ? 'true' : undefined}
          disabled={props.disabled}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
      </label>
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
