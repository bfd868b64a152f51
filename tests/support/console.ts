/**
 * Console helpers for integration tests: the demo officials in a test stack, logging in as one,
 * and filing cases through the citizen route.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DEMO_OFFICIAL_PASSWORD, seedDemoOfficials } from '../../infra/src/demo-data';
import type { ApiResponse, TestStack } from './stack';

/** A stack's officials, each logged in once: intake, supervisor, admin and handlers of rsj and zjj. */
export interface Officials {
  intake: string;
  supervisor: string;
  admin: string;
  /** Handler of 人社局 (rsj) — the department cases are dispatched to in these tests. */
  handler: string;
  /** Handler of 住建局 (zjj): "another department". */
  otherHandler: string;
}

export const show = (res: ApiResponse) => `${res.status} ${JSON.stringify(res.body)}`;

export function uniqueIp(): string {
  const b = Buffer.from(randomUUID().replaceAll('-', ''), 'hex');
  return `172.${16 + (b[0]! % 16)}.${b[1]}.${b[2]}`;
}

export async function consoleLogin(stack: TestStack, username: string, password = DEMO_OFFICIAL_PASSWORD): Promise<string> {
  const res = await stack.request('POST', '/api/console/login', { body: { username, password }, ip: uniqueIp() });
  expect(res.status, show(res)).toBe(200);
  return res.body.token as string;
}

export async function withOfficials(stack: TestStack): Promise<Officials> {
  await seedDemoOfficials(stack.deps);
  const [intake, supervisor, admin, handler, otherHandler] = await Promise.all(
    ['shouli', 'duban', 'admin', 'rsj', 'zjj'].map((u) => consoleLogin(stack, u)),
  );
  return { intake: intake!, supervisor: supervisor!, admin: admin!, handler: handler!, otherHandler: otherHandler! };
}

export async function fileAs(stack: TestStack, body: Record<string, unknown>): Promise<{ caseNo: string; password: string }> {
  const res = await stack.request('POST', '/api/cases', { body, ip: uniqueIp() });
  expect(res.status, show(res)).toBe(201);
  return res.body;
}

export const complaintBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'complaint',
  categoryId: 'tuoqian-gongzi',
  title: '工地拖欠农民工工资',
  content: '县城南安置小区 3 号楼工地拖欠 23 名工人三个月工资，联系电话 13912345678。',
  contact: { name: '王建国', phone: '13800138000' },
  ...overrides,
});

export const reportBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'report',
  categoryId: 'luan-shoufei',
  title: '人社局窗口违规收取办证费',
  content: '人社局窗口工作人员要求交 200 元“加急费”才给办理，我的身份证号 110101199003071234。',
  contact: { name: '李秀兰', phone: '13700001111' },
  ...overrides,
});

/** Run a console action, returning the response. */
export function act(stack: TestStack, token: string, caseNo: string, body: Record<string, unknown>) {
  return stack.request('POST', `/api/console/cases/${caseNo}/actions`, { token, body });
}

export async function getCase(stack: TestStack, token: string, caseNo: string) {
  return stack.request('GET', `/api/console/cases/${caseNo}`, { token });
}

/** Accept and dispatch a case to 人社局 (rsj) as intake; returns the new version. */
export async function acceptToRsj(stack: TestStack, officials: Officials, caseNo: string): Promise<number> {
  const res = await act(stack, officials.intake, caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(res.status, show(res)).toBe(200);
  return res.body.version as number;
}
