import type { FormInstance } from 'antd';
import { issuesToFields, type IssueLike } from '@minsheng/shared';
import { isApiError } from './api-client';

type Issue = IssueLike;
interface Checkable<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}

/**
 * Check a form's value with the shared contract (the same zod schema the API uses), showing each
 * problem under its field with the API's own words. Returns the parsed value, or undefined.
 */
export function checkWith<T>(schema: Checkable<T>, value: unknown, form: FormInstance): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  // The API's own wording for every issue (an emptied number field is 此项为必填, never zod's "Invalid input").
  form.setFields(fieldErrors(r.error.issues, value).map(([name, message]) => ({ name, errors: [message] })));
  return undefined;
}

/** A failed check's issues as [form field, message]: the field is the first segment of the path, in the API's words. */
export function fieldErrors(issues: readonly Issue[], value: unknown): [string, string][] {
  return Object.entries(issuesToFields(issues, value))
    .filter(([path]) => path !== '_')
    .map(([path, message]) => [path.split('.')[0]!, message]);
}

/** Field errors the API answered with, put under their fields. Returns whether there were any. */
export function showServerFieldErrors(error: unknown, form: FormInstance): boolean {
  if (!isApiError(error) || !error.fields) return false;
  form.setFields(Object.entries(error.fields).map(([name, msg]) => ({ name: name.split('.')[0]!, errors: [msg] })));
  return true;
}
