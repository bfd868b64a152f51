import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
});

describe('smoke', () => {
  it('files, logs in and tracks', async () => {
    const filed = await stack.request('POST', '/api/cases', {
      body: { type: 'complaint', categoryId: 'tuoqian-gongzi', title: '欠薪', content: '工地欠薪三个月' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const login = await stack.request('POST', '/api/track/login', { body: { caseNo: filed.body.caseNo, password: filed.body.password } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const tracked = await stack.request('GET', '/api/track/case', { token: login.body.token });
    expect(tracked.status, JSON.stringify(tracked.body)).toBe(200);
    console.log(JSON.stringify(tracked.body, null, 1), filed.body);
  });
});
