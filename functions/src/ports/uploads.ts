import type { AttachmentKind, UploadPurpose } from '@minsheng/shared';

/** A file on its way to a case: asked for, then completed (sanitised), then attached once. */
export interface UploadRecord {
  uploadId: string;
  purpose: UploadPurpose;
  /**
   * Who may complete and attach it: `tok:<sha256 of the uploadToken>` (a filing's photo),
   * `case:<caseNo>` (a supplement), `off:<username>` (an official's file).
   */
  owner: string;
  /** The type the client declared (the POST policy enforces it on S3); the real type is sniffed at completion. */
  declaredType: string;
  status: 'pending' | 'ready' | 'attached';
  createdAt: string;
  /** After this (epoch ms) the presigned POST no longer works. */
  postExpiresAt: number;
  /** Set when completed: the sanitised file (and thumbnail), still under uploads/ until attached. */
  file?: { kind: AttachmentKind; contentType: 'image/jpeg' | 'application/pdf'; bytes: number; width?: number; height?: number; key: string; thumbKey?: string };
  /** Set when attached. */
  caseNo?: string;
}

export interface UploadStore {
  put(upload: UploadRecord): Promise<void>;
  get(uploadId: string): Promise<UploadRecord | undefined>;
  /** Record the sanitised file, if the upload is still pending; false otherwise. */
  markReady(uploadId: string, file: NonNullable<UploadRecord['file']>): Promise<boolean>;
  /** Mark a ready upload of `owner` attached to `caseNo`; false when it is not (any more) ready or not theirs. */
  claim(uploadId: string, owner: string, caseNo: string): Promise<boolean>;
  /** Undo a claim (the case write that followed failed). */
  release(uploadId: string): Promise<void>;
}
