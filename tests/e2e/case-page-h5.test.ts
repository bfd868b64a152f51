/// <reference lib="dom" />
/**
 * The case page (issue 17) in the citizen mini-program's H5 build, in Chromium at 390×844, against
 * `npm start`: 加载中… while the case is on its way, the step view marking where the case is,
 * 撤回诉求 only before acceptance (confirmed, then 已撤回), what a 不满意 rating leads to (the notice
 * with the new due date, the earlier answer marked, not the green of 满意), 朗读 through the
 * browser's speechSynthesis, and the library's no-result state for a question it holds nothing
 * about. axe-core and tap targets in normal and large-text mode.
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

const localDir = mkdtempSync(join(tmpdir(), 'minsheng-case-page-'));
let stack: RunningStack | undefined;
let h5Url = '';
let apiUrl = '';
let browser: Browser;
const officials = consoleApi(() => apiUrl);

beforeAll(async () => {
  if (!isBuildFresh('h5')) await buildMiniprogram('h5');
  stack = await npmStart(localDir, ['--fresh']);
  h5Url = stack.h5Url ?? '';
  apiUrl = stack.apiUrl;
  expect(h5Url, stack.output()).toMatch(/^http:\/\//);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (stack && stack.child.exitCode === null) await ctrlC(stack);
  rmSync(localDir, { recursive: true, force: true });
}, 60_000);

async function fileByApi(title: string): Promise<{ caseNo: string; password: string }> {
  const res = await call(`${apiUrl}/api/cases`, { body: { type: 'complaint', categoryId: 'luan-shoufei', title, content: '收费站多收了我二十元通行费，没有给票据。' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { caseNo: string; password: string };
}

/** Log in on the track page by typing the credentials; the app goes on to the case page. */
async function logIn(page: Page, c: { caseNo: string; password: string }) {
  await page.goto(`${h5Url}/#/pages/track/index`);
  await page.locator('.track__case-no input').fill(c.caseNo);
  await page.locator('.track__password input').fill(c.password);
  await page.locator('.track__submit').click();
}

/** The step the step view marks current: its visible words. */
const currentStep = (page: Page) => page.locator('.steps [aria-current="step"]').filter({ visible: true }).innerText();

async function largeText(context: BrowserContext): Promise<Page> {
  const page = await phonePage(context);
  await page.goto(`${h5Url}/`);
  await shown(page, '有诉求，找民声');
  await page.getByRole('switch', { name: '大字模式' }).click();
  await page.getByRole('switch', { name: '大字模式', checked: true }).waitFor();
  return page;
}

describe('the case page (H5, 390×844)', () => {
  it('shows 加载中… while the case is on its way, marks 受理 as the current step, and lets the citizen withdraw before acceptance', async () => {
    const c = await fileByApi(`收费站多收费 ${Date.now().toString(36)}`);
    const context = await browser.newContext(PHONE);
    const page = await phonePage(context);
    // Hold the case until the test has seen the loading state.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/track/case', async (route) => {
      if (route.request().method() === 'GET') await held;
      await route.continue();
    });
    await logIn(page, c);
    const loading = page.getByRole('status').filter({ hasText: '加载中…' }).filter({ visible: true });
    await loading.waitFor();
    expect(await page.locator('.case-loading__spinner').filter({ visible: true }).count()).toBe(1);
    await expectAccessible(page, 'case page, loading');
    release();

    await shown(page, '待受理');
    expect(await loading.count()).toBe(0);
    expect(await currentStep(page)).toContain('受理');
    expect(await currentStep(page)).toContain('等待受理');
    expect(await page.locator('.steps [role="listitem"]').filter({ visible: true }).allInnerTexts()).toHaveLength(5);
    await expectAccessible(page, 'case page, 待受理');

    // 撤回诉求: a confirmation that says it cannot be undone; cancelling changes nothing.
    await page.getByRole('button', { name: '撤回诉求' }).click();
    await shown(page, /撤回后不能恢复/);
    await expectAccessible(page, 'case page, confirm withdrawal');
    await page.getByRole('button', { name: '不撤回' }).click();
    await page.getByRole('button', { name: '撤回诉求' }).waitFor();
    await page.getByRole('button', { name: '撤回诉求' }).click();
    await page.locator('.withdraw__reason textarea').fill('已经退还了多收的费用');
    await page.getByRole('button', { name: '确认撤回' }).click();

    await shown(page, '诉求已撤回。这件诉求不会再被办理。');
    await shown(page, '您已撤回这件诉求。原因：已经退还了多收的费用');
    await page.locator('.detail__status-label').filter({ hasText: '已撤回' }).filter({ visible: true }).waitFor();
    expect(await currentStep(page)).toContain('已撤回');
    expect(await page.getByRole('button', { name: '撤回诉求' }).count()).toBe(0);
    await expectAccessible(page, 'case page, 已撤回');

    // The server agrees: the case is withdrawn, and stays off the intake queue.
    const token = await officials.official('shouli');
    const seen = await call(`${apiUrl}/api/console/cases/${c.caseNo}`, { token });
    expect(seen.body.status).toBe('withdrawn');
    expect(seen.body.statusLabel).toBe('已撤回');
    const queue = await call(`${apiUrl}/api/console/cases?queue=intake&limit=100`, { token });
    expect((queue.body.items as { caseNo: string }[]).map((i) => i.caseNo)).not.toContain(c.caseNo);
    await context.close();
  });

  it('offers no 撤回 once accepted; after 不满意 it says the case went back with a new due date, the earlier answer marked, in a warning tone', async () => {
    const c = await fileByApi(`收费站多收费 ${Date.now().toString(36)}b`);
    await officials.act(await officials.official('shouli'), c.caseNo, { action: 'accept', departmentId: 'rsj' });
    const context = await browser.newContext(PHONE);
    const page = await phonePage(context);
    await logIn(page, c);
    await shown(page, '办理中');
    expect(await currentStep(page)).toContain('办理');
    expect(await page.getByRole('button', { name: '撤回诉求' }).count()).toBe(0);

    const answer = '经核查，收费站已退还多收的二十元，并补开票据。';
    await officials.act(await officials.official('rsj'), c.caseNo, { action: 'reply', result: 'resolved', answer });
    await page.locator('.detail__refresh').click();
    await shown(page, answer);
    expect(await currentStep(page)).toContain('评价');
    await page.getByRole('radio', { name: '不满意', exact: true }).click();
    await shown(page, /会退回承办部门重新办理/);
    await page.locator('.rating__comment textarea').fill('票据至今没有收到。');
    await page.locator('.rating__submit').click();

    await shown(page, '已收到您的评价：不满意。案件已退回承办部门重新办理。');
    expect(await page.locator('.detail__flash .notice--warning').filter({ visible: true }).count()).toBe(1);
    expect(await page.locator('.detail__flash .notice--success').count()).toBe(0);
    await shown(page, '您对答复不满意');
    await shown(page, /已退回.+重新办理，新的答复期限为 \d{4}年\d{1,2}月\d{1,2}日/);
    await shown(page, '此前的答复');
    await shown(page, /您对这份答复不满意，承办部门正在重新办理/);
    await shown(page, answer);
    expect(await currentStep(page)).toContain('重新办理');
    // 不满意 is not shown in the green of 满意.
    const colours = await page.locator('.rating__given').filter({ visible: true }).evaluate((el) => getComputedStyle(el).color);
    expect(colours).not.toBe('rgb(19, 108, 58)');
    expect(colours).toBe('rgb(122, 65, 0)');
    await expectAccessible(page, 'case page after 不满意');

    const large = await largeText(context);
    await large.goto(`${h5Url}/#/subpackages/case/detail/index?caseNo=${c.caseNo}`);
    await shown(large, '您对答复不满意');
    expect(await large.locator('.screen--large:visible').count()).toBeGreaterThan(0);
    await expectAccessible(large, 'case page after 不满意 (large text)');
    await context.close();
  });

  it('朗读 reads the status and the answer aloud in Chinese, becomes 停止朗读, and is not offered without speechSynthesis', async () => {
    const c = await fileByApi(`收费站多收费 ${Date.now().toString(36)}c`);
    const context = await browser.newContext(PHONE);
    // A recording speechSynthesis: what was said, in which language, and whether it was stopped.
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const said: { text: string; lang: string }[] = [];
      let current: { onend?: () => void } | undefined;
      w.__said = said;
      w.__cancelled = 0;
      w.SpeechSynthesisUtterance = function (this: Record<string, unknown>, text: string) {
        this.text = text;
      };
      Object.defineProperty(window, 'speechSynthesis', {
        configurable: true,
        value: {
          speak: (u: { text: string; lang: string; onend?: () => void }) => {
            said.push({ text: u.text, lang: u.lang });
            current = u;
          },
          cancel: () => {
            w.__cancelled = (w.__cancelled as number) + 1;
            current = undefined;
          },
          getVoices: () => [{ lang: 'zh-CN', name: '中文' }],
        },
      });
      w.__finish = () => current?.onend?.();
    });
    const page = await phonePage(context);
    await logIn(page, c);
    await shown(page, '待受理');
    await page.getByRole('button', { name: '朗读', exact: true }).click();
    await page.getByRole('button', { name: '停止朗读' }).waitFor();
    const said = (await page.evaluate(() => (window as unknown as { __said: { text: string; lang: string }[] }).__said)).at(-1)!;
    expect(said.lang).toBe('zh-CN');
    expect(said.text).toContain('案件状态：待受理');
    expect(said.text).toContain('答复期限');
    await expectAccessible(page, 'case page while reading aloud');
    await page.getByRole('button', { name: '停止朗读' }).click();
    await page.getByRole('button', { name: '朗读', exact: true }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __cancelled: number }).__cancelled)).toBeGreaterThan(0);
    // Reading to the end turns the button back too.
    await page.getByRole('button', { name: '朗读', exact: true }).click();
    await page.getByRole('button', { name: '停止朗读' }).waitFor();
    await page.evaluate(() => (window as unknown as { __finish: () => void }).__finish());
    await page.getByRole('button', { name: '朗读', exact: true }).waitFor();
    await context.close();

    // A browser without speechSynthesis: no button that cannot work.
    const bare = await browser.newContext(PHONE);
    await bare.addInitScript(() => {
      delete (window as unknown as Record<string, unknown>).speechSynthesis;
      Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
    });
    const plain = await phonePage(bare);
    await logIn(plain, c);
    await shown(plain, '待受理');
    expect(await visibleCount(plain, /^朗读$/)).toBe(0);
    await bare.close();
  });

  it('an error loading the case says so with 重试, and 重试 loads it', async () => {
    const c = await fileByApi(`收费站多收费 ${Date.now().toString(36)}d`);
    const context = await browser.newContext(PHONE);
    const page = await phonePage(context);
    let fail = true;
    await page.route('**/api/track/case', (route) => (fail && route.request().method() === 'GET' ? route.abort('connectionreset') : route.continue()));
    await logIn(page, c);
    await shown(page, '没能打开这件诉求');
    await expectAccessible(page, 'case page, failed to load');
    fail = false;
    await page.getByRole('button', { name: '重试' }).click();
    await shown(page, '待受理');
    await context.close();
  });
});

describe('the library (H5)', () => {
  it('a question about what the library does not hold shows only the no-result state, with what to try', async () => {
    const context = await browser.newContext(PHONE);
    const page = await phonePage(context);
    await page.goto(`${h5Url}/#/subpackages/library/search/index`);
    await shown(page, /最新发布的政策和问答/);
    await page.locator('.lib-search__input input').fill('外星人补贴');
    await page.locator('.lib-search__submit').click();
    await shown(page, '没有找到与“外星人补贴”相关的内容');
    await shown(page, /换个说法再搜/);
    expect(await visibleCount(page, /找到 \d+ 条/)).toBe(0);
    expect(await page.locator('.lib-card:visible').count()).toBe(0);
    await expectAccessible(page, 'library, nonsense query');

    const large = await largeText(context);
    await large.goto(`${h5Url}/#/subpackages/library/search/index`);
    await shown(large, /最新发布的政策和问答/);
    await large.locator('.lib-search__input input').fill('外星人补贴');
    await large.locator('.lib-search__submit').click();
    await shown(large, '没有找到与“外星人补贴”相关的内容');
    await expectAccessible(large, 'library, nonsense query (large text)');
    await context.close();
  });
});
