import { type AttachmentUrlDto, type CompletedUploadDto, type UploadTicketDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '@/lib/api-client';

/**
 * GET /api/console/cases/{caseNo}/attachments/{attachmentId}[?thumb=1] — a five-minute link to one
 * file; the server records the view in the audit trail before answering.
 */
export function getAttachmentUrl(caseNo: string, attachmentId: string, thumb = false): Promise<AttachmentUrlDto> {
  return api(`/console/cases/${encodeURIComponent(caseNo)}/attachments/${encodeURIComponent(attachmentId)}`, { query: thumb ? { thumb: 1 } : {} });
}

/** A thumbnail's link, asked once per case view (the link lives five minutes; a reload asks again). */
export function useThumbnailUrl(caseNo: string, attachmentId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['attachment-thumb', caseNo, attachmentId],
    queryFn: () => getAttachmentUrl(caseNo, attachmentId, true),
    enabled,
    staleTime: 4 * 60 * 1000,
    gcTime: 4 * 60 * 1000,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/**
 * Upload one file for a reply or a request for information: ask for a presigned POST
 * (POST /api/console/uploads), send the file straight to the bucket with progress, then have the
 * server sanitise it (POST /api/console/uploads/{id}/complete). Resolves with the ready upload.
 */
export async function uploadOfficialFile(file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<CompletedUploadDto> {
  const ticket = await api<UploadTicketDto>('/console/uploads', { body: { contentType: file.type } });
  await postToBucket(ticket, file, onProgress, signal);
  return api<CompletedUploadDto>(`/console/uploads/${encodeURIComponent(ticket.uploadId)}/complete`, { method: 'POST' });
}

/** The multipart POST of a presigned form (XMLHttpRequest: fetch reports no upload progress). */
function postToBucket(ticket: UploadTicketDto, file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ticket.url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? (onProgress(100), resolve()) : reject(new ApiError(xhr.status, 'VALIDATION_FAILED', '文件上传被拒绝（类型或大小不符合要求），请检查后重试')));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '网络连接失败，文件没有上传成功，请重试'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
