import { type AttachmentDto } from '@minsheng/shared';
import { App, Button, Card, Empty, Flex, Modal, Spin, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { getAttachmentUrl, useThumbnailUrl } from '../api/attachments';

const STAGE_LABELS: Record<AttachmentDto['stage'], string> = { filing: '提交诉求时', supplement: '补充材料', reply: '答复附件', request_info: '补充材料要求附件' };

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function describe(a: AttachmentDto): string {
  const who = a.from === 'official' ? '工作人员' : '群众';
  return `${who} · ${STAGE_LABELS[a.stage]} · ${formatDateTime(a.at)} · ${a.kind === 'pdf' ? 'PDF' : '图片'} ${formatBytes(a.bytes)}`;
}

function Thumbnail({ caseNo, a, onOpen }: { caseNo: string; a: AttachmentDto; onOpen: () => void }) {
  const thumb = useThumbnailUrl(caseNo, a.id, a.kind === 'image');
  const label = `${a.kind === 'pdf' ? '下载' : '查看'}附件 ${a.fileName}（${describe(a)}）`;
  return (
    <Flex vertical align="center" gap={4} className="attachment-tile" style={{ width: 132 }}>
      <button type="button" className="attachment-thumb" aria-label={label} onClick={onOpen} style={{ width: 120, height: 120, border: '1px solid #d9d9d9', borderRadius: 6, background: '#fafafa', cursor: 'pointer', padding: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
        {a.kind === 'pdf' ? (
          <span style={{ fontSize: 22, fontWeight: 700, color: '#a8071a' }}>PDF</span>
        ) : thumb.data ? (
          <img src={thumb.data.url} alt="" style={{ maxWidth: '100%', maxHeight: '100%' }} />
        ) : thumb.isError ? (
          <span style={{ color: '#595959' }}>缩略图加载失败</span>
        ) : (
          <Spin size="small" />
        )}
      </button>
      <Typography.Text style={{ fontSize: 12, color: '#595959', textAlign: 'center' }}>
        {a.from === 'official' ? '工作人员' : '群众'} · {STAGE_LABELS[a.stage]}
      </Typography.Text>
    </Flex>
  );
}

/**
 * The case's photos and documents: thumbnails, a full-size view, PDFs downloaded. Every file is
 * opened through the audited link route (each view is recorded); all are sanitised copies.
 */
export function AttachmentGallery({ caseNo, attachments }: { caseNo: string; attachments: AttachmentDto[] }) {
  const { message } = App.useApp();
  const [viewing, setViewing] = useState<{ a: AttachmentDto; url: string }>();
  const [opening, setOpening] = useState<string>();

  const open = async (a: AttachmentDto) => {
    setOpening(a.id);
    try {
      const link = await getAttachmentUrl(caseNo, a.id);
      if (a.kind === 'pdf') {
        // The link answers with Content-Disposition: attachment — the browser saves it.
        const anchor = document.createElement('a');
        anchor.href = link.url;
        anchor.rel = 'noopener';
        anchor.click();
      } else setViewing({ a, url: link.url });
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setOpening(undefined);
    }
  };

  return (
    <Card size="small" title={<h2 className="card-title">附件（{attachments.length}）</h2>} className="case-attachments">
      {attachments.length ? (
        <>
          <Typography.Paragraph style={{ color: '#595959' }}>照片已去除拍摄位置、设备等信息；每次查看都会记入审计日志。</Typography.Paragraph>
          <Spin spinning={Boolean(opening)}>
            <Flex wrap gap={12} role="list" aria-label="附件列表">
              {attachments.map((a) => (
                <div role="listitem" key={a.id}>
                  <Thumbnail caseNo={caseNo} a={a} onOpen={() => void open(a)} />
                </div>
              ))}
            </Flex>
          </Spin>
        </>
      ) : (
        <Empty description="没有附件" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      <Modal open={Boolean(viewing)} title={viewing ? `附件 ${viewing.a.fileName}` : ''} footer={<Button onClick={() => setViewing(undefined)}>关闭</Button>} onCancel={() => setViewing(undefined)} width={900}>
        {viewing ? (
          <>
            <Typography.Paragraph style={{ color: '#595959' }}>{describe(viewing.a)}</Typography.Paragraph>
            <img src={viewing.url} alt={`附件 ${viewing.a.fileName} 的完整图片`} style={{ maxWidth: '100%' }} className="attachment-full" />
          </>
        ) : null}
      </Modal>
    </Card>
  );
}
