import type { ConsoleCaseDto } from '@minsheng/shared';
import { describe, expect, it } from 'vitest';
import { offeredActions, unavailableReason } from '../src/features/cases/actions';
import { statsCsvRows } from '../src/features/stats/figures';

const base = {
  caseNo: '20261121000001',
  status: 'in_progress',
  allowedActions: [],
  sla: { level: 'normal', reached: 'normal', paused: false, daysLeft: 5, warnAt: '', dueAt: '', severeAt: '', answerDays: 15, dayMode: 'natural', rule: '' },
} as unknown as ConsoleCaseDto;

const withCase = (patch: Partial<ConsoleCaseDto> & { extension?: ConsoleCaseDto['sla']['extension'] }): ConsoleCaseDto => {
  const { extension, ...rest } = patch;
  return { ...base, ...rest, sla: { ...base.sla, ...(extension ? { extension } : {}) } } as ConsoleCaseDto;
};

describe('the actions offered in the case workspace', () => {
  it('follows the server’s allowedActions, primary actions first', () => {
    const c = withCase({ allowedActions: ['reject', 'merge', 'accept'] });
    expect(offeredActions(c)).toEqual(['accept', 'merge', 'reject']);
  });

  it('offers extension approval only when an extension is pending', () => {
    const allowed: ConsoleCaseDto['allowedActions'] = ['approve_extension', 'deny_extension', 'urge'];
    expect(offeredActions(withCase({ allowedActions: allowed }))).toEqual(['urge']);
    expect(offeredActions(withCase({ allowedActions: allowed, extension: { status: 'pending', days: 5, reason: '核查' } }))).toEqual(['approve_extension', 'urge', 'deny_extension']);
  });

  it('explains why an allowed action cannot be used yet', () => {
    const approved = withCase({ allowedActions: ['request_extension'], extension: { status: 'approved', days: 5, reason: '核查' } });
    expect(unavailableReason('request_extension', approved)).toBe('本案件已延期过一次，不能再申请');
    const denied = withCase({ allowedActions: ['request_extension'], extension: { status: 'denied', days: 5, reason: '核查' } });
    expect(unavailableReason('request_extension', denied)).toBeUndefined();
    const answeredAt = '2026-11-21T10:00:00+08:00';
    const replied = withCase({ status: 'replied', allowedActions: ['close'], answer: { text: '答复', at: answeredAt, departmentName: '教育局', officialId: 'jyj' } });
    expect(unavailableReason('close', replied, Date.parse(answeredAt) + 86_400_000)).toMatch(/^群众评价期至 2026-11-28 10:00 结束/);
    expect(unavailableReason('close', replied, Date.parse(answeredAt) + 8 * 86_400_000)).toBeUndefined();
  });
});

describe('statistics CSV', () => {
  it('holds the same figures as the page, section by section', () => {
    const row = (key: string, name: string, extra = {}) => ({ key, name, filed: 2, answered: 1, answeredOnTime: 1, onTimeRate: 100, ...extra });
    const rows = statsCsvRows({
      period: '2026-11',
      totals: row('ALL', '全部'),
      series: [row('2026-11', '2026-11')],
      byCategory: [row('shebao', '社会保险')],
      byDepartment: [row('rsj', '人力资源和社会保障局', { satisfied: 1, ratings: 1, satisfactionRate: 100 })],
      byType: [row('complaint', '投诉')],
    });
    const titles = rows.map((r) => r[0]);
    expect(titles).toEqual(expect.arrayContaining(['合计', '按月趋势', '按问题类别', '按承办部门', '按诉求类型']));
    expect(rows[0]?.[1]).toBe('统计期间：2026年11月');
    const dept = rows.find((r) => r[0] === '人力资源和社会保障局')!;
    const deptHeader = rows[rows.indexOf(dept) - 1]!;
    // A department's own figures: dispatched to it, answered by it, rated; no "submissions" column.
    expect(deptHeader.slice(0, 5)).toEqual(['部门', '交办量', '已答复', '按时答复', '按时答复率(%)']);
    expect(deptHeader).not.toContain('收件量');
    expect(dept.slice(0, 12)).toEqual(['人力资源和社会保障局', 0, 1, 1, 100, undefined, 1, 1, 0, 0, 100, 0]);
    const totalsHeader = rows[rows.findIndex((r) => r[0] === '合计') + 1]!;
    expect(totalsHeader.slice(0, 3)).toEqual(['范围', '收件量', '受理量']);
  });
});
