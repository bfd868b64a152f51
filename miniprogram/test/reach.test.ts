import { beforeEach, describe, expect, it, vi } from 'vitest';

// Issue 13 (Reach) on the phone: remembered cases' statuses, WeChat's one-time reminders, recovery by
// SMS code, "my cases" bindings. Taro's storage, network and WeChat APIs are fakes at the boundary.
const store = new Map<string, unknown>();
const request = vi.fn();
const requestSubscribeMessage = vi.fn();
const login = vi.fn();
const calls: string[] = [];
vi.mock('@tarojs/taro', () => ({
  default: {
    getStorageSync: (key: string) => store.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void store.set(key, value),
    removeStorageSync: (key: string) => void store.delete(key),
    request: (opts: { url: string }) => (calls.push(`request ${opts.url}`), request(opts)),
    requestSubscribeMessage: (opts: unknown) => (calls.push('requestSubscribeMessage'), requestSubscribeMessage(opts)),
    login: () => (calls.push('login'), login()),
  },
}));

const device = await import('../src/features/cases/device');
const { logIn, tokenFor } = await import('../src/features/cases/login');
const progress = await import('../src/features/cases/progress');
const reminders = await import('../src/features/cases/reminders');
const recovery = await import('../src/features/cases/recovery');
const { draftToRequest, validateDraft } = await import('../src/features/cases/filing');
const { ApiError } = await import('../src/lib/request');

const answer = (statusCode: number, data: unknown, header: Record<string, string> = {}) => request.mockResolvedValueOnce({ statusCode, data, header });
const sent = (i: number) => {
  const opts = request.mock.calls[i]![0] as { url: string; method: string; data?: string; header: Record<string, string> };
  return { url: opts.url, method: opts.method, body: opts.data ? JSON.parse(opts.data) : undefined, auth: opts.header.Authorization };
};
const filed = (caseNo: string, extra: { statusKey?: string } = {}) => ({ caseNo, password: 'B68DWRME', type: 'complaint' as const, status: 'submitted' as const, dueAt: '2026-12-15T23:59:59+08:00', statusKey: `sk-${caseNo}`, ...extra });

beforeEach(() => {
  store.clear();
  calls.length = 0;
  request.mockReset();
  requestSubscribeMessage.mockReset();
  login.mockReset();
});

describe('remembered cases show their status, all in one request', () => {
  it('keeps the status key from filing, and updates it on each login', async () => {
    device.rememberCase(filed('20261201000001', { statusKey: 'key-from-filing' }), '工地拖欠工资', 'complaint', { withPhone: true, sms: true });
    expect(device.findRememberedCase('20261201000001')).toMatchObject({ statusKey: 'key-from-filing', withPhone: true, sms: true });
    answer(200, { token: 't1', expiresAt: new Date(Date.now() + 60_000).toISOString(), statusKey: 'key-after-login' });
    await logIn('20261201 000001', 'b68dwrme');
    expect(device.findRememberedCase('20261201000001')?.statusKey).toBe('key-after-login');
    expect(device.currentSession()).toMatchObject({ caseNo: '20261201000001', token: 't1' });
  });

  it('asks once for every case that has a key (none: no request), and marks 有新进展 against what the case page last showed', async () => {
    device.rememberCase(filed('20261201000003', { statusKey: 'k3' }), '三', 'complaint');
    device.rememberCase(filed('20261201000002'), '二（旧版本保存，没有 statusKey）', 'complaint');
    // As an earlier version of the app saved it: no status key.
    device.updateRememberedCase('20261201000002', { statusKey: undefined });
    device.rememberCase(filed('20261201000001', { statusKey: 'k1' }), '一', 'complaint');
    device.updateRememberedCase('20261201000001', { lastSeenProgressAt: '2026-12-02T09:00:00.000Z' });
    device.updateRememberedCase('20261201000003', { lastSeenProgressAt: '2026-12-02T09:00:00.000Z' });
    answer(200, {
      items: [
        { caseNo: '20261201000001', found: true, status: 'replied', progressAt: '2026-12-03T10:00:00.000Z' },
        { caseNo: '20261201000003', found: true, status: 'in_progress', progressAt: '2026-12-02T09:00:00.000Z' },
      ],
    });
    const statuses = await progress.fetchRememberedStatuses(device.rememberedCases());
    expect(request).toHaveBeenCalledTimes(1);
    expect(sent(0)).toMatchObject({ url: '/api/track/status', method: 'POST', body: { cases: [{ caseNo: '20261201000001', statusKey: 'k1' }, { caseNo: '20261201000003', statusKey: 'k3' }] } });
    expect(statuses).toEqual({
      '20261201000001': { status: 'replied', label: '已答复', progressAt: '2026-12-03T10:00:00.000Z', fresh: true },
      '20261201000003': { status: 'in_progress', label: '办理中', progressAt: '2026-12-02T09:00:00.000Z', fresh: false },
    });
    // Back from the case page (which recorded the progress it showed): 有新进展 is gone at once,
    // before any new request answers.
    device.updateRememberedCase('20261201000001', { lastSeenProgressAt: '2026-12-03T10:00:00.000Z' });
    expect(progress.retold(statuses, device.rememberedCases())['20261201000001']).toMatchObject({ label: '已答复', fresh: false });
    // The entry without a key shows nothing until it is opened (and its login stores one).
    expect(statuses['20261201000002']).toBeUndefined();

    request.mockReset();
    expect(await progress.fetchRememberedStatuses([device.findRememberedCase('20261201000002')!])).toEqual({});
    expect(request).not.toHaveBeenCalled();
  });

  it('a case not found (its password reset elsewhere) shows no status; more than 50 are cut to the newest 50', () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({ caseNo: `2026120100${String(i).padStart(4, '0')}`, password: 'X', title: 't', type: 'complaint' as const, filedAt: '', dueAt: '', statusKey: `k${i}` }));
    expect(progress.statusQuery(entries)).toHaveLength(50);
    expect(progress.statusQuery(entries)[0]).toEqual({ caseNo: entries[0]!.caseNo, statusKey: 'k0' });
    expect(progress.statusesByCase(entries, [{ caseNo: entries[0]!.caseNo, found: false }])).toEqual({});
  });

  it('a case never opened here has news once it moved past 待受理', () => {
    expect(progress.hasNewProgress({}, { status: 'submitted', progressAt: '2026-12-01T08:00:00Z' })).toBe(false);
    expect(progress.hasNewProgress({}, { status: 'in_progress', progressAt: '2026-12-01T08:00:00Z' })).toBe(true);
    expect(progress.hasNewProgress({ lastSeenProgressAt: '2026-12-01T08:00:00Z' }, { status: 'replied', progressAt: '2026-12-01T08:00:00Z' })).toBe(false);
  });
});

describe('WeChat progress reminders: one message per acceptance, said plainly', () => {
  it('is offered only inside WeChat with templates configured; ids are trimmed, each once, at most 3', () => {
    expect(reminders.parseTemplateIds(' a , b,,a,c,d ')).toEqual(['a', 'b', 'c']);
    expect(reminders.parseTemplateIds(undefined)).toEqual([]);
    expect(reminders.remindersOffered(true, ['a'])).toBe(true);
    expect(reminders.remindersOffered(true, [])).toBe(false);
    expect(reminders.remindersOffered(false, ['a'])).toBe(false);
    // This project builds for H5 with no templates: no button.
    expect(reminders.remindersOffered()).toBe(false);
  });

  it('asks WeChat first (straight from the tap), then wx.login, then sends only the accepted templates; says what was agreed and the credits', async () => {
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', tplAccepted: 'accept', tplRejected: 'reject', tplBanned: 'ban' });
    login.mockResolvedValueOnce({ code: 'wx-code-1' });
    answer(200, { subscribed: true, credits: 2 });
    const outcome = await reminders.askForReminders(async () => 'case-token', ['tplAccepted', 'tplRejected', 'tplBanned']);
    expect(requestSubscribeMessage.mock.calls[0]![0]).toMatchObject({ tmplIds: ['tplAccepted', 'tplRejected', 'tplBanned'] });
    expect(calls).toEqual(['requestSubscribeMessage', 'login', 'request /api/track/case/subscription']);
    expect(sent(0)).toMatchObject({ method: 'POST', body: { code: 'wx-code-1', templateIds: ['tplAccepted'] }, auth: 'Bearer case-token' });
    expect(outcome).toEqual({ kind: 'success', text: '已同意接收 1 次进度提醒；每次同意只能收到一条，如需继续接收请再次点击「接收进度提醒」。目前共可收到 2 条进度提醒。' });
  });

  it('nothing accepted: nothing sent, and the citizen is told no message will come', async () => {
    requestSubscribeMessage.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', t1: 'reject' });
    const outcome = await reminders.askForReminders(async () => 'case-token', ['t1']);
    expect(request).not.toHaveBeenCalled();
    expect(login).not.toHaveBeenCalled();
    expect(outcome.kind).toBe('info');
    expect(outcome.text).toContain('不会收到微信消息');
  });

  it('messages switched off in WeChat (20004) say where to turn them on; a refused subscription says why', async () => {
    requestSubscribeMessage.mockRejectedValueOnce({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' });
    expect((await reminders.askForReminders(async () => 't', ['t1'])).text).toContain('「设置」打开「订阅消息」');
    requestSubscribeMessage.mockResolvedValueOnce({ t1: 'accept' });
    login.mockResolvedValueOnce({ code: 'c' });
    answer(503, { error: { code: 'SERVICE_UNAVAILABLE', message: '微信消息服务暂未开通' } });
    expect(await reminders.askForReminders(async () => 't', ['t1'])).toEqual({ kind: 'error', text: '提醒没有设置成功：微信消息服务暂未开通' });
  });
});

describe('找回查询密码 by the phone given at filing', () => {
  it('checks the phone and the code before asking', () => {
    expect(recovery.checkRecoveryPhone('')).toBe('请输入提交诉求时填写的手机号');
    expect(recovery.checkRecoveryPhone('010-12345678')).toBe('请填写正确的 11 位手机号');
    expect(recovery.checkRecoveryPhone('138 0013 8000')).toBeUndefined();
    expect(recovery.normalizePhone('138-0013 8000')).toBe('13800138000');
    expect(recovery.checkRecoveryCode('')).toBe('请输入短信里的 6 位验证码');
    expect(recovery.checkRecoveryCode('12345')).toBe('验证码是 6 位数字');
    expect(recovery.checkRecoveryCode('123456')).toBeUndefined();
  });

  it('says what went wrong: a wrong or expired code, throttling with the time to wait, a refused field', () => {
    const wrong = new ApiError('UNAUTHENTICATED', '验证码错误或已过期', 401);
    expect(recovery.recoveryError(wrong, 'verify')).toEqual({ field: 'code', message: expect.stringContaining('验证码错误或已过期') });
    expect(recovery.recoveryError(new ApiError('TOO_MANY_ATTEMPTS', '您所在网络获取验证码的次数过多，请稍后再试', 429, { retryAfterSeconds: 42 }), 'send')).toEqual({
      message: '您所在网络获取验证码的次数过多，请 42 秒后再试。',
    });
    expect(recovery.recoveryError(new ApiError('TOO_MANY_ATTEMPTS', '您所在网络验证次数过多，请稍后再试', 429, { retryAfterSeconds: 3000 }), 'verify').message).toBe('您所在网络验证次数过多，请 50 分钟后再试。');
    // A reason that already says when is shown as the server words it.
    expect(recovery.recoveryError(new ApiError('TOO_MANY_ATTEMPTS', '该手机号今日获取验证码的次数已达上限，请明天再试', 429, { retryAfterSeconds: 30000 }), 'send').message).toBe('该手机号今日获取验证码的次数已达上限，请明天再试');
    expect(recovery.recoveryError(new ApiError('VALIDATION_FAILED', '提交的内容有误', 400, { fields: { phone: '请填写正确的手机号' } }), 'send')).toEqual({ field: 'phone', message: '请填写正确的手机号' });
    expect(recovery.formatWait(7200)).toBe('2 小时');
    expect(recovery.resendLabel(0, false)).toBe('发送验证码');
    expect(recovery.resendLabel(0, true)).toBe('重新发送验证码');
    expect(recovery.resendLabel(60, true)).toBe('60 秒后可重新发送');
    // A per-network throttle of half an hour: minutes, not "1736 秒后可重新发送".
    expect(recovery.resendLabel(1736, false)).toBe('29 分钟后可重新发送');
    expect(recovery.CODE_SENT).toBe('如果该手机号提交过诉求，验证码已发送');
  });

  it('a new password replaces the remembered one (and its status key), or remembers the case anew on a device that had lost it', () => {
    device.rememberCase(filed('20261201000001', { statusKey: 'old-key' }), '工地拖欠工资', 'complaint', { withPhone: true });
    device.updateRememberedCase('20261201000001', { lastSeenProgressAt: '2026-12-02T00:00:00Z' });
    device.saveSession({ caseNo: '20261201000001', token: 'old', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    device.rememberNewPassword({ caseNo: '20261201000001', password: 'NEWPASS2', statusKey: 'new-key' }, { title: '工地**工资', type: 'complaint', filedAt: '2026-12-01T00:00:00Z' });
    expect(device.findRememberedCase('20261201000001')).toMatchObject({ password: 'NEWPASS2', statusKey: 'new-key', title: '工地拖欠工资', lastSeenProgressAt: '2026-12-02T00:00:00Z' });
    expect(device.currentSession()).toBeUndefined();

    store.clear();
    device.rememberNewPassword({ caseNo: '20261201000009', password: 'NEWPASS3' }, { title: '工地**工资', type: 'complaint', filedAt: '2026-12-01T00:00:00Z', dueAt: '2026-12-15T23:59:59+08:00' });
    expect(device.rememberedCases()).toEqual([
      { caseNo: '20261201000009', password: 'NEWPASS3', title: '工地**工资', type: 'complaint', filedAt: '2026-12-01T00:00:00Z', dueAt: '2026-12-15T23:59:59+08:00', withPhone: true },
    ]);
  });
});

describe('WeChat "my cases": a login inside a session binds the case, once', () => {
  const future = () => new Date(Date.now() + 60_000).toISOString();

  it('without a WeChat session a login binds nothing', async () => {
    answer(200, { token: 'case-t', expiresAt: future() });
    await logIn('20261201000001', 'B68DWRME');
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('with one, binds with the case token, and not again on the next login', async () => {
    device.saveWechatSession({ token: 'me-t', expiresAt: future() });
    answer(200, { token: 'case-t', expiresAt: future() });
    answer(200, { item: { caseNo: '20261201000001' } });
    await logIn('20261201000001', 'B68DWRME');
    await vi.waitFor(() => expect(device.currentWechatSession()?.bound).toEqual(['20261201000001']));
    expect(sent(1)).toMatchObject({ url: '/api/me/cases', method: 'POST', body: { caseToken: 'case-t' }, auth: 'Bearer me-t' });
    answer(200, { token: 'case-t2', expiresAt: future() });
    await logIn('20261201000001', 'B68DWRME');
    expect(request).toHaveBeenCalledTimes(3);
  });

  it('a bound case that is not remembered here opens through "my cases" when its token runs out: no password asked', async () => {
    expect(await tokenFor('20261201000007')).toBeUndefined();
    expect(request).not.toHaveBeenCalled();
    device.saveWechatSession({ token: 'me-t', expiresAt: future() });
    answer(200, { token: 'case-from-me', expiresAt: future() });
    expect(await tokenFor('20261201000007', true)).toBe('case-from-me');
    expect(sent(0)).toMatchObject({ url: '/api/me/cases/20261201000007/open', method: 'POST', auth: 'Bearer me-t' });
    expect(device.currentSession()).toMatchObject({ caseNo: '20261201000007', token: 'case-from-me' });
    // Not bound (404): no token, and the page asks for the credentials as before.
    answer(404, { error: { code: 'NOT_FOUND', message: '请求的内容不存在' } });
    expect(await tokenFor('20261201000008', true)).toBeUndefined();
  });

  it('an expired me token ends the WeChat session; the login itself still works', async () => {
    device.saveWechatSession({ token: 'me-t', expiresAt: future() });
    answer(200, { token: 'case-t', expiresAt: future() });
    answer(401, { error: { code: 'UNAUTHENTICATED', message: '登录已过期' } });
    const session = await logIn('20261201000001', 'B68DWRME');
    expect(session.token).toBe('case-t');
    await vi.waitFor(() => expect(device.currentWechatSession()).toBeUndefined());
  });
});

describe('SMS opt-in on the filing form', () => {
  const base = { ...device.EMPTY_DRAFT, type: 'complaint' as const, categoryId: 'tuoqian-gongzi', title: '拖欠工资', content: '三个月没发工资' };

  it('is on by default with a mobile number, off when switched off, never for a landline, absent without a phone', () => {
    expect(device.EMPTY_DRAFT.smsOptIn).toBe(true);
    expect(draftToRequest({ ...base, phone: '138 0013 8000' })).toMatchObject({ contact: { phone: '13800138000' }, smsOptIn: true });
    expect(draftToRequest({ ...base, phone: '13800138000', smsOptIn: false }).smsOptIn).toBe(false);
    expect(draftToRequest({ ...base, phone: '010-12345678' }).smsOptIn).toBe(false);
    expect(draftToRequest(base)).not.toHaveProperty('smsOptIn');
    expect(draftToRequest({ ...base, type: 'report', anonymous: true, phone: '13800138000' })).not.toHaveProperty('smsOptIn');
  });

  it('passes the API’s own schema', () => {
    const checked = validateDraft({ ...base, phone: '13800138000' });
    expect(checked.ok && checked.body.smsOptIn).toBe(true);
  });
});
