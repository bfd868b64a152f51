/// <reference lib="dom" />
/**
 * Evidence (issue 14) in the citizen mini-program's H5 build, in Chromium, against `npm start` (its
 * s3rver and DynamoDB Local): a citizen adds two photos on the filing form (one carrying GPS and the
 * device in its EXIF) — a failed upload is retried, submission waits while a photo is still being
 * sent, leaving the page keeps the uploaded photos in the draft — and files; the credentials page
 * shows them. An official handler gets both through the console API's audited attachment route and
 * they carry no EXIF; the handler replies with a PDF uploaded through the console's upload routes;
 * the citizen's case page shows the photos and the PDF, and the PDF's link returns its bytes.
 * axe-core checks the new UI, in large-text mode too. (The console's browser half is in
 * console-browser.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMiniprogram, isBuildFresh } from '../../infra/src/h5';
import { launchChromium } from '../support/chromium';
import { consoleApi, expectAccessible as expectAccessibleOn, phonePage, shown } from '../support/h5';
import { call, ctrlC, npmStart, type RunningStack } from '../support/local-stack';

const localDir = mkdtempSync(join(tmpdir(), 'minsheng-evidence-'));
let stack: RunningStack | undefined;
let h5Url = '';
let apiUrl = '';
let browser: Browser;

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

const GPS_EXIF = { IFD0: { Make: 'Apple', Model: 'iPhone 15 Pro' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' } };
const LETTER = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function photo(r: number, gps: boolean): Promise<Buffer> {
  const img = sharp({ create: { width: 800, height: 600, channels: 3, background: { r, g: 120, b: 60 } } }).jpeg();
  return (gps ? img.withExif(GPS_EXIF) : img).toBuffer();
}

// ---- officials act through the console API, as the console does (tests/support/h5.ts) ----

const { official, act } = consoleApi(() => apiUrl);
const newPage = () => phonePage(browser);
/** The form's photo rows and the case page's files are tap targets too. */
const expectAccessible = (page: Page, what: string) => expectAccessibleOn(page, what, ['.thumbs__item', '.filerow']);

/** An official's file: ask (console upload route), POST the presigned form, complete. */
async function officialUpload(token: string, bytes: Buffer, contentType: string): Promise<string> {
  const ticket = await call(`${apiUrl}/api/console/uploads`, { token, body: { contentType } });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'reply.pdf');
  expect((await fetch(ticket.body.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const done = await call(`${apiUrl}/api/console/uploads/${ticket.body.uploadId}/complete`, { token, body: {} });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return ticket.body.uploadId as string;
}

// ---- the phone ----

/** Both modes: as it is, and in 大字模式 (switched on the home page, kept on the device), then back. */
async function expectAccessibleBothSizes(page: Page, what: string, reopen: () => Promise<void>) {
  await expectAccessible(page, what);
  await page.goto(`${h5Url}/#/pages/index/index`);
  await page.getByRole('switch', { name: '大字模式' }).click();
  await reopen();
  expect(await page.locator('.screen--large:visible').count()).toBeGreaterThan(0);
  await expectAccessible(page, `${what} (large text)`);
  await page.goto(`${h5Url}/#/pages/index/index`);
  await page.getByRole('switch', { name: '大字模式' }).click();
}

const visibleRows = (page: Page, cls: string) => page.locator(`.upload${cls}`).filter({ visible: true });

describe('evidence in the H5 mini-program: file with two photos → the handler gets them sanitised → a PDF reply the citizen opens', () => {
  let caseNo = '';
  let password = '';
  let page: Page;

  it('adds two photos on the filing form: a failed upload is retried, submission waits for an upload, the draft keeps them; then files', async () => {
    page = await newPage();
    const s3 = (url: URL) => url.origin !== new URL(h5Url).origin;
    // The first upload to S3 is cut off (the network dropped); the next one is held until released.
    let posts = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const handler = async (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts === 1) return route.abort('connectionreset');
      if (posts === 2) await held;
      return route.continue();
    };
    await page.route(s3, handler);

    await page.goto(`${h5Url}/#/pages/file/index?type=complaint`);
    await page.getByRole('radio', { name: /拖欠农民工工资/ }).click();
    await page.locator('.file__title input').fill('工地欠薪（附照片）');
    await page.locator('.file__content textarea').fill('城南安置小区工地拖欠我们十二名工人三个月工资，工资条和公示照片见附件。');
    await shown(page, '添加照片');
    expect(await page.locator('.evidence__input-album').getAttribute('accept')).toBe('image/*');
    expect(await page.locator('.evidence__input-camera').getAttribute('capture')).toBe('environment');

    await page.locator('.evidence__input-album').setInputFiles([{ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await photo(200, true) }]);
    await visibleRows(page, '--failed').waitFor();
    await shown(page, /失败：上传没有成功/);
    await page.getByRole('button', { name: '重试第 1 张照片' }).click();
    // Held: 上传中, and tapping 提交 says to wait instead of filing without it.
    await visibleRows(page, '--uploading').waitFor();
    await shown(page, /上传中 \d+%/);
    await page.locator('.file__submit').click();
    await shown(page, '照片还在上传，请稍候');
    release();
    await visibleRows(page, '--done').waitFor();

    await page.locator('.evidence__input-album').setInputFiles([{ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await photo(40, false) }]);
    await expect.poll(() => visibleRows(page, '--done').count(), { timeout: 30_000 }).toBe(2);
    await page.unroute(s3, handler);
    expect(await page.locator('.upload__img img').filter({ visible: true }).count()).toBe(2);

    // Leaving the page loses nothing: the draft holds both uploads and their thumbnails.
    await page.goto(`${h5Url}/#/pages/index/index`);
    await page.goto(`${h5Url}/#/pages/file/index`);
    await page.reload();
    await expect.poll(() => visibleRows(page, '--done').count(), { timeout: 15_000 }).toBe(2);
    expect(await page.locator('.file__title input').filter({ visible: true }).inputValue()).toBe('工地欠薪（附照片）');

    await expectAccessibleBothSizes(page, 'filing form with two photos', async () => {
      await page.goto(`${h5Url}/#/pages/file/index`);
      await expect.poll(() => visibleRows(page, '--done').count()).toBe(2);
    });

    await page.goto(`${h5Url}/#/pages/file/index`);
    await expect.poll(() => visibleRows(page, '--done').count()).toBe(2);
    const request = page.waitForRequest((r) => r.url().endsWith('/api/cases') && r.method() === 'POST');
    await page.locator('.file__submit').filter({ visible: true }).click();
    const sent = JSON.parse((await request).postData() ?? '{}') as { attachments?: { uploadId: string; uploadToken: string }[] };
    expect(sent.attachments).toHaveLength(2);
    for (const a of sent.attachments!) expect(Object.keys(a).sort()).toEqual(['uploadId', 'uploadToken']);

    await page.locator('.cred__case-no').filter({ visible: true }).waitFor();
    caseNo = (await page.locator('.cred__case-no').filter({ visible: true }).innerText()).replace(/\s/g, '');
    password = (await page.locator('.cred__password').filter({ visible: true }).innerText()).replace(/\s/g, '');
    await shown(page, '您提交的照片（2 张）');
    expect(await page.locator('.cred__photos .thumbs__item').filter({ visible: true }).count()).toBe(2);
    await expectAccessibleBothSizes(page, 'credentials with the photos', async () => {
      await page.goto(`${h5Url}/#/subpackages/case/credentials/index?caseNo=${caseNo}`);
      await shown(page, '您提交的照片（2 张）');
    });
    // The draft was cleared with the filing.
    await page.goto(`${h5Url}/#/pages/file/index`);
    await page.locator('.file__title input').filter({ visible: true }).waitFor();
    expect(await page.locator('.upload').filter({ visible: true }).count()).toBe(0);
  });

  it('the handler gets both photos through the audited route, with no EXIF (no GPS), and replies with a PDF', async () => {
    expect(caseNo).toMatch(/^\d{14}$/);
    await act(await official('shouli'), caseNo, { action: 'accept', departmentId: 'rsj' });
    const handler = await official('rsj');
    const detail = await call(`${apiUrl}/api/console/cases/${caseNo}`, { token: handler });
    const files = detail.body.attachments as { id: string; kind: string; from: string }[];
    expect(files.map((f) => `${f.from}:${f.kind}`)).toEqual(['citizen:image', 'citizen:image']);
    for (const f of files) {
      const link = await call(`${apiUrl}/api/console/cases/${caseNo}/attachments/${f.id}`, { token: handler });
      expect(link.status, JSON.stringify(link.body)).toBe(200);
      const bytes = Buffer.from(await (await fetch(link.body.url as string)).arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from('iPhone'))).toBe(false);
    }
    const audit = await call(`${apiUrl}/api/console/audit?caseNo=${caseNo}`, { token: await official('duban') });
    expect(audit.body.items.filter((e: { kind: string }) => e.kind === 'attachment_viewed').length).toBeGreaterThanOrEqual(2);

    const letter = await officialUpload(handler, LETTER, 'application/pdf');
    await act(handler, caseNo, { action: 'reply', result: 'resolved', answer: '经核查，已责令施工单位补发工资，答复函见附件。', attachments: [{ uploadId: letter }] });
  });

  it('the citizen’s case page shows the photos and the PDF; the PDF’s link returns its bytes; the full view opens and closes', async () => {
    const openCase = async () => {
      await page.goto(`${h5Url}/#/subpackages/case/credentials/index?caseNo=${caseNo}`);
      await page.locator('.cred__track').filter({ visible: true }).click();
      await shown(page, '材料和文件');
    };
    expect(password).not.toBe('');
    await openCase();
    await shown(page, '办理部门的文件');
    await shown(page, '我提交的材料');
    const pdf = page.locator('a.attachments__pdf').filter({ visible: true });
    await expect.poll(() => pdf.count()).toBe(1);
    expect(await pdf.innerText()).toMatch(/打开文件 .+\.pdf（PDF，/);
    const href = (await pdf.getAttribute('href')) ?? '';
    const res = await page.context().request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition'] ?? '').toContain('attachment');
    expect(Buffer.from(await res.body()).equals(LETTER)).toBe(true);

    const thumbs = page.locator('.attachments .thumbs__item').filter({ visible: true });
    await expect.poll(() => thumbs.count()).toBe(2);
    await expect.poll(() => page.locator('.attachments .thumbs__img img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length), { timeout: 30_000 }).toBe(2);
    await expectAccessibleBothSizes(page, 'case page with attachments', openCase);
    await openCase();

    await page.locator('.attachments .thumbs__item').filter({ visible: true }).first().click();
    const viewer = page.getByRole('dialog').filter({ visible: true });
    await viewer.waitFor();
    await expect.poll(() => viewer.locator('img').evaluate((i) => (i as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBe(800);
    await expectAccessible(page, 'full-size photo');
    await viewer.getByRole('button', { name: '关闭大图' }).click();
    await expect.poll(() => page.getByRole('dialog').filter({ visible: true }).count()).toBe(0);
  });
});
