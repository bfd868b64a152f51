import * as z from 'zod/mini';
import { ATTACHMENTS_PER_SUBMISSION_MAX, UPLOAD_CONTENT_TYPES, type AttachmentKind, type AttachmentStage } from '../domain/attachments';

/** Upload and attachment ids: ULIDs. */
export const UPLOAD_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const contentType = z.enum(UPLOAD_CONTENT_TYPES, { message: '只能上传 JPEG、PNG、WebP 图片或 PDF 文件' });

/** `POST /api/uploads`: a filing's photo (no token; answers an uploadToken) or, with a case token, a supplement's file. */
export const uploadRequestSchema = z.strictObject({
  purpose: z.enum(['filing', 'supplement'], { message: '请说明上传用途：filing 或 supplement' }),
  contentType,
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/** `POST /api/console/uploads`: a file an official will attach to a reply or a request for information. */
export const consoleUploadRequestSchema = z.strictObject({ contentType });
export type ConsoleUploadRequest = z.infer<typeof consoleUploadRequestSchema>;

/** `POST /api/uploads/{uploadId}/complete`: the filing's photo proves itself with its uploadToken; a supplement's with the case token. */
export const completeUploadRequestSchema = z.strictObject({
  uploadToken: z.optional(z.string().check(z.maxLength(100, { message: '上传凭证无效' }))),
});
export type CompleteUploadRequest = z.infer<typeof completeUploadRequestSchema>;

const uploadId = z.string().check(z.regex(UPLOAD_ID_PATTERN, { message: '附件编号无效' }));

/** A filing's reference to a completed upload: the id and the secret it was issued with. */
export const filingAttachmentSchema = z.strictObject({
  uploadId,
  uploadToken: z.string().check(z.minLength(1, { message: '缺少上传凭证' }), z.maxLength(100, { message: '上传凭证无效' })),
});

/** A supplement's or an official's reference to a completed upload (the token proves whose it is). */
export const ownAttachmentSchema = z.strictObject({ uploadId });

const tooMany = { message: `每次最多添加 ${ATTACHMENTS_PER_SUBMISSION_MAX} 个附件` };
export const filingAttachmentsSchema = z.optional(z.array(filingAttachmentSchema).check(z.maxLength(ATTACHMENTS_PER_SUBMISSION_MAX, tooMany)));
export const ownAttachmentsSchema = z.optional(z.array(ownAttachmentSchema).check(z.maxLength(ATTACHMENTS_PER_SUBMISSION_MAX, tooMany)));
export type AttachmentRef = { uploadId: string; uploadToken?: string };

/** Answer of the upload routes: where and how to POST the file (a presigned S3 POST), valid until expiresAt. */
export interface UploadTicketDto {
  uploadId: string;
  /** Filing uploads only: the secret the complete call and the filing must present. Keep it with the draft. */
  uploadToken?: string;
  url: string;
  /** Form fields to send, in order, before the file field (named `file`). */
  fields: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}

/** Answer of the complete call: the sanitised file, ready to attach. */
export interface CompletedUploadDto {
  uploadId: string;
  kind: AttachmentKind;
  contentType: string;
  bytes: number;
  width?: number;
  height?: number;
}

/** An attachment as a citizen sees it: short-lived links (minutes) to the file and its thumbnail. */
export interface AttachmentDto {
  id: string;
  kind: AttachmentKind;
  contentType: string;
  bytes: number;
  width?: number;
  height?: number;
  from: 'citizen' | 'official';
  stage: AttachmentStage;
  at: string;
  fileName: string;
}

export interface CitizenAttachmentDto extends AttachmentDto {
  url: string;
  thumbUrl?: string;
  /** When the links stop working. */
  urlExpiresAt: string;
}

/** `GET /api/console/cases/{caseNo}/attachments/{attachmentId}[?thumb=1]`: a link valid for minutes (the view is audited). */
export interface AttachmentUrlDto {
  url: string;
  expiresAt: string;
  fileName: string;
  contentType: string;
}

export const attachmentUrlQuerySchema = z.strictObject({
  thumb: z.optional(z.enum(['0', '1'], { message: 'thumb 应为 0 或 1' })),
});
