import { describe, expect, it, vi } from 'vitest';
import { ATTACHMENT_MAX_BYTES, HEIC_REFUSED_MESSAGE, fileCaseRequestSchema } from '@minsheng/shared';
import { EMPTY_DRAFT, type Draft } from '../src/features/cases/device';
import { draftToRequest, validateDraft } from '../src/features/cases/filing';
import {
  PDF_NOT_HERE_MESSAGE,
  TOO_LARGE_MESSAGE,
  UPLOADS_RUNNING_MESSAGE,
  addFiles,
  attachmentRefs,
  canRetry,
  contentTypeOf,
  failed,
  failedByFields,
  fromDraft,
  notReady,
  progressed,
  removed,
  retried,
  succeeded,
  toDraft,
  type LocalFile,
  type UploadItem,
} from '../src/features/cases/uploads';

vi.mock('@tarojs/taro', () => ({ default: {} }));

let n = 0;
const newId = () => `l${n++}`;
const jpeg = (size = 200_000): LocalFile => ({ path: `wxfile://tmp/${n}.jpg`, size, contentType: 'image/jpeg' });
const ULID = (c: string) => c.repeat(26);

function twoUploading(): UploadItem[] {
  return addFiles([], [jpeg(), jpeg()], { allowPdf: false, newId }).items;
}

describe('the upload state machine', () => {
  it('adds picked files as 上传中 rows at 0 %, and progress only goes up, to 100', () => {
    const { items, started, dropped } = addFiles([], [jpeg(), jpeg()], { allowPdf: false, newId });
    expect(items.map((i) => [i.status, i.progress])).toEqual([
      ['uploading', 0],
      ['uploading', 0],
    ]);
    expect(started).toHaveLength(2);
    expect(dropped).toBe(0);
    let list = progressed(items, items[0]!.localId, 42.4);
    expect(list[0]!.progress).toBe(42);
    list = progressed(list, items[0]!.localId, 10);
    expect(list[0]!.progress).toBe(42);
    list = progressed(list, items[0]!.localId, 250);
    expect(list[0]!.progress).toBe(100);
    expect(list[1]!.progress).toBe(0);
  });

  it('takes at most 9 files per filing, and says how many were left out', () => {
    const first = addFiles([], Array.from({ length: 7 }, () => jpeg()), { allowPdf: false, newId });
    const more = addFiles(first.items, Array.from({ length: 4 }, () => jpeg()), { allowPdf: false, newId });
    expect(more.items).toHaveLength(9);
    expect(more.started).toHaveLength(2);
    expect(more.dropped).toBe(2);
  });

  it('refuses, before sending, a file over 10 MB, a HEIC photo, and a PDF on the filing form (not on a supplement)', () => {
    const big = { ...jpeg(ATTACHMENT_MAX_BYTES + 1) };
    const heic: LocalFile = { path: 'a.heic', size: 1000, contentType: contentTypeOf(undefined, 'IMG_0001.HEIC') };
    const pdf: LocalFile = { path: 'a.pdf', size: 1000, contentType: contentTypeOf('application/pdf', 'a.pdf') };
    const { items, started } = addFiles([], [big, heic, pdf], { allowPdf: false, newId });
    expect(started).toEqual([]);
    expect(items.map((i) => [i.status, i.error])).toEqual([
      ['failed', TOO_LARGE_MESSAGE],
      ['failed', HEIC_REFUSED_MESSAGE],
      ['failed', PDF_NOT_HERE_MESSAGE],
    ]);
    // Refused for good: no 重试, only 移除.
    expect(items.map((i) => canRetry(i, false))).toEqual([false, false, false]);
    const supplement = addFiles([], [pdf], { allowPdf: true, newId });
    expect(supplement.items[0]).toMatchObject({ status: 'uploading', kind: 'pdf' });
  });

  it('names content types from the file or its path', () => {
    expect(contentTypeOf('image/png', 'x')).toBe('image/png');
    expect(contentTypeOf('image/jpg', 'x')).toBe('image/jpeg');
    expect(contentTypeOf('', 'wxfile://tmp_abc.webp')).toBe('image/webp');
    expect(contentTypeOf(undefined, 'http://tmp/abc')).toBe('image/jpeg');
  });

  it('a failed upload shows its message, and 重试 starts it again from 0 % with the same file', () => {
    const items = twoUploading();
    const id = items[1]!.localId;
    let list = progressed(items, id, 60);
    list = failed(list, id, '上传没有成功，请检查网络后点“重试”');
    expect(list[1]).toMatchObject({ status: 'failed', error: '上传没有成功，请检查网络后点“重试”', progress: 60 });
    expect(notReady(list)).toBe(UPLOADS_RUNNING_MESSAGE); // the other is still uploading
    expect(canRetry(list[1]!, false)).toBe(true);
    const again = retried(list, id, false);
    expect(again.started?.localId).toBe(id);
    expect(again.items[1]).toMatchObject({ status: 'uploading', progress: 0 });
    expect(again.items[1]!.error).toBeUndefined();
    expect(again.items[1]!.source).toBe(items[1]!.source);
  });

  it('a server refusal at complete (HEIC, a lying type) is shown as the server said it', () => {
    const items = twoUploading();
    const list = failed(items, items[0]!.localId, '文件内容与类型不符');
    expect(list[0]).toMatchObject({ status: 'failed', error: '文件内容与类型不符' });
  });

  it('移除 takes the row away, whatever its state', () => {
    const items = twoUploading();
    const list = removed(failed(items, items[0]!.localId, 'x'), items[0]!.localId);
    expect(list.map((i) => i.localId)).toEqual([items[1]!.localId]);
    expect(removed(list, items[1]!.localId)).toEqual([]);
  });

  it('late events for a row that is no longer uploading change nothing', () => {
    const items = twoUploading();
    const id = items[0]!.localId;
    const done = succeeded(items, id, { uploadId: ULID('A'), uploadToken: 't' });
    expect(progressed(done, id, 10)[0]).toEqual(done[0]);
    expect(failed(done, id, 'late')[0]).toEqual(done[0]);
    expect(succeeded(removed(items, id), id, { uploadId: ULID('B') })).toHaveLength(1);
  });

  it('submission waits while any upload runs (照片还在上传，请稍候), and while one failed', () => {
    const items = twoUploading();
    expect(notReady(items)).toBe(UPLOADS_RUNNING_MESSAGE);
    let list = succeeded(items, items[0]!.localId, { uploadId: ULID('A'), uploadToken: 'ta' });
    list = failed(list, items[1]!.localId, 'x');
    expect(notReady(list)).toMatch(/有 1 个照片没有上传成功/);
    list = removed(list, items[1]!.localId);
    expect(notReady(list)).toBeUndefined();
    expect(notReady([])).toBeUndefined();
  });
});

describe('the draft keeps completed uploads', () => {
  it('keeps only the completed ones (id, token, preview), and shows them again after the page is left', () => {
    const items = addFiles([], [jpeg(), jpeg(), jpeg()], { allowPdf: false, newId }).items.map((i, k) => ({ ...i, preview: `data:image/jpeg;base64,${k}` }));
    let list = succeeded(items, items[0]!.localId, { uploadId: ULID('A'), uploadToken: 'tok-a' });
    list = failed(list, items[1]!.localId, 'x');
    const kept = toDraft(list);
    expect(kept).toEqual([{ uploadId: ULID('A'), uploadToken: 'tok-a', preview: 'data:image/jpeg;base64,0', kind: 'image' }]);
    // A draft survives as JSON in device storage.
    const restored = fromDraft(JSON.parse(JSON.stringify(kept)), newId);
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({ status: 'done', progress: 100, uploadId: ULID('A'), uploadToken: 'tok-a', preview: 'data:image/jpeg;base64,0' });
    expect(restored[0]!.source).toBeUndefined();
    expect(fromDraft(undefined, newId)).toEqual([]);
  });

  it('a restored upload the server refuses at filing (expired) is marked failed by its field, with 移除 only', () => {
    const restored = fromDraft([{ uploadId: ULID('A'), uploadToken: 'a' }, { uploadId: ULID('B'), uploadToken: 'b' }], newId);
    const list = failedByFields(restored, { 'attachments.1': '照片已过期，请重新添加' });
    expect(list.map((i) => i.status)).toEqual(['done', 'failed']);
    expect(list[1]!.error).toBe('照片已过期，请重新添加');
    expect(canRetry(list[1]!, false)).toBe(false);
    expect(toDraft(list).map((u) => u.uploadId)).toEqual([ULID('A')]);
  });

  it('the filing body carries the draft’s uploads with their tokens, accepted by the API’s schema', () => {
    const draft: Draft = { ...EMPTY_DRAFT, type: 'complaint', categoryId: 'c', title: '路面塌陷', content: '幸福路口路面塌陷', uploads: [{ uploadId: ULID('A'), uploadToken: 'tok-a', preview: 'p' }, { uploadId: ULID('B'), uploadToken: 'tok-b' }] };
    const body = draftToRequest(draft);
    expect(body.attachments).toEqual([
      { uploadId: ULID('A'), uploadToken: 'tok-a' },
      { uploadId: ULID('B'), uploadToken: 'tok-b' },
    ]);
    expect(fileCaseRequestSchema.safeParse(body).success).toBe(true);
    expect(validateDraft(draft).ok).toBe(true);
    expect(draftToRequest({ ...draft, uploads: [] })).not.toHaveProperty('attachments');
    // A supplement's references carry only the id (the case token proves whose they are).
    expect(attachmentRefs(draft.uploads, false)).toEqual([{ uploadId: ULID('A') }, { uploadId: ULID('B') }]);
  });
});
