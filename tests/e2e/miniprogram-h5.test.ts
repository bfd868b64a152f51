/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The citizen mini-program's H5 build in Chromium, against the whole local stack (`npm start`):
 * filing → credentials → login → case page; an official's reply → rating; wrong password,
 * lockout, and a network failure on submit that must not make a second case. axe-core checks
 * every page, in normal and large-text mode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../functions/src/lib/deps';
import { changeCase } from '../../functions/src/services/case-events';
import type { Deps } from '../../functions/src/services/deps';
import { freePort } from '../../infra/src/dynamo-local';
import { buildMiniprogram, isBuildFresh } from '../../infra/src/h5';
import { REPO_ROOT } from '../../infra/src/table-definition';
import { seriousAxeViolations } from '../support/axe';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TABLE_NAME = 'minsheng-local';

const localDir = mkdtempSync(join(tmpdir(), 'minsheng-h5-'));
let stack: ChildProcess | undefined;
let output = '';
let h5Url = '';
let apiUrl = '';
let dynamoEndpoint = '';
let deps: Deps;
let browser: Browser;

beforeAll(async () => {
  // Build once for this run (npm start would too, but the failure message is clearer here).
  if (!isBuildFresh('h5')) await buildMiniprogram('h5');
  const [apiPort, lambdaPort, dynamoPort, h5Port] = [await freePort(), await freePort(), await freePort(), await freePort()];
  stack = spawn('npm', ['start', '--', '--fresh'], {
    cwd: REPO_ROOT,
    detached: true,
    env: {
      ...process.env,
      MINSHENG_LOCAL_DIR: localDir,
      MINSHENG_API_PORT: String(apiPort),
      MINSHENG_LAMBDA_PORT: String(lambdaPort),
      MINSHENG_DYNAMO_PORT: String(dynamoPort),
      MINSHENG_H5_PORT: String(h5Port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stack.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  stack.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 200_000;
  while (!output.includes('Ctrl-C stops everything')) {
    if (stack.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  h5Url = /Mini-program\s+(http:\/\/\S+?)\/?\s/.exec(output)?.[1] ?? '';
  apiUrl = /API\s+(http:\/\/\S+?)\/api\s/.exec(output)?.[1] ?? '';
  dynamoEndpoint = /DynamoDB Local\s+(http:\/\/\S+)\s/.exec(output)?.[1] ?? '';
  expect(h5Url, output).toMatch(/^http:\/\//);
  expect(dynamoEndpoint, output).toMatch(/^http:\/\//);
  deps = createDeps({
    TABLE_NAME,
    AWS_REGION: 'local',
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    APP_SECRET: readFileSync(join(localDir, 'app-secret'), 'utf8').trim(),
    CITIZEN_TOKEN_MINUTES: 30,
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (stack?.pid && stack.exitCode === null) {
    const exited = new Promise<void>((done) => stack!.once('exit', () => done()));
    process.kill(-stack.pid, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  rmSync(localDir, { recursive: true, force: true });
}, 60_000);

/** A phone-sized page, with its own storage (a fresh device) unless a context is given. */
async function phone(context?: BrowserContext): Promise<Page> {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN', hasTouch: false }));
  const page = await ctx.newPage();
  page.on('pageerror', (error) => process.stdout.write(`[h5 page error] ${error.message}\n`));
  return page;
}

/** Wait until some visible element shows `text` (Taro H5 keeps earlier pages, hidden, in the DOM). */
async function shown(page: Page, text: string | RegExp) {
  await page.getByText(text).filter({ visible: true }).first().waitFor();
}

async function openHome(page: Page) {
  await page.goto(`${h5Url}/`);
  await shown(page, '有诉求，找民声');
}

/** axe-core on what is on screen: no serious or critical violations. Also: tap targets ≥ 44 px. */
async function expectAccessible(page: Page, what: string) {
  await page.waitForTimeout(150); // let Taro finish its layout pass
  expect(await seriousAxeViolations(page), `${what}: axe violations`).toEqual([]);
  const small = await page.evaluate(() => {
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
    return [...document.querySelectorAll('.btn, .choice, .toggle, .kind, .input, .textarea')]
      .filter(visible)
      .map((el) => ({ cls: el.className, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ cls, r }) => `${cls} ${Math.round(r.width)}×${Math.round(r.height)}`);
  });
  expect(small, `${what}: tap targets under 44 px`).toEqual([]);
}

async function fillComplaint(page: Page, title: string) {
  await page.getByRole('radio', { name: /拖欠农民工工资/ }).click();
  await page.locator('.file__title input').fill(title);
  await page.locator('.file__content textarea').fill('城南安置小区工地拖欠我们十二名工人三个月工资，共约十万元，多次找项目经理都说没钱。');
}

/** The case page after logging in on the track page with typed credentials. */
async function logInByHand(page: Page, caseNo: string, password: string) {
  await page.goto(`${h5Url}/#/pages/track/index`);
  await page.locator('.track__case-no input').fill(caseNo);
  await page.locator('.track__password input').fill(password);
  await page.locator('.track__submit').click();
}

async function fileByApi(title: string): Promise<{ caseNo: string; password: string }> {
  const res = await fetch(`${apiUrl}/api/cases`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'complaint', categoryId: 'luan-shoufei', title, content: '收费站多收费用。' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { caseNo: string; password: string };
}

async function casesTitled(title: string): Promise<number> {
  // A Scan is fine in a test on a small local table; the application never scans.
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const res = await doc.send(new ScanCommand({ TableName: TABLE_NAME, FilterExpression: 'sk = :sk AND title = :t', ExpressionAttributeValues: { ':sk': 'CASE', ':t': title } }));
  doc.destroy();
  return res.Count ?? 0;
}

describe('citizen mini-program (H5) in Chromium against the local stack', () => {
  let context: BrowserContext;
  let caseNo = '';
  let password = '';
  const title = `工地拖欠工资 ${Date.now().toString(36)}`;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' });
  });

  it('files a complaint, shows the credentials once, and a login with them shows 待受理 and the due date', async () => {
    const page = await phone(context);
    await openHome(page);
    await expectAccessible(page, 'home');
    await shown(page, /7 天内答复/);
    // Public totals from /api/stats/public …
    await shown(page, '累计受理');
    // … and where a deployment has no such endpoint (404), the block is simply not there.
    const bare = await phone();
    await bare.route('**/api/stats/public', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"NOT_FOUND","message":"请求的内容不存在"}}' }));
    await openHome(bare);
    await bare.waitForTimeout(500);
    expect(await bare.getByText('办理情况公开').count()).toBe(0);
    await expectAccessible(bare, 'home without public totals');
    await bare.context().close();

    await page.getByRole('link', { name: /我要投诉/ }).click();
    await page.getByRole('radio', { name: /拖欠农民工工资/ }).waitFor();
    expect(await page.getByRole('radio', { name: '投诉', checked: true }).count()).toBe(1);
    await expectAccessible(page, 'file form');

    // The draft survives leaving the page.
    await page.locator('.file__title input').fill(title);
    await shown(page, `${[...title].length} / 100 字`);
    await page.goBack();
    await shown(page, '有诉求，找民声');
    await page.getByRole('link', { name: /我要投诉/ }).click();
    await expect.poll(() => page.locator('.file__title input').inputValue()).toBe(title);

    await fillComplaint(page, title);
    // A wrong phone number is caught on the phone, with the API's own words.
    await page.locator('.file__phone input').fill('12345');
    await page.locator('.file__submit').click();
    await shown(page, '请填写正确的手机号或带区号的座机号');
    await expectAccessible(page, 'file form with errors');
    await page.locator('.file__phone input').fill('13800138000');
    await page.locator('.file__submit').click();

    await page.locator('.cred__case-no').waitFor();
    await shown(page, '提交成功');
    await shown(page, /请保存好下面的编号和密码/);
    caseNo = (await page.locator('.cred__case-no').innerText()).replace(/\s/g, '');
    password = (await page.locator('.cred__password').innerText()).replace(/\s/g, '');
    expect(caseNo).toMatch(/^\d{14}$/);
    expect(password).toMatch(/^[2-9A-Z]{8}$/);
    await expectAccessible(page, 'credentials');
    // Download as an image (H5).
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.cred__save').click()]);
    expect(download.suggestedFilename()).toContain(caseNo);

    // A fresh device: log in by typing the credentials.
    const other = await phone();
    await logInByHand(other, caseNo.replace(/(\d{8})/, '$1 '), password.toLowerCase());
    await shown(other, '待受理');
    await shown(other, title);
    await shown(other, /答复期限 \d{4}年\d{1,2}月\d{1,2}日（还剩 1[45] 天）/);
    await shown(other, '诉求已提交，等待受理');
    await expectAccessible(other, 'case page');
    await other.context().close();

    // This device remembers the case.
    await page.goto(`${h5Url}/#/pages/track/index`);
    await shown(page, title);
    await expectAccessible(page, 'track page with remembered case');
  });

  it('asks for more information, takes the supplement, then shows the official’s reply and takes the rating', async () => {
    // TODO: when the officials' console API is used by a test helper, make these changes through
    // POST /api/console/cases/{caseNo}/actions instead of the domain service.
    const handler = { role: 'handler', id: 'h1', departmentId: 'rsj' } as const;
    await changeCase(deps, caseNo, { action: 'accept', departmentId: 'rsj' }, { role: 'intake', id: 'intake-demo' }, {});
    await changeCase(deps, caseNo, { action: 'request_info', question: '请提供施工单位名称和欠薪的具体月份。' }, handler, {});

    const page = await phone(context);
    await page.goto(`${h5Url}/#/pages/track/index`);
    await page.getByRole('button', { name: `查看进度：${title}` }).click();
    await shown(page, '请提供施工单位名称和欠薪的具体月份。');
    await shown(page, '待补充材料');
    await shown(page, /期限暂停计算/);
    await expectAccessible(page, 'case page with supplement form');
    await page.locator('.supplement__content textarea').fill('施工单位是某建筑公司，欠薪月份为今年 8 月至 10 月。');
    await page.locator('.supplement__submit').click();
    await shown(page, '补充材料已提交，办理继续进行。');
    await shown(page, '办理中');
    expect(await page.locator('.supplement__submit').count()).toBe(0);

    const answer = '经核查，施工单位已于本周将拖欠的工资全部发放到位。';
    await changeCase(deps, caseNo, { action: 'reply', answer }, handler, {});
    await page.locator('.detail__refresh').click();
    await shown(page, answer);
    await shown(page, '已答复');
    await shown(page, '人力资源和社会保障局');
    await expectAccessible(page, 'case page with answer and rating form');

    await page.locator('.rating__submit').click();
    await shown(page, '请选择：满意、基本满意或不满意');
    await page.getByRole('radio', { name: '满意', exact: true }).click();
    await page.locator('.rating__comment textarea').fill('处理很及时，谢谢！');
    await page.locator('.rating__submit').click();
    await shown(page, '感谢您的评价！');
    await shown(page, '您的评价');
    await shown(page, '处理很及时，谢谢！');
    expect(await page.locator('.rating__submit').count()).toBe(0);
    await expectAccessible(page, 'case page after rating');
  });

  it('says plainly when the password is wrong, and explains the lockout', async () => {
    const page = await phone();
    await logInByHand(page, caseNo, 'WRONG234');
    await shown(page, '案件编号或查询密码不正确，还可尝试 4 次');
    expect(await page.getByText('INVALID_CREDENTIALS').count()).toBe(0);
    await expectAccessible(page, 'wrong password');

    const victim = await fileByApi('收费站乱收费');
    let locked = false;
    for (let i = 0; i < 6 && !locked; i++) {
      await page.locator('.track__case-no input').fill(victim.caseNo);
      await page.locator('.track__password input').fill(`WRONG23${i + 2}`);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/track/login'));
      await page.locator('.track__submit').click();
      locked = (await answered).status() === 429;
    }
    expect(locked).toBe(true);
    await shown(page, '暂时锁定');
    await shown(page, /该案件编号的密码错误次数过多，已暂时锁定，请 \d+ 分钟后再试/);
    await shown(page, /连续输错 5 次密码后，会暂时锁定 15 分钟/);
    expect(await page.getByText('TOO_MANY_ATTEMPTS').count()).toBe(0);
    await expectAccessible(page, 'lockout');
    await page.context().close();
  });

  it('a network failure on submit, then a retry, makes one case only', async () => {
    const page = await phone();
    const retryTitle = `网络中断后重试 ${Date.now().toString(36)}`;
    await page.goto(`${h5Url}/#/pages/file/index?type=complaint`);
    await page.getByRole('radio', { name: /拖欠农民工工资/ }).waitFor();
    await fillComplaint(page, retryTitle);

    // The first POST reaches the server (which files the case), but the phone never hears back.
    let firstAnswer: { caseNo?: string } | undefined;
    const keys: string[] = [];
    await page.route('**/api/cases', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (!firstAnswer) {
        firstAnswer = (await (await route.fetch()).json()) as { caseNo?: string };
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.locator('.file__submit').click();
    await shown(page, /网络连接失败/);
    expect(firstAnswer?.caseNo).toMatch(/^\d{14}$/);
    await shown(page, '重新提交');
    await expectAccessible(page, 'network error on submit');

    await page.locator('.file__submit').click();
    await page.locator('.cred__case-no').waitFor();
    expect((await page.locator('.cred__case-no').innerText()).replace(/\s/g, '')).toBe(firstAnswer!.caseNo);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[\x21-\x7e]{8,128}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await casesTitled(retryTitle)).toBe(1);
    await page.context().close();
  });

  it('large-text mode is remembered, enlarges the text, and every page still passes axe', async () => {
    const page = await phone(context);
    await openHome(page);
    const normal = await page.locator('.home__intro').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await page.getByRole('switch', { name: '大字模式' }).click();
    await expect.poll(() => page.locator('.home__intro').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(normal * 1.2);
    expect(await page.getByRole('switch', { name: '大字模式', checked: true }).count()).toBe(1);
    await expectAccessible(page, 'home (large text)');

    // Remembered: a reload keeps it.
    await page.reload();
    await shown(page, '有诉求，找民声');
    expect(await page.locator('.screen--large').count()).toBeGreaterThan(0);

    const pages: [string, string, string][] = [
      ['file form', '/#/pages/file/index?type=report', '匿名举报'],
      ['track page', '/#/pages/track/index', '本机保存的诉求'],
      ['credentials', `/#/subpackages/case/credentials/index?caseNo=${caseNo}`, '请保存好下面的编号和密码'],
      ['case page', `/#/subpackages/case/detail/index?caseNo=${caseNo}`, '办理记录'],
    ];
    for (const [what, path, marker] of pages) {
      await page.goto(`${h5Url}${path}`);
      await shown(page, marker);
      expect(await page.locator('.screen--large:visible').count(), what).toBeGreaterThan(0);
      await expectAccessible(page, `${what} (large text)`);
    }
    // The anonymous-report explanation says who sees the identity.
    await page.goto(`${h5Url}/#/pages/file/index?type=report`);
    await shown(page, /被举报的部门和承办人看不到/);
    await page.getByRole('switch', { name: '匿名举报' }).click();
    await shown(page, /不留姓名和电话/);
    expect(await page.locator('.file__phone input').count()).toBe(0);
    await expectAccessible(page, 'anonymous report (large text)');
  });
});
