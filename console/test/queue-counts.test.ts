import { describe, expect, it } from 'vitest';
import { countLabel, needsDepartment } from '../src/features/cases/queue-tabs';

describe('queue tabs', () => {
  it('show the exact count, a window of time\'s as well (never "500+" or "50+")', () => {
    expect(countLabel({ queue: 'intake', count: 137, maintained: true })).toBe('137');
    expect(countLabel({ queue: 'closed', count: 0, maintained: true })).toBe('0');
    expect(countLabel({ queue: 'overdue', count: 2600, maintained: false })).toBe('2600');
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
