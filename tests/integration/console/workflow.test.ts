import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../../support/stack';
import { acceptToRsj, act, complaintBody, fileAs, getCase, show, withOfficials, type Officials } from '../../support/console';
import { citizenToken } from './console-kit';

let stack: TestStack;
let officials: Officials;
beforeAll(async () => {
  stack = await createTestStack();
  officials = await withOfficials(stack);
});

describe('a case from intake to answer, through the console API', () => {
  it('intake accepts to a department, the handler replies, the citizen sees it, the intake officer owns it', async () => {
    const filed = await fileAs(stack, complaintBody());
    const queue = await stack.request('GET', '/api/console/cases?queue=intake', { token: officials.intake });
    expect(queue.status, show(queue)).toBe(200);
    expect(queue.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(filed.caseNo);

    const version = await acceptToRsj(stack, officials, filed.caseNo);
    const deptQueue = await stack.request('GET', '/api/console/cases?queue=department', { token: officials.handler });
    expect(deptQueue.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(filed.caseNo);

    const replied = await act(stack, officials.handler, filed.caseNo, { action: 'reply', result: 'resolved', expectedVersion: version, answer: '已责令施工单位限期支付工资。' });
    expect(replied.status, show(replied)).toBe(200);
    expect(replied.body.status).toBe('replied');
    expect(replied.body.allowedActions).toEqual([]);

    const mine = await stack.request('GET', '/api/console/cases?queue=mine', { token: officials.intake });
    expect(mine.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(filed.caseNo);

    const detail = await getCase(stack, officials.intake, filed.caseNo);
    expect(detail.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'accepted', 'replied']);
    expect(detail.body.contact).toEqual({ name: '王**', phone: '138****8000' });
    expect(detail.body.content).toContain('139****5678');
  });

  it('the 答复结果 goes with the answer: the console shows it with the amount recovered, the citizen the result only', async () => {
    const filed = await fileAs(stack, complaintBody());
    const version = await acceptToRsj(stack, officials, filed.caseNo);
    const replied = await act(stack, officials.handler, filed.caseNo, { action: 'reply', expectedVersion: version, answer: '已追回拖欠工资。', result: 'partly_resolved', amountRecovered: 2511.1 });
    expect(replied.status, show(replied)).toBe(200);
    expect(replied.body.answer).toMatchObject({ result: 'partly_resolved', resultLabel: '部分解决', amountRecovered: 2511.1, amountRecoveredFen: 251110 });
    const audit = await stack.request('GET', `/api/console/audit?caseNo=${filed.caseNo}`, { token: officials.intake });
    expect(audit.body.items.find((e: { kind: string }) => e.kind === 'replied').data).toMatchObject({ result: 'partly_resolved', amountRecoveredFen: 251110 });

    const token = await citizenToken(stack, filed.caseNo, filed.password);
    const seen = await stack.request('GET', '/api/track/case', { token });
    expect(seen.status, show(seen)).toBe(200);
    expect(seen.body.answer).toMatchObject({ text: '已追回拖欠工资。', result: 'partly_resolved', resultLabel: '部分解决' });
    // The amount is the officials' figure: nowhere in what the citizen is sent.
    expect(JSON.stringify(seen.body)).not.toMatch(/amount|2511|251110/i);
  });
});
