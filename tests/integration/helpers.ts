/**
 * Small helpers shared by the citizen API integration tests: valid bodies, filing and logging in
 * through the HTTP routes, officials' actions through the domain service, and item counts.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { expect, inject } from 'vitest';
import type { Actor, CaseCommand } from '@minsheng/shared';
import { changeCase } from '../../functions/src/services/cases/change-case';
import type { ApiResponse, TestStack } from '../support/stack';

export const PASSWORD_RE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;
export const CHINESE = /[\u4e00-\u9fa5]/;
export const SHANGHAI_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+08:00$/;

export const INTAKE: Actor = { role: 'intake', id: 'intake-1' };
export const HANDLER: Actor = { role: 'handler', id: 'h-1', departmentId: 'rsj' };

export interface FiledCase {
  caseNo: string;
  password: string;
  type: string;
  status: string;
  dueAt: string;
  /** Asks the case's status without the password (POST /api/track/status). */
  statusKey: string;
}

export function complaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'complaint',
    categoryId: 'tuoqian-gongzi',
    title: '工地拖欠农民工工资',
    content: '县城南安置小区 3 号楼工地拖欠 23 名工人三个月工资。',
    ...overrides,
  };
}

export function consultation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return complaint({ type: 'consultation', title: '欠薪可以向哪里申请仲裁？', content: '想咨询劳动仲裁的流程和所需材料。', ...overrides });
}

/** A failing response's body as one line, for assertion messages. */
export const show = (res: ApiResponse) => `${res.status} ${JSON.stringify(res.body)}`;

export async function fileCase(stack: TestStack, body: Record<string, unknown> = complaint(), headers?: Record<string, string>): Promise<FiledCase> {
  const res = await stack.request<FiledCase>('POST', '/api/cases', { body, ...(headers ? { headers } : {}) });
  expect(res.status, show(res)).toBe(201);
  return res.body;
}

/** A client IP of its own, so one test's failed logins never count against another's. */
export function freshIp(): string {
  const b = Buffer.from(randomUUID().replaceAll('-', ''), 'hex');
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export async function login(stack: TestStack, caseNo: string, password: string, ip = freshIp()): Promise<string> {
  const res = await stack.request('POST', '/api/track/login', { body: { caseNo, password }, ip });
  expect(res.status, show(res)).toBe(200);
  return res.body.token as string;
}

export async function fileAndLogin(stack: TestStack, body: Record<string, unknown> = complaint()) {
  const filed = await fileCase(stack, body);
  const token = await login(stack, filed.caseNo, filed.password);
  return { ...filed, token };
}

export async function track(stack: TestStack, token: string) {
  const res = await stack.request('GET', '/api/track/case', { token });
  expect(res.status, show(res)).toBe(200);
  return res.body;
}

/** An official's action through the same transactional path the console will use. */
export function act(stack: TestStack, caseNo: string, command: CaseCommand, actor: Actor = HANDLER) {
  return changeCase(stack.deps, caseNo, command, actor, { ip: '198.51.100.1', userAgent: 'console' });
}

export const accept = (stack: TestStack, caseNo: string) => act(stack, caseNo, { action: 'accept', departmentId: 'rsj' }, INTAKE);
export const requestInfo = (stack: TestStack, caseNo: string, question: string) => act(stack, caseNo, { action: 'request_info', question });
export const reply = (stack: TestStack, caseNo: string, answer: string) => act(stack, caseNo, { action: 'reply', result: 'resolved', answer });

/** The error body every failure answers with, in Chinese. */
export function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, show(res)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(CHINESE);
}

/** An error naming the offending field, with a Chinese message for it. */
export function expectFieldError(res: ApiResponse, field: string, code = 'VALIDATION_FAILED') {
  expectError(res, 400, code);
  expect(res.body.error.fields, show(res)).toHaveProperty([field]);
  expect(res.body.error.fields[field]).toMatch(CHINESE);
}

let dynamo: DynamoDBClient | undefined;

/**
 * Items whose partition key starts with `prefix` (e.g. 'CASE#', 'IDEM#'), optionally only those
 * with sort key `sk`. A Scan, in tests only: it checks what is in the table independently of the
 * store under test.
 */
export async function countItems(stack: TestStack, prefix: string, sk?: string): Promise<number> {
  dynamo ??= new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let count = 0;
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: stack.tableName,
        Select: 'COUNT',
        FilterExpression: sk ? 'begins_with(pk, :p) AND sk = :sk' : 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': { S: prefix }, ...(sk ? { ':sk': { S: sk } } : {}) },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/** Number of case records (not their events or credentials) in the table. */
export const countCases = (stack: TestStack) => countItems(stack, 'CASE#', 'CASE');

export const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
export const addDaysMs = (d: Date, days: number) => new Date(d.getTime() + days * 24 * 60 * 60_000);
