import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_SUBMISSION_MAX, HEIC_REFUSED_MESSAGE } from '@minsheng/shared';

/**
 * The per-file state of attachments being added (filing form, 补充材料): pure functions, no Taro, so
 * the state machine is tested in Node. A file is 上传中 (with progress) → 已上传 (a completed upload:
 * its uploadId, and for a filing its uploadToken) or 失败 (with the message to show, and 重试 when
 * the file is still at hand). Completed ones are what a draft keeps.
 */

export type UploadKind = 'image' | 'pdf';

/** A file picked on this device: a weapp temp path or an H5 File. */
export interface LocalFile {
  /** weapp: tempFilePath; H5: unused ('') */
  path: string;
  /** H5 only: the picked File (not serialisable; lost on reload). */
  file?: Blob;
  size: number;
  contentType: string;
  name?: string;
}

export type UploadStatus = 'uploading' | 'done' | 'failed';

export interface UploadItem {
  /** This device's id for the row (stable across retries). */
  localId: string;
  kind: UploadKind;
  status: UploadStatus;
  /** 0–100 while uploading. */
  progress: number;
  /** A small picture to show: a weapp temp path or, on H5, a data: URL of a thumbnail. */
  preview?: string;
  /** Shown for a PDF (and read to screen readers). */
  name?: string;
  /** The file itself, while at hand (a restored draft has none: such a failed row can only be removed). */
  source?: LocalFile;
  uploadId?: string;
  uploadToken?: string;
  error?: string;
}

/** What a draft keeps of a completed upload: enough to attach it, and to show it again. */
export interface DraftUpload {
  uploadId: string;
  /** Filing uploads: the secret the filing presents. */
  uploadToken?: string;
  preview?: string;
  kind?: UploadKind;
  name?: string;
}

export const TOO_LARGE_MESSAGE = `文件超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，请换一个，或截图后上传`;
export const WRONG_TYPE_MESSAGE = '只能上传 JPEG、PNG、WebP 图片或 PDF 文件';
export const PDF_NOT_HERE_MESSAGE = '提交诉求时只能添加照片；PDF 文件可在提交后用“补充材料”添加';
export const UPLOADS_RUNNING_MESSAGE = '照片还在上传，请稍候';

/** The content type of a picked file: from its own type, else from its name or path. */
export function contentTypeOf(type: string | undefined, nameOrPath: string | undefined): string {
  const t = (type ?? '').toLowerCase();
  if (t) return t === 'image/jpg' ? 'image/jpeg' : t;
  const ext = /\.([a-z0-9]+)(?:\?.*)?$/i.exec(nameOrPath ?? '')?.[1]?.toLowerCase();
  switch (ext) {
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'heic':
      return 'image/heic';
    case 'heif':
      return 'image/heif';
    case 'pdf':
      return 'application/pdf';
    case 'jpg':
    case 'jpeg':
    default:
      // chooseMedia's compressed photos are JPEG; the server sniffs the bytes anyway.
      return 'image/jpeg';
  }
}

/** Why a file cannot even be sent (checked again on the server), or undefined. */
export function refusal(file: LocalFile, allowPdf: boolean): string | undefined {
  if (file.contentType === 'image/heic' || file.contentType === 'image/heif') return HEIC_REFUSED_MESSAGE;
  if (file.contentType === 'application/pdf') return allowPdf ? tooLarge(file) : PDF_NOT_HERE_MESSAGE;
  if (!['image/jpeg', 'image/png', 'image/webp'].includes(file.contentType)) return WRONG_TYPE_MESSAGE;
  return tooLarge(file);
}

function tooLarge(file: LocalFile): string | undefined {
  return file.size > ATTACHMENT_MAX_BYTES ? TOO_LARGE_MESSAGE : undefined;
}

/** How many more files may be added (9 per filing or supplement). */
export function room(items: UploadItem[], max = ATTACHMENTS_PER_SUBMISSION_MAX): number {
  return Math.max(0, max - items.length);
}

/**
 * Add picked files: each becomes an uploading row, or a failed one (too large, HEIC, …) that says why.
 * Files beyond the limit are not added; `dropped` says how many.
 */
export function addFiles(items: UploadItem[], files: LocalFile[], opts: { allowPdf: boolean; newId: () => string; max?: number }): { items: UploadItem[]; started: UploadItem[]; dropped: number } {
  const fit = files.slice(0, room(items, opts.max));
  const rows = fit.map((source): UploadItem => {
    const kind: UploadKind = source.contentType === 'application/pdf' ? 'pdf' : 'image';
    const why = refusal(source, opts.allowPdf);
    const base = { localId: opts.newId(), kind, progress: 0, source, ...(source.name ? { name: source.name } : {}) };
    return why ? { ...base, status: 'failed', error: why } : { ...base, status: 'uploading' };
  });
  return { items: [...items, ...rows], started: rows.filter((r) => r.status === 'uploading'), dropped: files.length - fit.length };
}

function patch(items: UploadItem[], localId: string, change: (item: UploadItem) => UploadItem): UploadItem[] {
  return items.map((item) => (item.localId === localId ? change(item) : item));
}

/** Bytes sent so far, in percent (only while uploading; never back down). */
export function progressed(items: UploadItem[], localId: string, percent: number): UploadItem[] {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return patch(items, localId, (item) => (item.status === 'uploading' ? { ...item, progress: Math.max(item.progress, p) } : item));
}

export function succeeded(items: UploadItem[], localId: string, done: { uploadId: string; uploadToken?: string; preview?: string }): UploadItem[] {
  return patch(items, localId, (item) => {
    if (item.status !== 'uploading') return item;
    const { error: _e, ...rest } = item;
    return { ...rest, status: 'done', progress: 100, uploadId: done.uploadId, ...(done.uploadToken ? { uploadToken: done.uploadToken } : {}), ...(done.preview ? { preview: done.preview } : {}) };
  });
}

export function failed(items: UploadItem[], localId: string, message: string): UploadItem[] {
  return patch(items, localId, (item) => (item.status === 'uploading' ? { ...item, status: 'failed', error: message } : item));
}

/** Whether a failed row can be tried again: the file is still here and nothing about it is refused for good. */
export function canRetry(item: UploadItem, allowPdf: boolean): boolean {
  return item.status === 'failed' && item.source !== undefined && refusal(item.source, allowPdf) === undefined;
}

/** 重试: a failed row uploads again from the start (a new ticket). Returns the row to start, if any. */
export function retried(items: UploadItem[], localId: string, allowPdf: boolean): { items: UploadItem[]; started?: UploadItem } {
  const item = items.find((i) => i.localId === localId);
  if (!item || !canRetry(item, allowPdf)) return { items };
  const { error: _e, uploadId: _u, uploadToken: _t, ...rest } = item;
  const started: UploadItem = { ...rest, status: 'uploading', progress: 0 };
  return { items: patch(items, localId, () => started), started };
}

/** 移除: the row goes (an upload never attached is deleted by the server after a day). */
export function removed(items: UploadItem[], localId: string): UploadItem[] {
  return items.filter((i) => i.localId !== localId);
}

/** Rows marked failed by the server's answer to the submission (`attachments.0` …: expired, already used). */
export function failedByFields(items: UploadItem[], fields: Record<string, string> | undefined): UploadItem[] {
  if (!fields) return items;
  const done = items.filter((i) => i.status === 'done');
  let next = items;
  for (const [key, message] of Object.entries(fields)) {
    const index = /^attachments\.(\d+)/.exec(key)?.[1];
    const item = index === undefined ? undefined : done[Number(index)];
    if (item) next = patch(next, item.localId, (i) => ({ ...i, status: 'failed', error: message }));
  }
  return next;
}

export function summary(items: UploadItem[]): { uploading: number; failed: number; done: number } {
  return {
    uploading: items.filter((i) => i.status === 'uploading').length,
    failed: items.filter((i) => i.status === 'failed').length,
    done: items.filter((i) => i.status === 'done').length,
  };
}

/** Why a submission must wait, or undefined when every file is uploaded (or there is none). */
export function notReady(items: UploadItem[], noun = '照片'): string | undefined {
  const s = summary(items);
  if (s.uploading > 0) return noun === '照片' ? UPLOADS_RUNNING_MESSAGE : `${noun}还在上传，请稍候`;
  if (s.failed > 0) return `有 ${s.failed} 个${noun}没有上传成功，请点“重试”或“移除”后再提交`;
  return undefined;
}

/** What the draft keeps: the completed uploads, in order. */
export function toDraft(items: UploadItem[]): DraftUpload[] {
  return items
    .filter((i) => i.status === 'done' && i.uploadId)
    .map((i) => ({ uploadId: i.uploadId!, ...(i.uploadToken ? { uploadToken: i.uploadToken } : {}), ...(i.preview ? { preview: i.preview } : {}), kind: i.kind, ...(i.name ? { name: i.name } : {}) }));
}

/** The rows a saved draft shows again: its completed uploads (an upload that was running is lost with the page). */
export function fromDraft(saved: DraftUpload[] | undefined, newId: () => string): UploadItem[] {
  if (!Array.isArray(saved)) return [];
  return saved
    .filter((u) => u && typeof u.uploadId === 'string')
    .map((u) => ({ localId: newId(), kind: u.kind ?? 'image', status: 'done' as const, progress: 100, uploadId: u.uploadId, ...(u.uploadToken ? { uploadToken: u.uploadToken } : {}), ...(u.preview ? { preview: u.preview } : {}), ...(u.name ? { name: u.name } : {}) }));
}

/** The `attachments` of a request: a filing's carry their uploadTokens, a supplement's only ids. */
export function attachmentRefs(uploads: DraftUpload[] | undefined, withToken: boolean): { uploadId: string; uploadToken?: string }[] {
  return (uploads ?? []).map((u) => (withToken ? { uploadId: u.uploadId, uploadToken: u.uploadToken ?? '' } : { uploadId: u.uploadId }));
}
