import { beforeEach, describe, expect, it, vi } from 'vitest';

// The request layer runs on Taro.request; here a fake stands in for the network.
const request = vi.fn();
vi.mock('@tarojs/taro', () => ({ default: { request: (opts: unknown) => request(opts) } }));
const { ApiError, apiRequest } = await import('../src/lib/request');

const answer = (statusCode: number, data: unknown, header: Record<string, string> = {}) => request.mockResolvedValueOnce({ statusCode, data, header });

describe('apiRequest', () => {
  beforeEach(() => request.mockReset());

  it('sends JSON with the bearer token and extra headers, and returns the body', async () => {
    answer(201, { caseNo: '20261121123456' });
    const body = await apiRequest('/api/cases', { method: 'POST', body: { title: '噪音' }, token: 't0k', headers: { 'Idempotency-Key': 'k-12345678' } });
    expect(body).toEqual({ caseNo: '20261121123456' });
    const sent = request.mock.calls[0]![0];
    expect(sent).toMatchObject({ url: '/api/cases', method: 'POST', data: '{"title":"噪音"}' });
    expect(sent.header).toMatchObject({ 'Content-Type': 'application/json', Authorization: 'Bearer t0k', 'Idempotency-Key': 'k-12345678' });
  });

  it('shows the API’s own Chinese message and keeps its code, fields and Retry-After', async () => {
    answer(429, { error: { code: 'TOO_MANY_ATTEMPTS', message: '该案件编号的密码错误次数过多，已暂时锁定，请 15 分钟后再试' } }, { 'Retry-After': '900' });
    const error = await apiRequest('/api/track/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: 429, retryAfterSeconds: 900, message: '该案件编号的密码错误次数过多，已暂时锁定，请 15 分钟后再试' });

    answer(400, { error: { code: 'VALIDATION_FAILED', message: '', fields: { title: '标题不能为空' } } });
    const invalid = await apiRequest('/api/cases', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'VALIDATION_FAILED', message: '提交的内容有误，请按提示修改后重试', fields: { title: '标题不能为空' } });
  });

  it('never shows a raw code: no body, HTML or unknown codes get a plain message', async () => {
    answer(502, '<html>Bad Gateway</html>');
    expect((await apiRequest('/api/categories').catch((e: unknown) => e)) as Error).toMatchObject({ code: 'BAD_RESPONSE', message: '服务暂时不可用，请稍后重试' });
    answer(500, undefined);
    expect((await apiRequest('/api/categories').catch((e: unknown) => e)) as Error).toMatchObject({ code: 'INTERNAL', message: '服务出现异常，请稍后重试' });
    answer(404, { error: { code: 'NOT_FOUND' } });
    expect((await apiRequest('/api/stats/public').catch((e: unknown) => e)) as Error).toMatchObject({ message: '请求的内容不存在' });
  });

  it('reports a network failure as such, so the caller may retry with the same key', async () => {
    request.mockRejectedValueOnce({ errMsg: 'request:fail' });
    const error = (await apiRequest('/api/cases', { method: 'POST', body: {} }).catch((e: unknown) => e)) as InstanceType<typeof ApiError>;
    expect(error.code).toBe('NETWORK');
    expect(error.isNetwork).toBe(true);
    expect(error.message).toContain('网络连接失败');
    request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    expect(((await apiRequest('/api/cases').catch((e: unknown) => e)) as InstanceType<typeof ApiError>).code).toBe('TIMEOUT');
  });
});
