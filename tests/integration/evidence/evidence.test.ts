/**
 * Evidence against the run's real s3rver and DynamoDB Local: presigned POST → complete (sniffed,
 * sanitised) → attached at filing, supplement and reply → listed → downloaded; what the signed
 * policy says; what is refused and that nothing is then stored; what a report's handler gets.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, HEIC_REFUSED_MESSAGE, type UploadTicketDto } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { acceptToRsj, act, consoleLogin, getCase, reportBody, show, uniqueIp, withOfficials, type Officials } from '../../support/console';
import { complaint, login, track } from '../helpers';

let stack: TestStack;
let officials: Officials;

beforeAll(async () => {
  stack = await createTestStack();
  officials = await withOfficials(stack);
});

/** A phone-like photo: 400×200 pixels stored sideways (EXIF orientation 6), with GPS and the device in its EXIF. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 15 Pro', Software: '17.4' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type Ticket = UploadTicketDto;

async function ask(contentType: string, options: { token?: string; purpose?: string; console?: boolean } = {}) {
  return options.console
    ? stack.request('POST', '/api/console/uploads', { body: { contentType }, token: options.token! })
    : stack.request('POST', '/api/uploads', { body: { purpose: options.purpose ?? 'filing', contentType }, ip: uniqueIp(), ...(options.token ? { token: options.token } : {}) });
}

/** The browser's (or wx.uploadFile's) multipart POST of the presigned form. */
async function post(ticket: Ticket, bytes: Buffer, type: string): Promise<number> {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo.jpg');
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  return res.status;
}

async function complete(ticket: Ticket, options: { token?: string; console?: boolean } = {}) {
  return options.console
    ? stack.request('POST', `/api/console/uploads/${ticket.uploadId}/complete`, { token: options.token! })
    : stack.request('POST', `/api/uploads/${ticket.uploadId}/complete`, { body: ticket.uploadToken ? { uploadToken: ticket.uploadToken } : {}, ...(options.token ? { token: options.token } : {}) });
}

/** Ask, upload, complete a filing's photo; the ref to put in the filing. */
async function filingPhoto(bytes?: Buffer) {
  const ticket = (await ask('image/jpeg')).body;
  expect(await post(ticket, bytes ?? (await phonePhoto()), 'image/jpeg')).toBe(204);
  const done = await complete(ticket);
  expect(done.status, show(done)).toBe(200);
  return { uploadId: ticket.uploadId, uploadToken: ticket.uploadToken! };
}

async function keys(prefix: string): Promise<string[]> {
  const out = await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

async function download(url: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

describe('upload → complete → attach at filing → list → download', () => {
  it('signs a POST policy that allows only the declared type and 1 byte to 10 MB, for five minutes', async () => {
    const res = await ask('image/png');
    expect(res.status, show(res)).toBe(201);
    const { fields, maxBytes, uploadToken, expiresAt } = res.body;
    expect(maxBytes).toBe(10 * 1024 * 1024);
    expect(uploadToken).toMatch(/^[\w-]{20,}$/);
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 1, ATTACHMENT_MAX_BYTES]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/png']);
    expect(policy.conditions).toContainEqual({ key: `uploads/${res.body.uploadId}/original` });
    const minutes = (Date.parse(policy.expiration) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4);
    expect(minutes).toBeLessThanOrEqual(5.1);
    expect(Date.parse(expiresAt)).toBeCloseTo(Date.parse(policy.expiration), -4);
    expect(fields['Content-Type']).toBe('image/png');
  });

  it('a photo with GPS and device EXIF comes out upright, with no metadata at all; no original is left anywhere', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(before.exif!.includes(Buffer.from('iPhone 15 Pro'))).toBe(true);

    const ticket = (await ask('image/jpeg')).body;
    expect(await post(ticket, original, 'image/jpeg')).toBe(204);
    const done = await complete(ticket);
    expect(done.status, show(done)).toBe(200);
    expect(done.body).toMatchObject({ kind: 'image', contentType: 'image/jpeg', width: 200, height: 400 });
    expect(await keys(`uploads/${ticket.uploadId}/original`)).toEqual([]);

    const filed = await stack.request('POST', '/api/cases', { body: complaint({ attachments: [{ uploadId: ticket.uploadId, uploadToken: ticket.uploadToken }] }) });
    expect(filed.status, show(filed)).toBe(201);
    const token = await login(stack, filed.body.caseNo, filed.body.password);
    const tracked = await track(stack, token);
    expect(tracked.attachments).toHaveLength(1);
    const [a] = tracked.attachments;
    expect(a).toMatchObject({ kind: 'image', from: 'citizen', stage: 'filing', width: 200, height: 400 });
    expect(a.fileName).toMatch(new RegExp(`^${filed.body.caseNo}-[0-9a-z]{6}\\.jpg$`));

    const full = await download(a.url);
    expect(full.status).toBe(200);
    const meta = await sharp(full.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([200, 400]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    // No trace of the device or the place in the bytes themselves.
    expect(full.bytes.includes(Buffer.from('iPhone'))).toBe(false);
    expect(full.bytes.includes(Buffer.from('Apple'))).toBe(false);
    // Upright: the red photo's pixels, not a sideways copy with its orientation flag.
    const thumb = await download(a.thumbUrl);
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBeLessThanOrEqual(320);
    expect(thumbMeta.height!).toBeGreaterThan(thumbMeta.width!);
    expect(thumbMeta.exif).toBeUndefined();

    // Stored under the case; the staged copies under uploads/ are gone.
    expect((await keys(`cases/${filed.body.caseNo}/`)).length).toBe(2);
    expect(await keys(`uploads/${ticket.uploadId}/`)).toEqual([]);
  });

  it('links expire in minutes', async () => {
    const { caseNo, password } = (await stack.request('POST', '/api/cases', { body: complaint({ attachments: [await filingPhoto()] }) })).body;
    const tracked = await track(stack, await login(stack, caseNo, password));
    const url = new URL(tracked.attachments[0].url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBe(300);
  });
});

describe('refused uploads: a clear Chinese message, nothing stored', () => {
  it('an object over 10 MB (s3rver stores it: it does not enforce the policy; S3 would refuse it) is refused at completion, and deleted', async () => {
    const ticket = (await ask('image/jpeg')).body;
    const big = Buffer.concat([await phonePhoto(), Buffer.alloc(ATTACHMENT_MAX_BYTES)]);
    expect(await post(ticket, big, 'image/jpeg')).toBe(204);
    const res = await complete(ticket);
    expect(res.status, show(res)).toBe(400);
    expect(res.body.error.fields.file).toContain('10 MB');
    expect(await keys(`uploads/${ticket.uploadId}/`)).toEqual([]);
    const filed = await stack.request('POST', '/api/cases', { body: complaint({ attachments: [{ uploadId: ticket.uploadId, uploadToken: ticket.uploadToken }] }) });
    expect(filed.status).toBe(400);
    expect(filed.body.error.fields['attachments.0']).toContain('尚未上传完成');
  });

  it('an HTML page named .jpg and declared image/jpeg is refused from its bytes; so are SVG and an executable', async () => {
    for (const bytes of [
      Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
    ]) {
      const ticket = (await ask('image/jpeg')).body;
      expect(await post(ticket, bytes, 'image/jpeg')).toBe(204);
      const res = await complete(ticket);
      expect(res.status, show(res)).toBe(400);
      expect(res.body.error.fields.file).toBe('文件内容不是 JPEG、PNG 或 WebP 图片，无法上传');
      expect(await keys(`uploads/${ticket.uploadId}/`)).toEqual([]);
    }
  });

  it('a PDF is refused for a filing (photos only), both when asked and when its bytes say so', async () => {
    const asked = await ask('application/pdf');
    expect(asked.status).toBe(400);
    expect(asked.body.error.fields.contentType).toContain('只能上传图片');
    const ticket = (await ask('image/jpeg')).body;
    await post(ticket, PDF, 'image/jpeg');
    const res = await complete(ticket);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.file).toContain('只能上传图片');
  });

  it('HEIC is refused with the way out, when declared and when sniffed', async () => {
    const asked = await ask('image/heic');
    expect(asked.status).toBe(400);
    expect(asked.body.error.fields.contentType).toBe(HEIC_REFUSED_MESSAGE);
    const ticket = (await ask('image/jpeg')).body;
    await post(ticket, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]), 'image/jpeg');
    const res = await complete(ticket);
    expect(res.body.error.fields.file).toBe(HEIC_REFUSED_MESSAGE);
  });

  it('an upload that never arrived: completion says so; attaching it is a field error and no case is filed', async () => {
    const ticket = (await ask('image/jpeg')).body;
    const res = await complete(ticket);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.file).toContain('尚未上传成功');
    const before = await keys('cases/');
    const filed = await stack.request('POST', '/api/cases', { body: complaint({ attachments: [{ uploadId: ticket.uploadId, uploadToken: ticket.uploadToken }] }) });
    expect(filed.status).toBe(400);
    expect(filed.body.error.fields['attachments.0']).toContain('尚未上传完成');
    expect(await keys('cases/')).toEqual(before);
  });

  it('someone else’s upload (wrong uploadToken, or a made-up id) is refused; the owner can still use it', async () => {
    const mine = await filingPhoto();
    const theirs = await filingPhoto();
    const wrong = await stack.request('POST', '/api/cases', { body: complaint({ attachments: [{ uploadId: theirs.uploadId, uploadToken: mine.uploadToken }] }) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields['attachments.0']).toBe('附件不存在、已过期或不属于您，请重新上传');
    const madeUp = await stack.request('POST', '/api/cases', { body: complaint({ attachments: [{ uploadId: '01JAAAAAAAAAAAAAAAAAAAAAAA', uploadToken: mine.uploadToken }] }) });
    expect(madeUp.status).toBe(400);
    // Completing someone else's upload: as if it did not exist.
    const steal = await stack.request('POST', `/api/uploads/${theirs.uploadId}/complete`, { body: { uploadToken: mine.uploadToken } });
    expect(steal.status).toBe(404);
    const ok = await stack.request('POST', '/api/cases', { body: complaint({ attachments: [theirs] }) });
    expect(ok.status, show(ok)).toBe(201);
    // Once attached it cannot be attached again (to another case).
    const again = await stack.request('POST', '/api/cases', { body: complaint({ attachments: [theirs] }) });
    expect(again.status).toBe(400);
    expect(again.body.error.fields['attachments.0']).toContain('不能重复使用');
  });

  it('more than nine files is a field error', async () => {
    const ref = { uploadId: '01JAAAAAAAAAAAAAAAAAAAAAAA', uploadToken: 'x' };
    const res = await stack.request('POST', '/api/cases', { body: complaint({ attachments: Array.from({ length: 10 }, () => ref) }) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.attachments).toBe('每次最多添加 9 个附件');
  });
});

describe('supplements, officials’ files, and who sees what', () => {
  it('a report: the handler sees the sanitised photo through the audited link route; another department does not see it', async () => {
    const filed = await stack.request('POST', '/api/cases', { body: reportBody({ categoryId: 'tuoqian-gongzi', attachments: [await filingPhoto()] }), ip: uniqueIp() });
    expect(filed.status, show(filed)).toBe(201);
    const { caseNo } = filed.body;
    await acceptToRsj(stack, officials, caseNo);
    const detail = await getCase(stack, officials.handler, caseNo);
    expect(detail.status, show(detail)).toBe(200);
    expect(detail.body.reporterHidden).toBe(true);
    expect(detail.body.attachments).toHaveLength(1);
    const [a] = detail.body.attachments;
    expect(a).not.toHaveProperty('url');
    expect(a).not.toHaveProperty('key');

    const link = await stack.request('GET', `/api/console/cases/${caseNo}/attachments/${a.id}`, { token: officials.handler });
    expect(link.status, show(link)).toBe(200);
    const file = await download(link.body.url);
    expect(file.status).toBe(200);
    const meta = await sharp(file.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(file.bytes.includes(Buffer.from('iPhone'))).toBe(false);
    // There is no original for anyone: only the case's sanitised copies are in the bucket.
    expect((await keys(`cases/${caseNo}/`)).every((k) => k.endsWith('.jpg'))).toBe(true);
    expect(await keys('uploads/')).not.toContainEqual(expect.stringMatching(/original$/));

    const audit = await stack.request('GET', `/api/console/audit?caseNo=${caseNo}`, { token: officials.supervisor });
    expect(audit.status, show(audit)).toBe(200);
    const viewed = audit.body.items.filter((e: any) => e.kind === 'attachment_viewed');
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ actorRole: 'handler', actorId: 'rsj', public: false, data: { attachmentId: a.id } });

    const other = await stack.request('GET', `/api/console/cases/${caseNo}/attachments/${a.id}`, { token: officials.otherHandler });
    expect(other.status).toBe(404);
    const admin = await stack.request('GET', `/api/console/cases/${caseNo}/attachments/${a.id}`, { token: officials.admin });
    expect(admin.status).toBe(403);
  });

  it('request_info → the citizen supplements with a PDF → the handler replies with a PDF → the citizen sees all three files; PDFs download as attachments', async () => {
    const filed = await stack.request('POST', '/api/cases', { body: complaint({ attachments: [await filingPhoto()] }), ip: uniqueIp() });
    const { caseNo, password } = filed.body;
    let version = await acceptToRsj(stack, officials, caseNo);
    const asked = await act(stack, officials.handler, caseNo, { action: 'request_info', expectedVersion: version, question: '请提供劳动合同。' });
    expect(asked.status, show(asked)).toBe(200);
    version = asked.body.version;

    const token = await login(stack, caseNo, password);
    // A supplement's upload needs the case token.
    expect((await ask('application/pdf', { purpose: 'supplement' })).status).toBe(401);
    const ticket = (await ask('application/pdf', { purpose: 'supplement', token })).body;
    expect(ticket.uploadToken).toBeUndefined();
    expect(await post(ticket, PDF, 'application/pdf')).toBe(204);
    const done = await complete(ticket, { token });
    expect(done.status, show(done)).toBe(200);
    expect(done.body.kind).toBe('pdf');
    const sup = await stack.request('POST', '/api/track/case/supplements', { token, body: { content: '劳动合同见附件。', attachments: [{ uploadId: ticket.uploadId }] } });
    expect(sup.status, show(sup)).toBe(201);
    expect(sup.body.attachments.map((x: any) => `${x.stage}:${x.kind}`)).toEqual(['filing:image', 'supplement:pdf']);

    const handler = await consoleLogin(stack, 'rsj');
    const letter = (await ask('application/pdf', { console: true, token: handler })).body;
    expect(await post(letter, PDF, 'application/pdf')).toBe(204);
    expect((await complete(letter, { console: true, token: handler })).status).toBe(200);
    version = (await stack.deps.cases.getCase(caseNo))!.version;
    const replied = await act(stack, handler, caseNo, { action: 'reply', result: 'resolved', expectedVersion: version, answer: '已责令补发工资，答复函见附件。', attachments: [{ uploadId: letter.uploadId }] });
    expect(replied.status, show(replied)).toBe(200);
    expect(replied.body.attachments).toHaveLength(3);

    const tracked = await track(stack, token);
    const reply = tracked.attachments.find((x: any) => x.stage === 'reply');
    expect(reply).toMatchObject({ from: 'official', kind: 'pdf', contentType: 'application/pdf' });
    expect(reply.thumbUrl).toBeUndefined();
    expect(new URL(reply.url).searchParams.get('response-content-disposition')).toBe(`attachment; filename="${reply.fileName}"`);
    const got = await download(reply.url);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PDF)).toBe(true);
  });

  it('a supplement with someone else’s upload, or with the right one after its case refused the supplement, stores nothing', async () => {
    const a = await stack.request('POST', '/api/cases', { body: complaint(), ip: uniqueIp() });
    const b = await stack.request('POST', '/api/cases', { body: complaint(), ip: uniqueIp() });
    const tokenA = await login(stack, a.body.caseNo, a.body.password);
    const tokenB = await login(stack, b.body.caseNo, b.body.password);
    const ticket = (await ask('application/pdf', { purpose: 'supplement', token: tokenA })).body;
    await post(ticket, PDF, 'application/pdf');
    // B cannot complete A's upload, nor attach it.
    expect((await complete(ticket, { token: tokenB })).status).toBe(404);
    expect((await complete(ticket, { token: tokenA })).status).toBe(200);
    const stolen = await stack.request('POST', '/api/track/case/supplements', { token: tokenB, body: { content: '补充', attachments: [{ uploadId: ticket.uploadId }] } });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.fields['attachments.0']).toContain('不属于您');
    // A's case is not awaiting a supplement: refused, and the upload is not used up.
    const early = await stack.request('POST', '/api/track/case/supplements', { token: tokenA, body: { content: '补充', attachments: [{ uploadId: ticket.uploadId }] } });
    expect(early.status).toBe(409);
    expect((await stack.deps.cases.getCase(a.body.caseNo))!.attachments).toBeUndefined();
    expect((await stack.deps.uploads.get(ticket.uploadId))!.status).toBe('ready');
    expect(await keys(`cases/${a.body.caseNo}/`)).toEqual([]);
  });
});
