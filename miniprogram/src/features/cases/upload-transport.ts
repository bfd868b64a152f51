import Taro from '@tarojs/taro';
import type { CompletedUploadDto, UploadTicketDto } from '@minsheng/shared';
import { IS_WEAPP } from '../../lib/env';
import { ApiError, apiRequest } from '../../lib/request';
import type { LocalFile } from './uploads';

export type UploadPurpose = 'filing' | 'supplement';

const SEND_FAILED = '上传没有成功，请检查网络后点“重试”';

/** `POST /api/uploads`: a presigned POST for one file (a supplement's with the case token). */
export function askToUpload(purpose: UploadPurpose, contentType: string, caseToken?: string): Promise<UploadTicketDto> {
  return apiRequest('/api/uploads', { method: 'POST', body: { purpose, contentType }, ...(caseToken ? { token: caseToken } : {}) });
}

/** `POST /api/uploads/{id}/complete`: the server checks and sanitises the file; a refused one is a 400 with a Chinese message. */
export function completeUpload(ticket: UploadTicketDto, caseToken?: string): Promise<CompletedUploadDto> {
  return apiRequest(`/api/uploads/${encodeURIComponent(ticket.uploadId)}/complete`, {
    method: 'POST',
    body: ticket.uploadToken ? { uploadToken: ticket.uploadToken } : {},
    ...(caseToken ? { token: caseToken } : {}),
    timeoutMs: 60_000,
  });
}

/**
 * Send the file to the presigned POST: the ticket's fields, in order, then the file as `file`.
 * weapp: wx.uploadFile (its progress events); H5: XMLHttpRequest with FormData (upload progress).
 */
export function sendFile(ticket: UploadTicketDto, file: LocalFile, onProgress: (percent: number) => void): Promise<void> {
  if (IS_WEAPP) {
    return new Promise<void>((resolve, reject) => {
      const task = Taro.uploadFile({
        url: ticket.url,
        filePath: file.path,
        name: 'file',
        formData: ticket.fields,
        timeout: 120_000,
        success: (res) => (res.statusCode >= 200 && res.statusCode < 300 ? resolve() : reject(new Error(`S3 ${res.statusCode}`))),
        fail: (e) => reject(new Error(String(e?.errMsg ?? 'uploadFile failed'))),
      });
      if (task && typeof task.onProgressUpdate === 'function') task.onProgressUpdate((p) => onProgress(p.progress));
    });
  }
  return new Promise<void>((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
    if (!file.file) return reject(new Error('no file'));
    form.append('file', file.file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ticket.url);
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress((e.loaded / e.total) * 100);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`S3 ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('network'));
    xhr.ontimeout = () => reject(new Error('timeout'));
    xhr.send(form);
  });
}

/** The whole of one file: ask, send, complete. Rejects with a message fit to show under the file. */
export async function uploadOne(purpose: UploadPurpose, file: LocalFile, onProgress: (percent: number) => void, caseToken?: string): Promise<{ uploadId: string; uploadToken?: string; done: CompletedUploadDto }> {
  let ticket: UploadTicketDto;
  try {
    ticket = await askToUpload(purpose, file.contentType, caseToken);
  } catch (e) {
    throw new Error(messageOf(e));
  }
  try {
    await sendFile(ticket, file, onProgress);
  } catch {
    throw new Error(SEND_FAILED);
  }
  try {
    const done = await completeUpload(ticket, caseToken);
    return { uploadId: done.uploadId, ...(ticket.uploadToken ? { uploadToken: ticket.uploadToken } : {}), done };
  } catch (e) {
    throw new Error(messageOf(e));
  }
}

function messageOf(e: unknown): string {
  if (e instanceof ApiError) {
    const field = e.fields?.file ?? e.fields?.contentType ?? (e.fields ? Object.values(e.fields)[0] : undefined);
    return field ?? e.message;
  }
  return SEND_FAILED;
}
