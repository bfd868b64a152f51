/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The visual suite of the citizen mini-program's H5 build (issue #17): every page, in normal and
 * large-text mode, on a 360×640 and a 390×844 phone, against the whole local stack (`npm start`).
 * Fails on what a reviewer saw: text under 16 px in large mode, anything wider than the screen or
 * its card, a case number or password (or a short label) split across lines, an input or textarea under 16 px, a
 * loading state with nothing on screen. Screenshots go to a folder under the OS tmp dir (printed).
 * Also: the credentials picture (its QR code decoded, no text cut off), the login checks before any
 * request, the lockout words, the scroll to the first error, and the draft notice with 清空重填.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMiniprogram, isBuildFresh } from '../../infra/src/h5';
import { launchChromium } from '../support/chromium';
import { shown } from '../support/h5';
import { call, ctrlC, npmStart, type RunningStack } from '../support/local-stack';

const localDir = mkdtempSync(join(tmpdir(), 'minsheng-visual-'));
const shots = mkdtempSync(join(tmpdir(), 'minsheng-visual-shots-'));
let stack: RunningStack | undefined;
let h5Url = '';
let apiUrl = '';
let browser: Browser;
let filed: { caseNo: string; password: string; dueAt: string };

/** As miniprogram/src/features/cases/credential-image.ts draws it (its module needs the Taro runtime, so not imported here). */
const CREDENTIAL_IMAGE = { width: 750, margin: 48 } as const;

const TITLE = '小区门口道路破损积水，老人孩子出行不便';

beforeAll(async () => {
  if (!isBuildFresh('h5')) await buildMiniprogram('h5');
  stack = await npmStart(localDir, ['--fresh']);
  h5Url = stack.h5Url ?? '';
  apiUrl = stack.apiUrl;
  expect(h5Url, stack.output()).toMatch(/^http:\/\//);
  // The case the case page and the credentials page show: filed through the API, as a phone would.
  const res = await call(`${apiUrl}/api/cases`, { body: { type: 'complaint', categoryId: 'luan-shoufei', title: TITLE, content: '小区门口的道路破损严重，下雨天大面积积水。', contact: { phone: '13800138000' } } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  filed = res.body;
  browser = await launchChromium();
  process.stdout.write(`[visual-h5] screenshots in ${shots}\n`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (stack && stack.child.exitCode === null) await ctrlC(stack);
  rmSync(localDir, { recursive: true, force: true });
  process.stdout.write(`[visual-h5] screenshots kept in ${shots}\n`);
}, 60_000);

/** Taro H5 keeps values as `{"data": <what setStorageSync got>}`; the app stores JSON strings. */
function storageScript(values: Record<string, unknown>): string {
  return `(() => { const v = ${JSON.stringify(values)}; for (const k of Object.keys(v)) if (localStorage.getItem(k) === null) localStorage.setItem(k, JSON.stringify({ data: JSON.stringify(v[k]) })); })();`;
}

/** A fresh phone: its size, large text or not, and the filed case remembered on it (as after filing). */
async function device(viewport: { width: number; height: number }, large: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true });
  await context.addInitScript(
    storageScript({
      'minsheng:large-text': large,
      'minsheng:cases': [{ caseNo: filed.caseNo, password: filed.password, title: TITLE, type: 'complaint', filedAt: new Date().toISOString(), dueAt: filed.dueAt, withPhone: true, sms: true }],
    }),
  );
  return context;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stdout.write(`[h5 page error] ${error.message}\n`));
  return page;
}

interface Problems {
  smallText: string[];
  overflow: string[];
  splitCodes: string[];
  smallInputs: string[];
}

/**
 * What is wrong on screen (the page now shown; Taro H5 keeps earlier pages hidden in the DOM).
 * Runs in the page.
 */
function inspect(page: Page, large: boolean): Promise<Problems> {
  return page.evaluate((large) => {
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? (el as HTMLElement).offsetParent !== null;
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className || '').trim().split(/\s+/).slice(0, 3).join('.')}`;
    const width = document.documentElement.clientWidth;
    const problems = { smallText: [] as string[], overflow: [] as string[], splitCodes: [] as string[], smallInputs: [] as string[] };
    const screen = [...document.querySelectorAll('.screen')].find(visible) ?? document.body;

    // Every visible text node: its size (large mode), and whether it stays inside the screen and its card.
    const walker = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT);
    const lineCount = (range: Range) => new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4))).size;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!text.trim() || !parent || !visible(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (large && size < 16) problems.smallText.push(`${size.toFixed(1)} px: "${text.trim().slice(0, 30)}" (${name(parent)})`);
      const card = parent.closest('.card, .notice, .lib-card, .kind, .toggle, .choice, .btn, .field, .upload, .suggest');
      const box = card?.getBoundingClientRect();
      for (const r of rects) {
        if (r.right > width + 0.5 || r.left < -0.5) problems.overflow.push(`text off the screen (${Math.round(r.left)}–${Math.round(r.right)} of ${width}): "${text.trim().slice(0, 30)}" (${name(parent)})`);
        else if (box && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) problems.overflow.push(`text out of its ${name(card!)} (${Math.round(r.right)} > ${Math.round(box.right)}): "${text.trim().slice(0, 30)}"`);
      }
      // A short label (基本满意, 政策文件, 等待受理) on a choice, button or step: whole, never 基本满 / 意.
      const label = text.trim();
      if ([...label].length <= 6 && parent.closest('.choice, .btn, .toggle, .steps__label, .steps__note') && lineCount(range) > 1) {
        problems.splitCodes.push(`short label "${label}" split over ${lineCount(range)} lines (${name(parent)})`);
      }
      // A case number (grouped or not) or a password inside running text: one line, wherever it is.
      for (const m of text.matchAll(/\d{8}[ \u00a0]?\d{6}(?!\d)/g)) {
        const piece = document.createRange();
        piece.setStart(node, m.index!);
        piece.setEnd(node, m.index! + m[0].length);
        if (lineCount(piece) > 1) problems.splitCodes.push(`case number "${m[0]}" on ${lineCount(piece)} lines (${name(parent)})`);
      }
    }
    // The marked codes (case number and password on the credentials card, <CaseNo> anywhere): one line each.
    for (const el of screen.querySelectorAll('.nowrap-code, .cred__case-no, .cred__password')) {
      if (!visible(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = lineCount(range);
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6;
      if (lines > 1 || el.getBoundingClientRect().height > lineHeight * 1.5) problems.splitCodes.push(`"${(el.textContent ?? '').trim()}" on ${lines} lines (${name(el)})`);
      const r = el.getBoundingClientRect();
      const card = el.parentElement?.closest('.card')?.getBoundingClientRect();
      if (r.right > width + 0.5 || (card && range.getBoundingClientRect().right > card.right + 0.5)) problems.overflow.push(`"${(el.textContent ?? '').trim()}" wider than its card (${name(el)})`);
    }
    // Any element wider than the screen (a fixed width, a long word).
    for (const el of screen.querySelectorAll('*')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) problems.overflow.push(`element off the screen (${Math.round(r.left)}–${Math.round(r.right)} of ${width}): ${name(el)}`);
    }
    if (document.documentElement.scrollWidth > width + 0.5) problems.overflow.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    // Every input and textarea: ≥ 16 px (else an iPhone zooms on focus), in the app's font.
    for (const el of screen.querySelectorAll('input, textarea')) {
      if (!visible(el)) continue;
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      if (size < 16) problems.smallInputs.push(`${size.toFixed(1)} px ${name(el)} in ${name(el.parentElement!)}`);
      if (/monospace/.test(style.fontFamily)) problems.smallInputs.push(`monospace ${name(el)} in ${name(el.parentElement!)}`);
    }
    return { ...problems, overflow: [...new Set(problems.overflow)].slice(0, 20), smallText: [...new Set(problems.smallText)].slice(0, 20) };
  }, large);
}

/** The whole page, not only the screen's height: Taro H5 scrolls inside its page element, so let it grow for the picture. */
async function fullScreenshot(page: Page, path: string): Promise<void> {
  await page.addStyleTag({ content: 'html, body, #app, .taro_router, .taro_page { height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important; }' }).then((handle) => handle.evaluate((el) => (el as Element).setAttribute('data-shot', '1')));
  await page.screenshot({ path, fullPage: true });
  await page.evaluate(() => document.querySelectorAll('style[data-shot]').forEach((el) => el.remove()));
}

const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
] as const;

interface Screen {
  what: string;
  path: string;
  marker: string | RegExp;
  /** After the marker shows: bring the page into the state to look at. */
  then?: (page: Page) => Promise<void>;
}

const SCREENS = (): Screen[] => [
  { what: 'home', path: '/', marker: '有诉求，找民声' },
  { what: 'file-consultation', path: '/#/pages/file/index?type=consultation&link=v1', marker: '5. 答复是否公开' },
  { what: 'file-complaint', path: '/#/pages/file/index?type=complaint&link=v2', marker: '3. 写下您的诉求' },
  { what: 'file-report', path: '/#/pages/file/index?type=report&link=v3', marker: '匿名举报' },
  { what: 'file-suggestion', path: '/#/pages/file/index?type=suggestion&link=v4', marker: '3. 写下您的诉求' },
  {
    what: 'file-errors',
    path: '/#/pages/file/index?type=complaint&link=v5',
    marker: '3. 写下您的诉求',
    then: async (page) => {
      await page.locator('.file__submit').filter({ visible: true }).click();
      await shown(page, /还有 \d+ 处需要修改/);
    },
  },
  { what: 'track', path: '/#/pages/track/index', marker: '输入案件编号和查询密码' },
  { what: 'credentials', path: `/#/subpackages/case/credentials/index?caseNo=${filed.caseNo}`, marker: '请保存好下面的编号和密码' },
  { what: 'case', path: `/#/subpackages/case/detail/index?caseNo=${filed.caseNo}`, marker: '办理记录' },
  { what: 'recover', path: '/#/subpackages/case/recover/index', marker: '用手机号找回' },
  {
    what: 'library-search',
    path: '/#/subpackages/library/search/index',
    marker: '最新发布的政策和问答',
    then: async (page) => {
      await page.locator('.lib-search__input input').filter({ visible: true }).fill('打零工社保怎么交');
      await page.locator('.lib-search__submit').filter({ visible: true }).click();
      await page.locator('.lib-card:visible .lib-hl').first().waitFor();
    },
  },
  { what: 'library-detail', path: '/#/subpackages/library/detail/index?id=demo-qianxin-tousu-qudao', marker: '民安人社函〔2025〕2号' },
];

describe('every H5 page at 360×640 and 390×844, in normal and large-text mode', () => {
  for (const viewport of VIEWPORTS) {
    for (const large of [false, true]) {
      const mode = large ? 'large' : 'normal';
      it(`${viewport.width}×${viewport.height}, ${mode} text: nothing too small, too wide, or split`, async () => {
        const context = await device(viewport, large);
        const page = await newPage(context);
        const found: Record<string, Problems> = {};
        for (const screen of SCREENS()) {
          await page.goto(`${h5Url}${screen.path}`);
          await shown(page, screen.marker);
          if (screen.then) await screen.then(page);
          expect(await page.locator(large ? '.screen--large:visible' : '.screen:not(.screen--large):visible').count(), `${screen.what}: ${mode} mode`).toBeGreaterThan(0);
          await page.waitForTimeout(150); // Taro's layout pass
          const problems = await inspect(page, large);
          await fullScreenshot(page, join(shots, `${viewport.width}x${viewport.height}-${mode}-${screen.what}.png`));
          if (Object.values(problems).some((list) => list.length)) found[screen.what] = problems;
        }
        await context.close();
        expect(found, `see the screenshots in ${shots}`).toEqual({});
      });
    }
  }
});

describe('a loading state always shows something', () => {
  it('the case page and the library say 加载中 while their data is on its way', async () => {
    const context = await device({ width: 360, height: 640 }, true);
    const page = await newPage(context);
    // Requests that never answer (until the test lets them go).
    const held: (() => Promise<void>)[] = [];
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) asked.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.route(/\/api\/(track\/case|policies)/, (route) => {
      held.push(() => route.continue());
    });
    for (const [what, path] of [
      ['case', `/#/subpackages/case/detail/index?caseNo=${filed.caseNo}`],
      ['library search', '/#/subpackages/library/search/index'],
      ['library detail', '/#/subpackages/library/detail/index?id=demo-qianxin-tousu-qudao'],
    ] as const) {
      await page.goto(`${h5Url}${path}`);
      await expect.poll(() => held.length, { timeout: 15_000, message: `${what}: no request held; asked ${asked.join(', ')}` }).toBeGreaterThan(0);
      await page.getByText(/加载中|正在加载/).filter({ visible: true }).first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(shots, `loading-${what.replace(' ', '-')}.png`) });
      await Promise.all(held.splice(0).map((go) => go().catch(() => undefined)));
    }
    await context.close();
  });
});

/** The pixels of a PNG file; `ink(x, y)`: clearly not the white background. */
function readPng(path: string) {
  const png = PNG.sync.read(readFileSync(path));
  const at = (x: number, y: number) => {
    const i = (png.width * y + x) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
  return { png, ink: (x: number, y: number) => at(x, y).some((c) => c < 200) };
}

describe('the credentials picture', () => {
  it('downloads a PNG whose QR code opens the tracking page with the case number (no password), with no text cut off', async () => {
    const context = await device({ width: 360, height: 640 }, true);
    const page = await newPage(context);
    await page.goto(`${h5Url}/#/subpackages/case/credentials/index?caseNo=${filed.caseNo}`);
    await shown(page, '请保存好下面的编号和密码');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.cred__save').filter({ visible: true }).click()]);
    const file = join(shots, 'credentials.png');
    await download.saveAs(file);
    process.stdout.write(`[visual-h5] credentials picture: ${file}\n`);
    const { png, ink } = readPng(file);
    expect(png.width).toBe(CREDENTIAL_IMAGE.width);

    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr, 'a QR code was found in the picture').not.toBeNull();
    const address = new URL(qr!.data);
    expect(qr!.data).toBe(`${new URL(h5Url).origin}/#/pages/track/index?caseNo=${filed.caseNo}`);
    expect(qr!.data).not.toContain(filed.password);
    expect(address.origin).toBe(new URL(h5Url).origin);

    // Nothing drawn between the text margin and the frame, on either side: no line ran off the edge.
    const { margin } = CREDENTIAL_IMAGE;
    const inkInColumns = (from: number, to: number) => {
      const hits: number[] = [];
      for (let y = 20; y < png.height - 20; y++) for (let x = from; x < to; x++) if (ink(x, y)) hits.push(y);
      return hits;
    };
    expect(inkInColumns(png.width - margin + 8, png.width - 20), 'ink in the right margin').toEqual([]);
    expect(inkInColumns(20, margin - 8), 'ink in the left margin').toEqual([]);
    // And the lines are there: the red warning is drawn (reddish pixels), as is the due date's row of text.
    let red = 0;
    for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) * 4;
      if (png.data[i]! > 150 && png.data[i + 1]! < 90 && png.data[i + 2]! < 90) red++;
    }
    expect(red, 'the red warning is drawn').toBeGreaterThan(200);

    // The tracking address from the QR code opens the track page with the number filled in.
    const other = await newPage(await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN' }));
    await other.goto(qr!.data);
    await shown(other, '输入案件编号和查询密码');
    await expect.poll(() => other.locator('.track__case-no input').filter({ visible: true }).inputValue()).toBe(filed.caseNo);
    expect(await other.locator('.track__password input').filter({ visible: true }).inputValue()).toBe('');
    await other.context().close();
    await context.close();
  });
});

describe('the track page login', () => {
  it('a case number of the wrong length or a malformed password is refused on the phone: no request, a clear message', async () => {
    const context = await device({ width: 390, height: 844 }, false);
    const page = await newPage(context);
    const logins: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/track/login')) logins.push(r.postData() ?? '');
    });
    await page.goto(`${h5Url}/#/pages/track/index`);
    await shown(page, '输入案件编号和查询密码');
    const no = page.locator('.track__case-no input').filter({ visible: true });
    const pw = page.locator('.track__password input').filter({ visible: true });
    const submit = page.locator('.track__submit').filter({ visible: true });

    await no.fill(filed.caseNo.slice(0, 13));
    await pw.fill(filed.password);
    await submit.click();
    await shown(page, '案件编号是 14 位数字，您输入了 13 位，请核对');
    await no.fill(filed.caseNo);
    await pw.fill('B68DWRM');
    await submit.click();
    await shown(page, /查询密码是 8 位字母和数字，您输入了 7 位/);
    await pw.fill('B68DWRM0');
    await submit.click();
    await shown(page, /查询密码里没有 0、1、I、L、O/);
    await page.waitForTimeout(300);
    expect(logins, 'no login request for what could not be right').toEqual([]);

    // Typed with dashes and spaces, as groupCaseNo shows it, and in lower case: sent once, and it works.
    await no.fill(`${filed.caseNo.slice(0, 8)}-${filed.caseNo.slice(8, 11)} ${filed.caseNo.slice(11)}`);
    await pw.fill(filed.password.toLowerCase());
    await submit.click();
    await shown(page, '办理记录');
    expect(logins).toHaveLength(1);
    expect(JSON.parse(logins[0]!)).toEqual({ caseNo: filed.caseNo, password: filed.password });
    await context.close();
  });

  it('a lockout says the minutes left, and the note below says the same rule in the same numbers', async () => {
    const victim = await call(`${apiUrl}/api/cases`, { body: { type: 'complaint', categoryId: 'luan-shoufei', title: '收费站乱收费', content: '收费站多收费用。' } });
    expect(victim.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await newPage(context);
    await page.goto(`${h5Url}/#/pages/track/index`);
    await shown(page, '输入案件编号和查询密码');
    let locked = false;
    for (let i = 0; i < 6 && !locked; i++) {
      await page.locator('.track__case-no input').fill(victim.body.caseNo);
      await page.locator('.track__password input').fill(`WRQNG23${i + 2}`);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/track/login'));
      await page.locator('.track__submit').click();
      locked = (await answered).status() === 429;
    }
    expect(locked).toBe(true);
    const message = await page.getByText(/已锁定，约 \d+ 分钟后可再试/).filter({ visible: true }).first().innerText();
    const left = Number(/约 (\d+) 分钟/.exec(message)![1]);
    const note = await page.locator('.track__lock-note').filter({ visible: true }).innerText();
    const window = Number(/在 (\d+) 分钟内/.exec(note)![1]);
    const tries = Number(/输错 (\d+) 次/.exec(note)![1]);
    expect(tries).toBe(5);
    expect(left).toBeGreaterThanOrEqual(1);
    expect(left, 'the minutes left never exceed the lock the note promises').toBeLessThanOrEqual(window);
    expect(note).toContain(`最长 ${window} 分钟`);
    await context.close();
  });
});

describe('the filing form', () => {
  it('an empty submit takes the citizen to the first error: in view, focused, announced', async () => {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
      const page = await newPage(context);
      await page.goto(`${h5Url}/#/pages/file/index`);
      await shown(page, '3. 写下您的诉求');
      await page.getByRole('radio', { name: /拖欠农民工工资/ }).waitFor().catch(() => undefined);
      const submit = page.locator('.file__submit').filter({ visible: true });
      await submit.scrollIntoViewIfNeeded();
      await submit.click();
      await shown(page, /还有 \d+ 处需要修改，请看红字提示，已为您跳到第一处/);
      const first = page.locator('#field-type');
      // 诉求类型 in view.
      await expect.poll(async () => {
        const box = await first.boundingBox();
        return box !== null && box.y >= 0 && box.y + Math.min(box.height, 100) <= viewport.height;
      }).toBe(true);
      await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('#field-type')))).toBe(true);
      expect(await page.locator('#field-type').getByText('请选择诉求类型').count()).toBe(1);

      // With type and category chosen, the first error is the text box: scrolled to, the caret in it.
      await page.getByRole('radio', { name: '投诉', exact: true }).click();
      await page.getByRole('radio', { name: /拖欠农民工工资/ }).click();
      await page.locator('.file__title input').fill('工地拖欠工资');
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await submit.click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName === 'TEXTAREA' && Boolean(document.activeElement.closest('#field-content')))).toBe(true);
      const box = await page.locator('#field-content').boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeLessThan(viewport.height);
      await page.screenshot({ path: join(shots, `${viewport.width}x${viewport.height}-file-first-error.png`) });
      await context.close();
    }
  });

  it('a half-written anonymous report is not the next person’s 建议: they are asked, and 新写 removes it, photos and all', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    const page = await newPage(context);
    const secret = '某单位负责人收受礼金，时间是上周五晚上';
    await page.goto(`${h5Url}/`);
    await page.getByRole('link', { name: /我要举报/ }).click();
    await shown(page, '匿名举报');
    await page.getByRole('switch', { name: '匿名举报' }).click();
    await page.locator('.file__content textarea').filter({ visible: true }).fill(secret);
    // A photo uploaded for this draft (as the form keeps it): 清空 must drop it too.
    await page.evaluate(() => {
      const raw = JSON.parse(localStorage.getItem('minsheng:draft')!) as { data: string };
      const draft = JSON.parse(raw.data) as Record<string, unknown>;
      localStorage.setItem('minsheng:draft', JSON.stringify({ data: JSON.stringify({ ...draft, uploads: [{ uploadId: 'up-test', uploadToken: 'tok', kind: 'image' }] }) }));
    });

    // The next person taps 我要建议.
    await page.goto(`${h5Url}/`);
    await page.getByRole('link', { name: /我要建议/ }).click();
    await shown(page, '这台手机上有一份未提交的内容');
    await shown(page, /有一份未提交的举报.*您刚才选的是建议/);
    expect(await page.getByText(secret).filter({ visible: true }).count(), 'the report is not shown').toBe(0);
    expect(await page.locator('.file__content:visible').count()).toBe(0);
    await page.waitForTimeout(400); // the page's slide-in
    await page.screenshot({ path: join(shots, 'draft-conflict.png') });

    // 继续填写: the report comes back, announced as restored, and a reload does not ask again.
    await page.locator('.file__conflict-keep').filter({ visible: true }).click();
    await shown(page, '已恢复您上次未提交的内容');
    await shown(page, /举报，\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}保存/);
    expect(await page.locator('.file__content textarea').filter({ visible: true }).inputValue()).toBe(secret);
    await page.reload();
    await shown(page, '已恢复您上次未提交的内容');
    expect(await page.getByText('这台手机上有一份未提交的内容').filter({ visible: true }).count()).toBe(0);

    // Another tap on 我要建议: asked again; this time 新写一份建议.
    await page.goto(`${h5Url}/`);
    await page.getByRole('link', { name: /我要建议/ }).click();
    await shown(page, '这台手机上有一份未提交的内容');
    await page.locator('.file__conflict-new').filter({ visible: true }).click();
    await page.locator('.taro-modal__content').filter({ visible: true }).waitFor();
    await page.locator('.taro-model__confirm').filter({ visible: true }).click();
    await page.getByRole('radio', { name: '建议', exact: true, checked: true }).waitFor();
    expect(await page.locator('.file__content textarea').filter({ visible: true }).inputValue()).toBe('');
    expect(await page.getByText('已恢复您上次未提交的内容').filter({ visible: true }).count()).toBe(0);
    const stored = await page.evaluate(() => localStorage.getItem('minsheng:draft') ?? '');
    expect(stored).not.toContain(secret.slice(0, 6));
    expect(stored).not.toContain('up-test');
    await context.close();
  });

  it('a restored draft says so, with its type and time; 清空重填 asks first and then empties the form', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 1, locale: 'zh-CN' });
    const page = await newPage(context);
    await page.goto(`${h5Url}/`);
    await page.getByRole('link', { name: /我要建议/ }).click();
    await shown(page, '3. 写下您的诉求');
    expect(await page.getByText('已恢复您上次未提交的内容').filter({ visible: true }).count(), 'nothing to restore yet').toBe(0);
    await page.locator('.file__title input').filter({ visible: true }).fill('公园里多放几张长椅');

    // Later: the same person comes back for the same type.
    await page.goto(`${h5Url}/`);
    await page.getByRole('link', { name: /我要建议/ }).click();
    await shown(page, '已恢复您上次未提交的内容');
    await shown(page, /建议，\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}保存/);
    expect(await page.locator('.file__title input').filter({ visible: true }).inputValue()).toBe('公园里多放几张长椅');

    // 清空重填, then 取消: nothing lost.
    await page.locator('.file__clear').filter({ visible: true }).click();
    await page.locator('.taro-modal__content').filter({ visible: true }).waitFor();
    await shown(page, /不能恢复/);
    await page.locator('.taro-model__cancel').filter({ visible: true }).click();
    expect(await page.locator('.file__title input').filter({ visible: true }).inputValue()).toBe('公园里多放几张长椅');

    await page.locator('.file__clear').filter({ visible: true }).click();
    await page.locator('.taro-model__confirm').filter({ visible: true }).click();
    await expect.poll(() => page.locator('.file__title input').filter({ visible: true }).inputValue()).toBe('');
    expect(await page.getByText('已恢复您上次未提交的内容').filter({ visible: true }).count()).toBe(0);
    await page.reload();
    await shown(page, '3. 写下您的诉求');
    expect(await page.getByText('已恢复您上次未提交的内容').filter({ visible: true }).count(), 'an emptied form is not restored').toBe(0);
    await context.close();
  });
});

describe('the H5 site', () => {
  it('has an icon, and no page load asks for a file that is not there', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await newPage(context);
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404 && !r.url().includes('/api/')) missing.push(r.url());
    });
    await page.goto(`${h5Url}/`);
    await shown(page, '有诉求，找民声');
    await page.waitForTimeout(500);
    expect(missing).toEqual([]);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toBeTruthy();
    const icon = await fetch(new URL(href!, `${h5Url}/`));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    // Asked for directly, as browsers and bookmarks do.
    const ico = await fetch(`${h5Url}/favicon.ico`);
    expect(ico.status).toBe(200);
    await context.close();
  });
});

describe('high contrast', () => {
  it('sits next to 大字模式, is remembered, and darkens the text', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await newPage(context);
    await page.goto(`${h5Url}/`);
    await shown(page, '有诉求，找民声');
    const color = () => page.locator('.home__intro').filter({ visible: true }).evaluate((el) => getComputedStyle(el).color);
    const before = await color();
    await page.getByRole('switch', { name: '高对比度' }).click();
    await expect.poll(color).not.toBe(before);
    await page.reload();
    await shown(page, '有诉求，找民声');
    expect(await page.getByRole('switch', { name: '高对比度', checked: true }).count()).toBe(1);
    expect(await page.locator('.screen--contrast:visible').count()).toBeGreaterThan(0);
    await page.goto(`${h5Url}/#/pages/track/index`);
    await page.getByRole('switch', { name: '高对比度', checked: true }).filter({ visible: true }).waitFor();
    await page.screenshot({ path: join(shots, 'high-contrast-track.png'), fullPage: true });
    await context.close();
  });
});

mkdirSync(shots, { recursive: true });
