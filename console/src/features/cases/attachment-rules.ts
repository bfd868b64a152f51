import { ATTACHMENT_MAX_BYTES, HEIC_REFUSED_MESSAGE } from '@minsheng/shared';

/** The types an official may attach (the server sniffs the real type after upload). */
export const OFFICIAL_FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

/** Why a chosen file cannot be sent, before anything is uploaded; undefined when it can. */
export function fileProblem(file: { name: string; type: string; size: number }): string | undefined {
  if (/\.(heic|heif)$/i.test(file.name) || /heic|heif/i.test(file.type)) return HEIC_REFUSED_MESSAGE;
  if (!(OFFICIAL_FILE_TYPES as readonly string[]).includes(file.type)) return '只能添加 JPEG、PNG、WebP 图片或 PDF 文件';
  if (file.size > ATTACHMENT_MAX_BYTES) return `文件超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，请压缩后再添加`;
  if (file.size === 0) return '文件是空的';
  return undefined;
}

/** One file chosen for a reply or a request for information, as it uploads. */
export interface PickedFile {
  key: string;
  name: string;
  size: number;
  status: 'uploading' | 'ready' | 'failed';
  percent: number;
  uploadId?: string;
  error?: string;
  file: File;
}

/** The uploads the action can send now: every picked file ready, or the reason it cannot be sent yet. */
export function readyAttachments(files: PickedFile[]): { attachments: { uploadId: string }[] } | { problem: string } {
  if (files.some((f) => f.status === 'uploading')) return { problem: '附件还在上传，请等待上传完成' };
  if (files.some((f) => f.status === 'failed')) return { problem: '有附件上传失败，请重试或移除后再提交' };
  return { attachments: files.map((f) => ({ uploadId: f.uploadId! })) };
}

