// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { slaPolicyInputSchema } from '@minsheng/shared';
import { fieldErrors } from '../src/lib/form-errors';

/** What an admin reads under a field they got wrong: the API's Chinese words, never zod's English. */
describe('form errors', () => {
  const check = (value: Record<string, unknown>) => {
    const r = slaPolicyInputSchema.safeParse(value);
    expect(r.success).toBe(false);
    return Object.fromEntries(fieldErrors(r.success ? [] : r.error.issues, value));
  };

  it("an emptied number field says 此项为必填, a bad value the schema's own message — in Chinese", () => {
    const errors = check({ type: 'complaint', warnDays: 12, severeDays: 30, dayMode: 'natural', revisitDays: 7 });
    expect(errors.answerDays).toBe('此项为必填');
    expect(errors.revisitDays).toBe('回访天数应为 1 到 6');
    for (const message of Object.values(errors)) expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(errors)).not.toMatch(/Invalid input|expected/i);
  });
});
