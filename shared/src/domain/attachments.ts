/**
 * Evidence on a case: photos and documents, always sanitised copies (images re-encoded with no
 * metadata; see README "Evidence"). No original is kept anywhere, so no viewer can ever get one.
 */

/** The largest file a client may upload, in bytes (enforced by the signed POST policy, and again after upload). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Files per filing, supplement or official action. */
export const ATTACHMENTS_PER_SUBMISSION_MAX = 9;
/** Longest side of a stored image, in pixels (larger photos are scaled down). */
export const IMAGE_MAX_SIDE = 4096;
/** Longest side of a thumbnail. */
export const THUMB_MAX_SIDE = 320;

/** What an upload is for: a citizen's filing (no case yet), a citizen's supplement, an official's reply or request. */
export const UPLOAD_PURPOSES = ['filing', 'supplement', 'official'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** Types a client may declare when asking to upload (HEIC is named so it can be refused with a way out). */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

export const HEIC_REFUSED_MESSAGE = '暂不支持 HEIC 格式，请在手机设置中选择「兼容性最佳」或截图后上传';

/** Whether a purpose accepts PDFs: filings take photos only; supplements and officials' files may be PDFs. */
export function acceptsPdf(purpose: UploadPurpose): boolean {
  return purpose !== 'filing';
}

export type AttachmentKind = 'image' | 'pdf';
/** Where in the case's life a file was attached. */
export type AttachmentStage = 'filing' | 'supplement' | 'reply' | 'request_info';

/** One stored, sanitised file of a case. */
export interface AttachmentRecord {
  id: string;
  kind: AttachmentKind;
  /** image/jpeg for every image (re-encoded), application/pdf for documents. */
  contentType: 'image/jpeg' | 'application/pdf';
  bytes: number;
  width?: number;
  height?: number;
  /** Object keys in the evidence bucket. */
  key: string;
  thumbKey?: string;
  from: 'citizen' | 'official';
  stage: AttachmentStage;
  /** The official who attached it (officials' files only). */
  by?: string;
  at: string;
}

/** File name offered when downloading (never the uploader's own name: it can identify them). */
export function attachmentFileName(caseNo: string, a: Pick<AttachmentRecord, 'id' | 'kind'>): string {
  return `${caseNo}-${a.id.slice(-6).toLowerCase()}.${a.kind === 'pdf' ? 'pdf' : 'jpg'}`;
}

/** An attachment's metadata as the API shows it (no object keys, no links). */
export function attachmentMeta(caseNo: string, a: AttachmentRecord, formatAt: (iso: string) => string) {
  return {
    id: a.id,
    kind: a.kind,
    contentType: a.contentType,
    bytes: a.bytes,
    ...(a.width ? { width: a.width, height: a.height } : {}),
    from: a.from,
    stage: a.stage,
    at: formatAt(a.at),
    fileName: attachmentFileName(caseNo, a),
  };
}
