import type { ReactNode } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { charCount } from '@minsheng/shared';
import { keyboardTappable, role } from '../lib/a11y';
import { IS_WEAPP } from '../lib/env';
import { groupCaseNo, groupPassword } from '../lib/format';

type ButtonKind = 'primary' | 'secondary' | 'plain';

interface BtnProps {
  children: ReactNode;
  onClick?: () => void;
  kind?: ButtonKind;
  disabled?: boolean;
  loading?: boolean;
  /** Spoken name when the visible text alone is not clear enough. */
  label?: string;
  className?: string;
}

/** A button with a ≥ 44 px tap target; its visible text is its name. */
export function Btn({ children, onClick, kind = 'secondary', disabled, loading, label, className }: BtnProps) {
  return (
    <Button
      // A class, not [disabled]: Taro H5 leaves disabled="false" on a button that was disabled once.
      className={`btn btn--${kind}${disabled || loading ? ' btn--disabled' : ''}${className ? ` ${className}` : ''}`}
      disabled={disabled || loading}
      // WeChat draws its own spinner. Taro H5's button (a Stencil component) would insert its spinner
      // among the children React owns, which throws "insertBefore … not a child" on every submit: there
      // the spinner is ours.
      {...(IS_WEAPP ? { loading } : {})}
      onClick={disabled || loading ? undefined : onClick}
      {...role('button')}
      {...keyboardTappable(disabled || loading ? undefined : onClick)}
      aria-label={label}
      aria-disabled={disabled || loading ? 'true' : undefined}
    >
      {loading && !IS_WEAPP ? <Text className='btn__spinner' aria-hidden='true' /> : null}
      {children}
    </Button>
  );
}

interface ChoiceProps {
  children: ReactNode;
  selected: boolean;
  onSelect: () => void;
  className?: string;
  label?: string;
}

/** One option of a single-choice group (type, category, rating): a large tappable radio. */
export function Choice({ children, selected, onSelect, className, label }: ChoiceProps) {
  return (
    <View
      className={`choice${selected ? ' choice--selected' : ''}${className ? ` ${className}` : ''}`}
      onClick={onSelect}
      {...role('radio')}
      {...keyboardTappable(onSelect)}
      aria-checked={selected ? 'true' : 'false'}
      aria-label={label}
    >
      {children}
    </View>
  );
}

export function ChoiceGroup({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`choice-group${className ? ` ${className}` : ''}`} {...role('radiogroup')} aria-label={label}>
      {children}
    </View>
  );
}

/** An on/off setting, e.g. large-text mode or anonymous filing; `states` names the two positions (default 已开启 / 已关闭). */
export function Toggle({
  label,
  on,
  onChange,
  className,
  states = ['已开启', '已关闭'],
}: {
  label: string;
  on: boolean;
  onChange: (on: boolean) => void;
  className?: string;
  states?: [on: string, off: string];
}) {
  return (
    <View
      className={`toggle${on ? ' toggle--on' : ''}${className ? ` ${className}` : ''}`}
      onClick={() => onChange(!on)}
      {...role('switch')}
      {...keyboardTappable(() => onChange(!on))}
      aria-checked={on ? 'true' : 'false'}
      aria-label={label}
    >
      <Text className='toggle__label'>{label}</Text>
      <Text className='toggle__state'>{on ? states[0] : states[1]}</Text>
    </View>
  );
}

interface FieldProps {
  label: string;
  /** Shown under the label: what to write, who sees it. */
  hint?: string;
  error?: string;
  optional?: boolean;
  children: ReactNode;
  /** e.g. "12/100" */
  counter?: ReactNode;
  /** The element id (see fieldAnchor) a refused submit scrolls to. */
  id?: string;
}

export function Field({ label, hint, error, optional, children, counter, id }: FieldProps) {
  return (
    <View className={`field${error ? ' field--error' : ''}`} {...(id ? { id } : {})}>
      <View className='field__head'>
        <Text className='field__label'>
          {label}
          {optional ? <Text className='field__optional'>（选填）</Text> : null}
        </Text>
        {counter}
      </View>
      {hint ? <Text className='field__hint'>{hint}</Text> : null}
      {children}
      {error ? (
        <Text className='field__error' {...role('alert')}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

/** "12 / 100 字", red when over the limit; counts characters as a person does. */
export function Counter({ value, max }: { value: string; max: number }) {
  const n = charCount(value);
  return (
    <Text className={`counter${n > max ? ' counter--over' : ''}`} aria-live='polite'>
      {n} / {max} 字
    </Text>
  );
}

interface TextInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  password?: boolean;
  maxlength?: number;
  className?: string;
  invalid?: boolean;
  /** The keyboard's action key, e.g. 'search' (搜索). */
  confirmType?: 'done' | 'search' | 'go' | 'next' | 'send';
  /** The keyboard's action key (or Enter) was pressed. */
  onConfirm?: () => void;
}

/** A one-line input. On H5 Taro wraps the real <input>; nativeProps names it for screen readers. */
export function TextInput({ label, value, onChange, placeholder, type = 'text', password, maxlength = 140, className, invalid, confirmType, onConfirm }: TextInputProps) {
  return (
    <Input
      className={`input${className ? ` ${className}` : ''}`}
      value={value}
      type={type}
      password={password}
      placeholder={placeholder}
      placeholderClass='placeholder'
      maxlength={maxlength}
      onInput={(e) => onChange(e.detail.value)}
      {...(confirmType ? { confirmType } : {})}
      {...(onConfirm ? { onConfirm: () => onConfirm() } : {})}
      nativeProps={{ 'aria-label': label, 'aria-invalid': invalid ? 'true' : 'false', autocomplete: 'off' }}
    />
  );
}

interface TextAreaProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  className?: string;
  invalid?: boolean;
}

export function TextArea({ label, value, onChange, placeholder, className, invalid }: TextAreaProps) {
  return (
    <Textarea
      className={`textarea${className ? ` ${className}` : ''}`}
      value={value}
      placeholder={placeholder}
      placeholderClass='placeholder'
      maxlength={-1}
      autoHeight
      onInput={(e) => onChange(e.detail.value)}
      nativeProps={{ 'aria-label': label, 'aria-invalid': invalid ? 'true' : 'false' }}
    />
  );
}

/** A message box: errors are announced (role=alert), notes are not. */
export function Notice({ kind, children, title }: { kind: 'error' | 'warning' | 'info' | 'success'; children: ReactNode; title?: string }) {
  return (
    <View className={`notice notice--${kind}`} {...role(kind === 'error' ? 'alert' : 'note')}>
      {title ? <Text className='notice__title'>{title}</Text> : null}
      <Text className='notice__text'>{children}</Text>
    </View>
  );
}

export function Section({ title, children, className, id }: { title?: string; children: ReactNode; className?: string; id?: string }) {
  return (
    <View className={`section${className ? ` ${className}` : ''}`} {...(id ? { id } : {})}>
      {title ? (
        <Text className='section__title' {...role('heading')} aria-level={2}>
          {title}
        </Text>
      ) : null}
      {children}
    </View>
  );
}

/**
 * What a page shows before its data arrives: "正在加载…", or the error with one way forward
 * (retry, log in again, go to the library…).
 */
export function Loading({ error, action }: { error?: string; action: { label: string; onClick: () => void; className?: string } }) {
  if (error === undefined) {
    return (
      <Text className='muted' {...role('status')}>
        正在加载…
      </Text>
    );
  }
  return (
    <View>
      <Notice kind='error'>{error}</Notice>
      <Btn kind='primary' className={action.className} onClick={action.onClick}>
        {action.label}
      </Btn>
    </View>
  );
}

/**
 * A case number or password as one unbreakable piece: grouped for reading (`20261121 483920`,
 * `B68D WRME`), never split across lines, and read out digit by digit. `size` picks the type:
 * 'big' for the credentials card (shrinks to fit a 360 px phone in large-text mode), 'inline' for
 * running text and page headers. Use the class `nowrap-code` directly where a Text is not wanted.
 */
export function CaseNo({ value, kind = 'caseNo', size = 'inline', className, label }: { value: string; kind?: 'caseNo' | 'password'; size?: 'big' | 'inline'; className?: string; label?: string }) {
  const grouped = kind === 'caseNo' ? groupCaseNo(value) : groupPassword(value);
  const spoken = `${label ?? (kind === 'caseNo' ? '案件编号' : '查询密码')} ${value.split('').join(' ')}`;
  return (
    <Text className={`nowrap-code nowrap-code--${size}${className ? ` ${className}` : ''}`} aria-label={spoken}>
      {grouped}
    </Text>
  );
}

/** 大字模式 and 高对比度, side by side wherever the display can be changed (home, track). */
export function DisplaySettings({ large, contrast, onLarge, onContrast, className }: { large: boolean; contrast: boolean; onLarge: (on: boolean) => void; onContrast: (on: boolean) => void; className?: string }) {
  return (
    <View className={`display-settings${className ? ` ${className}` : ''}`}>
      <Toggle label='大字模式' on={large} onChange={onLarge} className='display-settings__large' />
      <Toggle label='高对比度' on={contrast} onChange={onContrast} className='display-settings__contrast' />
    </View>
  );
}
