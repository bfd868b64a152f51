import { ATTACHMENTS_PER_SUBMISSION_MAX } from '@minsheng/shared';
import { Alert, Button, Flex, Progress, Typography } from 'antd';
import { useId, useRef } from 'react';
import { errorMessage } from '@/lib/api-client';
import { uploadOfficialFile } from '../api/attachments';
import { fileProblem, type PickedFile } from '../attachment-rules';

export { readyAttachments, type PickedFile } from '../attachment-rules';
import { formatBytes } from './attachment-gallery';

/**
 * Files to attach (a reply letter, a form): each uploaded at once, straight to the bucket, with its
 * progress; a failed one can be retried; any can be removed before sending.
 */
export function AttachmentPicker({ files, onChange }: { files: PickedFile[]; onChange: (update: (files: PickedFile[]) => PickedFile[]) => void }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const set = (key: string, patch: Partial<PickedFile>) => onChange((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  const start = (picked: PickedFile) => {
    set(picked.key, { status: 'uploading', percent: 0 });
    uploadOfficialFile(picked.file, (percent) => set(picked.key, { percent }))
      .then((done) => set(picked.key, { status: 'ready', percent: 100, uploadId: done.uploadId }))
      .catch((error: unknown) => set(picked.key, { status: 'failed', error: errorMessage(error) }));
  };

  const add = (list: FileList | null) => {
    const chosen = [...(list ?? [])].slice(0, Math.max(0, ATTACHMENTS_PER_SUBMISSION_MAX - files.length));
    const added: PickedFile[] = chosen.map((file, i) => {
      const problem = fileProblem(file);
      return { key: `${Date.now()}-${i}-${file.name}`, name: file.name, size: file.size, status: problem ? 'failed' : 'uploading', percent: 0, file, ...(problem ? { error: problem } : {}) };
    });
    onChange((all) => [...all, ...added]);
    for (const f of added) if (f.status === 'uploading') start(f);
    if (input.current) input.current.value = '';
  };

  return (
    <div className="attachment-picker" style={{ marginBottom: 16 }}>
      <label htmlFor={inputId} style={{ display: 'block', marginBottom: 6 }}>
        附件（可选，图片或 PDF，每个不超过 10 MB，最多 {ATTACHMENTS_PER_SUBMISSION_MAX} 个）
      </label>
      <input
        id={inputId}
        ref={input}
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp,application/pdf"
        disabled={files.length >= ATTACHMENTS_PER_SUBMISSION_MAX}
        onChange={(e) => add(e.target.files)}
      />
      {files.length ? (
        <ul aria-label="已添加的附件" style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
          {files.map((f) => (
            <li key={f.key} style={{ marginBottom: 8 }} className={`picked-file picked-file--${f.status}`}>
              <Flex align="center" gap={8} wrap>
                <Typography.Text style={{ minWidth: 160 }}>
                  {f.name}（{formatBytes(f.size)}）
                </Typography.Text>
                {f.status === 'uploading' ? <Progress percent={f.percent} size="small" style={{ width: 160 }} aria-label={`${f.name} 上传进度`} /> : null}
                {f.status === 'ready' ? <Typography.Text style={{ color: '#135200' }}>已上传</Typography.Text> : null}
                {f.status === 'failed' && !fileProblem(f.file) ? (
                  <Button size="small" onClick={() => start(f)}>
                    重试
                  </Button>
                ) : null}
                <Button size="small" onClick={() => onChange((all) => all.filter((x) => x.key !== f.key))} aria-label={`移除附件 ${f.name}`}>
                  移除
                </Button>
              </Flex>
              {f.status === 'failed' && f.error ? <Alert type="error" showIcon style={{ marginTop: 4 }} title={f.error} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
