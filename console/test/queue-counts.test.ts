import { describe, expect, it } from 'vitest';
import { countLabel, needsDepartment } from '../src/features/cases/queue-tabs';

describe('queue tabs', () => {
  it('show the exact count, and "500+" only for a window of time read up to its limit', () => {
    expect(countLabel({ queue: 'intake', count: 137, maintained: true })).toBe('137');
    expect(countLabel({ queue: 'closed', count: 0, maintained: true })).toBe('0');
    expect(countLabel({ queue: 'overdue', count: 500, maintained: false, more: true })).toBe('500+');
    expect(countLabel(undefined)).toBe('');
  });

  it('the department’s queues (待办, 已答复) need a department for intake and supervisors, never for handlers', () => {
    for (const queue of ['department', 'answered'] as const) {
      expect(needsDepartment(queue, 'intake')).toBe(true);
      expect(needsDepartment(queue, 'supervisor')).toBe(true);
      expect(needsDepartment(queue, 'handler')).toBe(false);
    }
    expect(needsDepartment('closed', 'intake')).toBe(false);
  });
});
