/// <reference lib="dom" />
/**
 * Reach (issue 13) in the citizen mini-program's H5 build, in Chromium, against `npm start` with its
 * fake SMS provider: a case filed with a phone has its number texted (never its password); the
 * remembered list shows 有新进展 once an official acts; the credentials are lost (storage cleared) and
 * recovered with the code texted to the phone — the case and its answer open without a password, a
 * new password replaces the old one; a case filed without a phone says plainly it cannot be recovered;
 * a merged case shows the kept case's answer. axe-core checks the new pages, in large-text mode too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMiniprogram, isBuildFresh } from '../../infra/src/h5';
import { launchChromium } from '../support/chromium';
import { consoleApi, expectAccessible, PHONE, phonePage, shown, visibleCount } from '../support/h5';
import { call, ctrlC, npmStart, type RunningStack } from '../support/local-stack';

const localDir = mkdtempSync(join(tmpdir(), 'minsheng-reach-'));
let stack: RunningStack | undefined;
let h5Url = '';
let apiUrl = '';
let smsUrl = '';
let browser: Browser;

beforeAll(async () => {
  if (!isBuildFresh('h5')) await buildMiniprogram('h5');
  stack = await npmStart(localDir, ['--fresh']);
  h5Url = stack.h5Url ?? '';
  apiUrl = stack.apiUrl;
  expect(h5Url, stack.output()).toMatch(/^http:\/\//);
  // The banner names the fake SMS provider (infra/src/fake-sms.ts) and where it lists what it received.
  smsUrl = /SMS[^\n]*?(http:\/\/(?:localhost|127\.0\.0\.1):\d+)/i.exec(stack.output())?.[1] ?? '';
  expect(smsUrl, `npm start's banner names no fake SMS server:\n${stack.output()}`).toMatch(/^http:\/\//);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (stack && stack.child.exitCode === null) await ctrlC(stack);
  rmSync(localDir, { recursive: true, force: true });
}, 60_000);

// ---- the fake SMS provider: what it received, to one phone ----

/** One message the fake received: whom it went to (E.164 as sent) and what the phone shows. */
interface Sms {
  phone: string;
  text: string;
}

/** Every message the fake received (GET /messages). */
async function smsMessages(): Promise<Sms[]> {
  const res = await fetch(`${smsUrl}/messages`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as unknown;
  const list = (Array.isArray(body) ? body : ((body as { messages?: unknown[] }).messages ?? [])) as Partial<Sms>[];
  return list.map((m) => ({ phone: String(m.phone ?? ''), text: String(m.text ?? JSON.stringify(m)) }));
}

/** The texts sent to `phone` (11 digits; the fake keeps +86…), oldest first. */
async function smsTo(phone: string): Promise<string[]> {
  return (await smsMessages()).filter((m) => m.phone.endsWith(phone)).map((m) => m.text);
}

/**
 * Run the notifier now, as its every-minute schedule would (serverless-offline's Lambda endpoint,
 * like `npm run local:sweep` for the timers), so the test does not sit out the minute.
 */
async function runNotifier(): Promise<void> {
  const res = await fetch(`http://localhost:${stack!.lambdaPort}/2015-03-31/functions/minsheng-local-notifier/invocations`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(200);
}

/** Wait for a new text to `phone` (beyond the `seen` first ones) that passes `test`: the outbox, delivered. */
async function nextSms(phone: string, seen: number, test: (text: string) => boolean = () => true): Promise<string> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    await runNotifier();
    const found = (await smsTo(phone)).slice(seen).find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no SMS to ${phone} after ${seen} earlier ones:\n${(await smsTo(phone)).join('\n')}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The 6-digit code in a message (not part of a longer number such as the case number or the phone). */
function codeIn(text: string): string | undefined {
  return /(?<!\d)(\d{6})(?!\d)/.exec(text)?.[1];
}

/** A mobile number no other test uses. */
function freshPhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

// ---- officials act through the console API (tests/support/h5.ts); the phone ----

const { official, act } = consoleApi(() => apiUrl);
const phoneContext = () => browser.newContext(PHONE);
const newPage = (context: BrowserContext) => phonePage(context);

/** File a complaint on the form; returns the request body sent and the credentials shown. */
async function fileOnForm(page: Page, title: string, phone?: string): Promise<{ sent: Record<string, unknown>; caseNo: string; password: string }> {
  await page.goto(`${h5Url}/#/pages/file/index?type=complaint`);
  await page.getByRole('radio', { name: /拖欠农民工工资/ }).click();
  await page.locator('.file__title input').fill(title);
  await page.locator('.file__content textarea').fill('城南安置小区工地拖欠我们十二名工人三个月工资，共约十万元，多次找项目经理都说没钱。');
  if (phone) {
    await page.locator('.file__phone input').fill(phone);
    const sms = page.getByRole('switch', { name: '短信接收办理进度' });
    expect(await sms.getAttribute('aria-checked')).toBe('true');
    await shown(page, /提交成功时会立即把案件编号发到这个手机/);
    await shown(page, /查询密码不会通过短信发送/);
    await expectAccessible(page, 'filing form with a phone and the SMS switch');
  }
  const request = page.waitForRequest((r) => r.url().endsWith('/api/cases') && r.method() === 'POST');
  await page.locator('.file__submit').click();
  const sent = JSON.parse((await request).postData() ?? '{}') as Record<string, unknown>;
  await page.locator('.cred__case-no').filter({ visible: true }).waitFor();
  const caseNo = (await page.locator('.cred__case-no').filter({ visible: true }).innerText()).replace(/\s/g, '');
  const password = (await page.locator('.cred__password').filter({ visible: true }).innerText()).replace(/\s/g, '');
  expect(caseNo).toMatch(/^\d{14}$/);
  return { sent, caseNo, password };
}

/** How many lines each space-separated group of the visible `selector`'s text spans (1 each: no group cut). */
async function groupLines(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).filter({ visible: true }).first().evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const tops: { ch: string; top: number }[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        tops.push({ ch: text[i]!, top: Math.round(rect.top) });
      }
    }
    const groups: Set<number>[] = [new Set()];
    for (const { ch, top } of tops) {
      if (/\s/.test(ch)) groups.push(new Set());
      else groups[groups.length - 1]!.add(top);
    }
    return groups.filter((g) => g.size > 0).map((g) => g.size);
  });
}

async function rememberedCard(page: Page, title: string) {
  return page.locator('.mine').filter({ visible: true }).filter({ hasText: title });
}

describe('Reach in the H5 mini-program: SMS, 有新进展, recovery by SMS code', () => {
  const phone = freshPhone();
  const title = `工地拖欠工资 ${Date.now().toString(36)}`;
  const answer = '经核查，施工单位已于本周将拖欠的工资全部发放到位。';
  let context: BrowserContext;
  let caseNo = '';
  let password = '';

  beforeAll(async () => {
    context = await phoneContext();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('files with a phone: SMS opted in, the credentials page says the password can be recovered, and the fake SMS server gets the case number (never the password)', async () => {
    const page = await newPage(context);
    const filed = await fileOnForm(page, title, phone);
    ({ caseNo, password } = filed);
    expect(filed.sent).toMatchObject({ contact: { phone }, smsOptIn: true });
    await shown(page, '忘记密码时，可凭提交时填写的手机号找回');
    expect(await visibleCount(page, /您没有留手机号/)).toBe(0);
    await expectAccessible(page, 'credentials with a phone');

    const filedSms = await nextSms(phone, 0, (text) => text.includes(caseNo));
    expect(filedSms).not.toContain(password);
    expect(filedSms.toLowerCase()).not.toContain(password.toLowerCase());
  });

  it('the remembered list shows the status, and 有新进展 after an official replies, until the case is opened', async () => {
    const page = await newPage(context);
    // The case page once: this device has seen the case as filed.
    await page.goto(`${h5Url}/#/pages/track/index`);
    const card = await rememberedCard(page, title);
    await card.waitFor();
    await card.getByText('待受理').waitFor();
    expect(await card.getByText('有新进展').count()).toBe(0);
    await page.getByRole('button', { name: `查看进度：${title}` }).click();
    await shown(page, '办理记录');

    const intake = await official('shouli');
    await act(intake, caseNo, { action: 'accept', departmentId: 'rsj' });
    await act(await official('rsj'), caseNo, { action: 'reply', result: 'resolved', answer });

    await page.goto(`${h5Url}/#/pages/track/index`);
    const after = await rememberedCard(page, title);
    await after.getByText('已答复').waitFor();
    await after.getByText('有新进展').waitFor();
    await expectAccessible(page, 'track page with 有新进展');

    // Opened: the answer; back on the list the mark is gone.
    await page.getByRole('button', { name: `查看进度：${title}` }).click();
    await shown(page, answer);
    await page.goto(`${h5Url}/#/pages/track/index`);
    await (await rememberedCard(page, title)).getByText('已答复').waitFor();
    expect(await (await rememberedCard(page, title)).getByText('有新进展').count()).toBe(0);
    await page.close();
  });

  it('credentials lost (storage cleared): recovered with the code texted to the phone — the case and its answer without a password, then a new password', async () => {
    const page = await newPage(context);
    await page.goto(`${h5Url}/#/pages/track/index`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await shown(page, '在这台手机上提交的诉求会自动保存在这里');
    expect(await (await rememberedCard(page, title)).count()).toBe(0);

    await page.getByRole('button', { name: '忘记查询密码？用手机号找回' }).click();
    await shown(page, '用手机号找回');
    await expectAccessible(page, 'recover page');
    const before = (await smsTo(phone)).length;
    await page.locator('.recover__phone input').fill(phone);
    await page.locator('.recover__send').click();
    await shown(page, /如果该手机号提交过诉求，验证码已发送/);
    await shown(page, /\d+ 秒后可重新发送/);
    await expectAccessible(page, 'recover page, code sent');
    const code = codeIn(await nextSms(phone, before, (text) => codeIn(text) !== undefined));
    expect(code).toMatch(/^\d{6}$/);

    // A wrong code first: said plainly, on the code field.
    await page.locator('.recover__code input').fill(code === '000000' ? '111111' : '000000');
    await page.locator('.recover__verify').click();
    await shown(page, /验证码错误或已过期/);
    await expectAccessible(page, 'recover page, wrong code');

    await page.locator('.recover__code input').fill(code!);
    await page.locator('.recover__verify').click();
    await shown(page, '这个手机号提交的诉求');
    const item = page.locator('.me-case').filter({ visible: true }).filter({ hasText: caseNo.slice(8) });
    await item.getByText('已答复').waitFor();
    await expectAccessible(page, 'recover page, my cases');

    // Open it: no password asked, the answer is there.
    await item.getByText('有新进展').waitFor();
    await item.getByRole('button', { name: /查看进度/ }).click();
    await shown(page, answer);
    await page.goBack();
    await shown(page, '这个手机号提交的诉求');
    // Seen: back on the list, its 有新进展 is gone (the list is asked again, not kept from before).
    await expect.poll(() => item.getByText('有新进展').count(), { timeout: 10_000 }).toBe(0);

    // A new password, shown once; the old one stops working, the new one works.
    await page.locator('.me-case').filter({ visible: true }).filter({ hasText: caseNo.slice(8) }).getByRole('button', { name: /重设密码/ }).click();
    await page.locator('.taro-model__confirm').filter({ visible: true }).click();
    await page.locator('.recover__password').filter({ visible: true }).waitFor();
    const fresh = (await page.locator('.recover__password').filter({ visible: true }).innerText()).replace(/\s/g, '');
    expect(fresh).toMatch(/^[2-9A-Z]{8}$/);
    expect(fresh).not.toBe(password);
    await expectAccessible(page, 'recover page, new password');
    expect((await call(`${apiUrl}/api/track/login`, { body: { caseNo, password } })).status).toBe(401);
    expect((await call(`${apiUrl}/api/track/login`, { body: { caseNo, password: fresh } })).status).toBe(200);

    // This device remembers the case again, with its status.
    await page.goto(`${h5Url}/#/pages/track/index`);
    const card = page.locator('.mine').filter({ visible: true }).filter({ hasText: caseNo.slice(8) });
    await card.getByText('已答复').waitFor();
    await card.getByRole('button', { name: /查看进度/ }).click();
    await shown(page, answer);
    await page.close();
  });

  it('the recovery pages pass axe in large-text mode', async () => {
    const page = await newPage(context);
    await page.goto(`${h5Url}/#/pages/track/index`);
    await page.getByRole('switch', { name: '大字模式' }).click();
    await page.goto(`${h5Url}/#/subpackages/case/recover/index`);
    await shown(page, '用手机号找回');
    expect(await page.locator('.screen--large:visible').count()).toBeGreaterThan(0);
    await page.locator('.recover__send').click();
    await shown(page, '请输入提交诉求时填写的手机号');
    await expectAccessible(page, 'recover page (large text)');
    await page.goto(`${h5Url}/#/pages/track/index`);
    await page.getByRole('switch', { name: '大字模式' }).click();
    await page.close();
  });
});

describe('Reach in the H5 mini-program: no phone, merged cases, all statuses in one request', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await phoneContext();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a case filed without a phone says, on the credentials page, that a lost password cannot be recovered', async () => {
    const page = await newPage(context);
    const { sent } = await fileOnForm(page, `无电话的投诉 ${Date.now().toString(36)}`);
    expect(sent).not.toHaveProperty('smsOptIn');
    await shown(page, '查询密码丢失后无法找回');
    await shown(page, '您没有留手机号，密码丢失后不能用短信找回。请现在就截图、下载凭证图片，或抄写在纸上。');
    expect(await visibleCount(page, '忘记密码时，可凭提交时填写的手机号找回')).toBe(0);
    await expectAccessible(page, 'credentials without a phone');

    // In large text the 14 digits take two lines: they wrap between the groups, never inside one.
    const url = page.url();
    await page.goto(`${h5Url}/#/pages/track/index`);
    await page.getByRole('switch', { name: '大字模式' }).click();
    await page.goto(url);
    await page.locator('.screen--large .cred__case-no').filter({ visible: true }).waitFor();
    expect(await groupLines(page, '.cred__case-no')).toEqual([1, 1]);
    expect(await groupLines(page, '.cred__password')).toEqual([1, 1]);
    await expectAccessible(page, 'credentials without a phone (large text)');
    await page.goto(`${h5Url}/#/pages/track/index`);
    await page.getByRole('switch', { name: '大字模式' }).click();
    await page.close();
  });

  it('a merged case shows the kept case and its answer, and its citizen is texted when the kept case is answered', async () => {
    const keptPhone = freshPhone();
    const mergedPhone = freshPhone();
    const kept = await call(`${apiUrl}/api/cases`, {
      body: { type: 'complaint', categoryId: 'tuoqian-gongzi', title: '同一工地欠薪', content: '城南安置小区工地拖欠工资。', contact: { phone: keptPhone } },
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    const page = await newPage(context);
    const title = `同一工地欠薪（另一位工人）${Date.now().toString(36)}`;
    const merged = await fileOnForm(page, title, mergedPhone);
    await nextSms(mergedPhone, 0, (text) => text.includes(merged.caseNo));

    const intake = await official('shouli');
    await act(intake, kept.body.caseNo, { action: 'accept', departmentId: 'rsj' });
    await act(intake, merged.caseNo, { action: 'merge', intoCaseNo: kept.body.caseNo });
    const seen = (await smsTo(mergedPhone)).length;
    const keptAnswer = '经核查，该工地拖欠的工资已全部发放，涉及的工人均已领到。';
    await act(await official('rsj'), kept.body.caseNo, { action: 'reply', result: 'resolved', answer: keptAnswer });

    // Both remembered cases' statuses in ONE request, none by logging in to each.
    const asked: { url: string; body: string }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/track/')) asked.push({ url: r.url(), body: r.postData() ?? '' });
    });
    await page.goto(`${h5Url}/#/pages/track/index`);
    await (await rememberedCard(page, title)).getByText('有新进展').waitFor();
    await (await rememberedCard(page, '无电话的投诉')).getByText('待受理').waitFor();
    expect(asked.length).toBeGreaterThan(0);
    for (const request of asked) {
      expect(request.url).toMatch(/\/api\/track\/status$/);
      expect((JSON.parse(request.body) as { cases: unknown[] }).cases).toHaveLength(2);
    }
    await expectAccessible(page, 'track page, two remembered cases with status');

    await page.getByRole('button', { name: `查看进度：${title}` }).click();
    await shown(page, `合并办理的案件 ${kept.body.caseNo.slice(0, 8)} ${kept.body.caseNo.slice(8)}`);
    await shown(page, keptAnswer);
    await expectAccessible(page, 'merged case page with the kept case’s answer');
    // Told through their own channel too: a new SMS to the merged case's phone, about the merged case.
    await nextSms(mergedPhone, seen, (text) => text.includes(merged.caseNo));
    await page.close();
  });
});
