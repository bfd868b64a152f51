import { ulid } from 'ulid';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_PER_SUBMISSION_MAX,
  DomainError,
  HEIC_REFUSED_MESSAGE,
  IMAGE_MAX_SIDE,
  THUMB_MAX_SIDE,
  acceptsPdf,
  formatShanghaiIso,
  type AttachmentRecord,
  type AttachmentRef,
  type AttachmentStage,
  type CompletedUploadDto,
  type UploadContentType,
  type UploadPurpose,
  type UploadTicketDto,
} from '@minsheng/shared';
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../lib/secrets';
import { UnreadableImage } from '../../ports/sanitiser';
import type { UploadRecord } from '../../ports/uploads';
import type { Deps } from '../deps';
import { sniffType } from './sniff';

/** Minutes a presigned POST or GET works. */
export const LINK_SECONDS = 5 * 60;

export type UploadDeps = Pick<Deps, 'uploads' | 'storage' | 'now'>;
export type CompleteDeps = UploadDeps & Pick<Deps, 'sanitiser'>;

/** Object keys, in one place: uploads/ expires after a day (the bucket's lifecycle rule); cases/ is kept. */
export const storageKey = {
  original: (uploadId: string) => `uploads/${uploadId}/original`,
  sanitised: (uploadId: string, ext: 'jpg' | 'pdf') => `uploads/${uploadId}/file.${ext}`,
  sanitisedThumb: (uploadId: string) => `uploads/${uploadId}/thumb.jpg`,
  attachment: (caseNo: string, id: string, ext: 'jpg' | 'pdf') => `cases/${caseNo}/${id}.${ext}`,
  attachmentThumb: (caseNo: string, id: string) => `cases/${caseNo}/${id}-thumb.jpg`,
} as const;

/** Who owns an upload (UploadRecord.owner). */
export const uploadOwner = {
  filing: (uploadToken: string) => `tok:${sha256(uploadToken)}`,
  caseNo: (caseNo: string) => `case:${caseNo}`,
  official: (username: string) => `off:${username}`,
};

const NOT_AVAILABLE = '附件不存在、已过期或不属于您，请重新上传';

/** The declared type checked before anything is signed: HEIC is refused at once, PDFs only where they are taken. */
function checkDeclared(purpose: UploadPurpose, contentType: UploadContentType) {
  if (contentType === 'image/heic' || contentType === 'image/heif') throw new DomainError('VALIDATION_FAILED', { fields: { contentType: HEIC_REFUSED_MESSAGE } });
  if (contentType === 'application/pdf' && !acceptsPdf(purpose)) throw new DomainError('VALIDATION_FAILED', { fields: { contentType: '提交诉求时只能上传图片（JPEG、PNG、WebP），PDF 可在补充材料时上传' } });
}

/**
 * Ask to upload one file: an upload item (pending) and a presigned POST for `uploads/<id>/original`
 * whose policy allows exactly the declared type and 1 byte to 10 MB, for five minutes. A filing's
 * upload gets a fresh secret (uploadToken) that its completion and the filing must present.
 */
export async function requestUpload(deps: UploadDeps, purpose: UploadPurpose, contentType: UploadContentType, owner: { caseNo: string } | { official: string } | 'filing'): Promise<UploadTicketDto> {
  checkDeclared(purpose, contentType);
  const now = deps.now();
  const uploadId = ulid(now.getTime());
  const uploadToken = owner === 'filing' ? randomBytes(24).toString('base64url') : undefined;
  const ownerKey = uploadToken ? uploadOwner.filing(uploadToken) : 'caseNo' in (owner as object) ? uploadOwner.caseNo((owner as { caseNo: string }).caseNo) : uploadOwner.official((owner as { official: string }).official);
  const postExpiresAt = now.getTime() + LINK_SECONDS * 1000;
  await deps.uploads.put({ uploadId, purpose, owner: ownerKey, declaredType: contentType, status: 'pending', createdAt: now.toISOString(), postExpiresAt });
  const post = await deps.storage.presignPost(storageKey.original(uploadId), { contentType, maxBytes: ATTACHMENT_MAX_BYTES, expiresSeconds: LINK_SECONDS });
  return { uploadId, ...(uploadToken ? { uploadToken } : {}), url: post.url, fields: post.fields, expiresAt: formatShanghaiIso(new Date(postExpiresAt)), maxBytes: ATTACHMENT_MAX_BYTES };
}

const refuse = (message: string) => new DomainError('VALIDATION_FAILED', { fields: { file: message } });

/**
 * The uploaded file made safe: its size checked again (a local S3 server does not enforce the
 * policy), its real type sniffed from its bytes, an image re-encoded with no metadata and upright,
 * stored with a thumbnail under uploads/ — and the original deleted, whatever the outcome. Nothing
 * of the sender's file but its pixels (or, for a PDF, its bytes) is kept anywhere.
 */
export async function completeUpload(deps: CompleteDeps, uploadId: string, owner: string): Promise<CompletedUploadDto> {
  const upload = await deps.uploads.get(uploadId);
  if (!upload || upload.owner !== owner) throw new DomainError('NOT_FOUND', { message: '上传记录不存在或已过期，请重新上传' });
  if (upload.status !== 'pending') {
    if (upload.file) return completedDto(upload.uploadId, upload.file);
    throw new DomainError('NOT_FOUND', { message: '上传记录不存在或已过期，请重新上传' });
  }
  const originalKey = storageKey.original(uploadId);
  const size = await deps.storage.size(originalKey);
  if (size === undefined) throw refuse('文件尚未上传成功，请重新上传');
  try {
    if (size > ATTACHMENT_MAX_BYTES) throw refuse(`文件超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，请压缩后重新上传`);
    if (size === 0) throw refuse('文件是空的，请重新选择');
    const bytes = await deps.storage.read(originalKey);
    if (!bytes) throw refuse('文件尚未上传成功，请重新上传');
    // Replaced since the size was read (the POST stays valid for its five minutes): checked again.
    if (bytes.length > ATTACHMENT_MAX_BYTES) throw refuse(`文件超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，请压缩后重新上传`);
    const type = sniffType(bytes);
    let file: NonNullable<UploadRecord['file']>;
    if (type === 'image/heic') throw refuse(HEIC_REFUSED_MESSAGE);
    if (type === 'application/pdf') {
      if (!acceptsPdf(upload.purpose)) throw refuse('提交诉求时只能上传图片（JPEG、PNG、WebP），PDF 可在补充材料时上传');
      const key = storageKey.sanitised(uploadId, 'pdf');
      await deps.storage.write(key, bytes, 'application/pdf');
      file = { kind: 'pdf', contentType: 'application/pdf', bytes: bytes.length, key };
    } else if (type === 'unknown') {
      throw refuse(acceptsPdf(upload.purpose) ? '文件内容不是 JPEG、PNG、WebP 图片或 PDF，无法上传' : '文件内容不是 JPEG、PNG 或 WebP 图片，无法上传');
    } else {
      let image;
      try {
        image = await deps.sanitiser.sanitise(bytes, { maxSide: IMAGE_MAX_SIDE, thumbSide: THUMB_MAX_SIDE });
      } catch (error) {
        if (error instanceof UnreadableImage) throw refuse('图片已损坏或无法识别，请重新选择');
        throw error;
      }
      const key = storageKey.sanitised(uploadId, 'jpg');
      const thumbKey = storageKey.sanitisedThumb(uploadId);
      await Promise.all([deps.storage.write(key, image.full, 'image/jpeg'), deps.storage.write(thumbKey, image.thumb, 'image/jpeg')]);
      file = { kind: 'image', contentType: 'image/jpeg', bytes: image.full.length, width: image.width, height: image.height, key, thumbKey };
    }
    if (!(await deps.uploads.markReady(uploadId, file))) {
      const again = await deps.uploads.get(uploadId);
      if (again?.file) return completedDto(uploadId, again.file);
      throw new DomainError('NOT_FOUND', { message: '上传记录不存在或已过期，请重新上传' });
    }
    return completedDto(uploadId, file);
  } finally {
    await deps.storage.remove([originalKey]);
  }
}

function completedDto(uploadId: string, file: NonNullable<UploadRecord['file']>): CompletedUploadDto {
  return { uploadId, kind: file.kind, contentType: file.contentType, bytes: file.bytes, ...(file.width ? { width: file.width, height: file.height } : {}) };
}

/** Uploads checked for attaching: each ready, the caller's, and of a type this submission takes. */
export interface CheckedUpload {
  upload: UploadRecord & { file: NonNullable<UploadRecord['file']> };
  owner: string;
}

/**
 * Check the uploads a submission names, before anything is written: one 400 with a message per
 * field (`attachments.0` …) for any that is unknown, someone else's, unfinished, already used, or
 * of a type not taken here. Owners: a filing's upload is proved by its uploadToken, others by `owner`.
 */
export async function checkAttachments(deps: Pick<Deps, 'uploads'>, refs: AttachmentRef[] | undefined, owner: string | undefined, purpose: UploadPurpose): Promise<CheckedUpload[]> {
  if (!refs?.length) return [];
  if (refs.length > ATTACHMENTS_PER_SUBMISSION_MAX) throw new DomainError('VALIDATION_FAILED', { fields: { attachments: `每次最多添加 ${ATTACHMENTS_PER_SUBMISSION_MAX} 个附件` } });
  const fields: Record<string, string> = {};
  const checked: CheckedUpload[] = [];
  const seen = new Set<string>();
  const uploads = await Promise.all(refs.map((r) => deps.uploads.get(r.uploadId)));
  refs.forEach((ref, i) => {
    const upload = uploads[i];
    const expectedOwner = purpose === 'filing' ? (ref.uploadToken ? uploadOwner.filing(ref.uploadToken) : undefined) : owner;
    const field = `attachments.${i}`;
    if (seen.has(ref.uploadId)) fields[field] = '同一个附件只能添加一次';
    else if (!upload || !expectedOwner || upload.owner !== expectedOwner || upload.purpose !== purpose) fields[field] = NOT_AVAILABLE;
    else if (upload.status === 'pending' || !upload.file) fields[field] = '附件尚未上传完成，请等待上传完成或重新上传';
    else if (upload.status === 'attached') fields[field] = '该附件已添加到案件中，不能重复使用';
    else checked.push({ upload: upload as CheckedUpload['upload'], owner: expectedOwner });
    seen.add(ref.uploadId);
  });
  if (Object.keys(fields).length) throw new DomainError('VALIDATION_FAILED', { message: '附件有误，请按提示修改', fields });
  return checked;
}

/** Claimed uploads, copied under the case: the records to store with the case, and how to undo or finish. */
export interface ClaimedAttachments {
  records: AttachmentRecord[];
  /** The case write failed: the uploads are usable again and the copies are gone. */
  undo(): Promise<void>;
  /** The case write succeeded: the staged files under uploads/ are removed (best effort; the lifecycle rule removes them anyway). */
  done(): Promise<void>;
}

/**
 * Claim the checked uploads for `caseNo` (each once: a conditional write) and copy their sanitised
 * files to the case's keys. When any claim fails (used meanwhile) every claim is undone and the
 * submission answers 400, so nothing is stored on the case.
 */
export async function claimAttachments(
  deps: Pick<Deps, 'uploads' | 'storage'>,
  checked: CheckedUpload[],
  caseNo: string,
  at: Date,
  who: { from: 'citizen' } | { from: 'official'; by: string },
  stage: AttachmentStage,
): Promise<ClaimedAttachments> {
  if (!checked.length) return { records: [], undo: async () => {}, done: async () => {} };
  const claims = await Promise.all(checked.map((c) => deps.uploads.claim(c.upload.uploadId, c.owner, caseNo)));
  const release = () => Promise.all(checked.filter((_, i) => claims[i]).map((c) => deps.uploads.release(c.upload.uploadId)));
  if (claims.some((ok) => !ok)) {
    await release();
    throw new DomainError('VALIDATION_FAILED', {
      message: '附件有误，请按提示修改',
      fields: Object.fromEntries(claims.flatMap((ok, i) => (ok ? [] : [[`attachments.${i}`, '该附件已添加到案件中，不能重复使用']]))),
    });
  }
  const records: AttachmentRecord[] = checked.map(({ upload: { file } }, i) => {
    const id = ulid(at.getTime() + i);
    const ext = file.kind === 'pdf' ? 'pdf' : 'jpg';
    return {
      id,
      kind: file.kind,
      contentType: file.contentType,
      bytes: file.bytes,
      ...(file.width ? { width: file.width, height: file.height } : {}),
      key: storageKey.attachment(caseNo, id, ext),
      ...(file.thumbKey ? { thumbKey: storageKey.attachmentThumb(caseNo, id) } : {}),
      from: who.from,
      stage,
      ...(who.from === 'official' ? { by: who.by } : {}),
      at: at.toISOString(),
    };
  });
  const copies = checked.flatMap(({ upload: { file } }, i) => [
    [file.key, records[i]!.key] as const,
    ...(file.thumbKey && records[i]!.thumbKey ? [[file.thumbKey, records[i]!.thumbKey!] as const] : []),
  ]);
  try {
    await Promise.all(copies.map(([from, to]) => deps.storage.copy(from, to)));
  } catch (error) {
    await Promise.allSettled([release(), deps.storage.remove(copies.map(([, to]) => to))]);
    throw error;
  }
  return {
    records,
    async undo() {
      await Promise.allSettled([release(), deps.storage.remove(copies.map(([, to]) => to))]);
    },
    async done() {
      await deps.storage.remove(copies.map(([from]) => from)).catch(() => undefined);
    },
  };
}
