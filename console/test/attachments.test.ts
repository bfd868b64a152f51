import { describe, expect, it } from 'vitest';
import { HEIC_REFUSED_MESSAGE } from '@minsheng/shared';
import { fileProblem, readyAttachments, type PickedFile } from '@/features/cases/attachment-rules';

const MB = 1024 * 1024;

describe('files an official attaches', () => {
  it('takes images and PDFs up to 10 MB; refuses HEIC with the way out, other types, empty and oversized files before uploading', () => {
    expect(fileProblem({ name: '答复函.pdf', type: 'application/pdf', size: 200_000 })).toBeUndefined();
    expect(fileProblem({ name: '现场.jpg', type: 'image/jpeg', size: 10 * MB })).toBeUndefined();
    expect(fileProblem({ name: 'IMG_0001.HEIC', type: '', size: 1000 })).toBe(HEIC_REFUSED_MESSAGE);
    expect(fileProblem({ name: 'a.html', type: 'text/html', size: 10 })).toBe('只能添加 JPEG、PNG、WebP 图片或 PDF 文件');
    expect(fileProblem({ name: 'big.pdf', type: 'application/pdf', size: 10 * MB + 1 })).toContain('10 MB');
    expect(fileProblem({ name: 'e.pdf', type: 'application/pdf', size: 0 })).toBe('文件是空的');
  });

  it('sends only when every file is uploaded; says why not otherwise', () => {
    const f = (status: PickedFile['status'], uploadId?: string): PickedFile => ({ key: String(Math.random()), name: 'x.pdf', size: 1, status, percent: 0, file: {} as File, ...(uploadId ? { uploadId } : {}) });
    expect(readyAttachments([f('ready', 'A'), f('ready', 'B')])).toEqual({ attachments: [{ uploadId: 'A' }, { uploadId: 'B' }] });
    expect(readyAttachments([f('ready', 'A'), f('uploading')])).toEqual({ problem: '附件还在上传，请等待上传完成' });
    expect(readyAttachments([f('failed')])).toEqual({ problem: '有附件上传失败，请重试或移除后再提交' });
    expect(readyAttachments([])).toEqual({ attachments: [] });
  });
});
