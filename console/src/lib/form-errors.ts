import type { FormInstance } from 'antd';
import { isApiError } from './api-client';

interface Issue {
  path: PropertyKey[];
  message: string;
}
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
  form.setFields(r.error.issues.filter((i) => i.path.length > 0).map((i) => ({ name: String(i.path[0]), errors: [i.message] })));
  return undefined;
}

/** Field errors the API answered with, put under their fields. Returns whether there were any. */
export function showServerFieldErrors(error: unknown, form: FormInstance): boolean {
  if (!isApiError(error) || !error.fields) return false;
  form.setFields(Object.entries(error.fields).map(([name, msg]) => ({ name: name.split('.')[0]!, errors: [msg] })));
  return true;
}
