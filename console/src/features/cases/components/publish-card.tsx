import { ReadOutlined } from '@ant-design/icons';
import { LIBRARY_LIMITS, publishRequestSchema, type ConsoleCaseDto, type OfficialRole, type PublicationPreviewDto, type PublishResponse } from '@minsheng/shared';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage, isApiError } from '@/lib/api-client';
import { clearDraft, draftKey, loadDraft, saveDraft } from '@/lib/drafts';
import { formatDateTime } from '@/lib/format';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { usePublicationPreview } from '../api/get-publication-preview';
import { usePublishCase } from '../api/publish-case';
import { cleanTags, publishOffer, recheckSummary, redactionSummary, republishWarning } from '../publication';

type PublishValues = { title?: string; question?: string; answer?: string; tags?: string[] };

const codePoints = { strategy: (s: string) => [...s].length };

/** The anonymised preview, editable, then published (after a confirmation). What is typed is kept as a draft. */
function PublishForm({ caseNo, preview, username, onPublished }: { caseNo: string; preview: PublicationPreviewDto; username: string; onPublished: (r: PublishResponse) => void }) {
  const key = draftKey(username, caseNo, 'publish');
  const [draft, setDraft] = useState(() => loadDraft<PublishValues>(key));
  const [form] = Form.useForm<PublishValues>();
  const { modal } = App.useApp();
  const publish = usePublishCase(caseNo);
  const [failure, setFailure] = useState<string>();
  const fromPreview: PublishValues = { title: preview.title, question: preview.question, answer: preview.answer, tags: preview.tags };

  const confirm = () =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: '发布到问答库：请确认',
        content: `发布后群众可以在小程序的问答库中查到这条问答。请确认已读过全文，没有留下群众的个人信息。${preview.published ? '已发布的原条目将被替换，管理员在问答库中对它的修改也会被替换。' : ''}`,
        okText: '确认发布',
        cancelText: '返回修改',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const submit = async () => {
    setFailure(undefined);
    const v = form.getFieldsValue(true) as PublishValues;
    const body = checkWith(publishRequestSchema, { title: (v.title ?? '').trim(), question: (v.question ?? '').trim(), answer: (v.answer ?? '').trim(), tags: cleanTags(v.tags) }, form);
    if (!body) return;
    if (!(await confirm())) return;
    try {
      const result = await publish.mutateAsync(body);
      clearDraft(key);
      onPublished(result);
    } catch (e) {
      if (isApiError(e) && (e.code === 'UNAUTHENTICATED' || e.code === 'TOKEN_EXPIRED')) return; // back to login; the draft is kept
      if (!showServerFieldErrors(e, form)) setFailure(errorMessage(e));
    }
  };

  return (
    <>
      <Alert
        type="info"
        showIcon
        className="redaction-note"
        style={{ marginBottom: 12 }}
        title={redactionSummary(preview.redactions)}
        description="下方是按规则自动匿名后的内容，自动匿名会有遗漏。发布前请逐字读一遍，重点找：人名（包括没有“我叫”等字样的）、地址和门牌、车牌号、微信号，以及用汉字写的号码（如“幺三八…”）。找到的请直接改掉。发布时系统会按规则再检查一次，但不能代替人工核对。"
      />
      {preview.published ? <Alert type="warning" showIcon className="republish-warning" style={{ marginBottom: 12 }} title={republishWarning(preview.published)} /> : null}
      {draft ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已恢复 ${formatDateTime(draft.savedAt)} 保存的草稿`}
          description="您上次修改但没有发布的内容已自动保存在本机。"
          action={
            <Button
              size="small"
              onClick={() => {
                clearDraft(key);
                setDraft(undefined);
                form.resetFields();
                form.setFieldsValue(fromPreview);
              }}
            >
              改用最新预览
            </Button>
          }
        />
      ) : null}
      {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={failure} /> : null}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'category', label: '问题类别', children: preview.categoryName ?? preview.categoryId },
          { key: 'issuer', label: '答复部门', children: preview.issuer ?? '—' },
        ]}
      />
      <Form
        form={form}
        name="publish"
        layout="vertical"
        initialValues={draft?.values ?? fromPreview}
        onValuesChange={(_, all) => saveDraft(key, all as PublishValues)}
        onFinish={() => void submit()}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input count={{ ...codePoints, show: true, max: LIBRARY_LIMITS.titleMax }} />
        </Form.Item>
        <Form.Item name="question" label="问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }]}>
          <Input.TextArea rows={5} count={{ ...codePoints, show: true, max: LIBRARY_LIMITS.questionMax }} />
        </Form.Item>
        <Form.Item name="answer" label="答复" rules={[{ required: true, whitespace: true, message: '请填写答复' }]}>
          <Input.TextArea rows={7} count={{ ...codePoints, show: true, max: LIBRARY_LIMITS.answerMax }} />
        </Form.Item>
        <Form.Item name="tags" label="标签（可选）" extra={`输入后按回车，最多 ${LIBRARY_LIMITS.tagsMax} 个`}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} placeholder="如：社保、灵活就业" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={publish.isPending}>
          {preview.published ? '再次发布（替换原条目）' : '发布'}
        </Button>
      </Form>
    </>
  );
}

/**
 * 发布到问答库, for intake and supervisors on an answered consultation: if the citizen agreed when
 * filing, a dialog with the anonymised preview to check, edit and publish; if not, the reason.
 * Department handlers and other case types see nothing.
 */
export function PublishCard({ c, role, username }: { c: ConsoleCaseDto; role: OfficialRole; username: string }) {
  const offer = publishOffer(c, role);
  const [open, setOpen] = useState(false);
  const [published, setPublished] = useState<PublishResponse>();
  const { message } = App.useApp();
  const preview = usePublicationPreview(c.caseNo, open);
  if (offer.kind === 'hidden') return null;

  return (
    <Card size="small" title={<h2 className="card-title">问答库</h2>} className="publish-card">
      {offer.kind === 'blocked' ? (
        <>
          <Tooltip title={offer.reason}>
            <span>
              <Button icon={<ReadOutlined aria-hidden />} disabled>
                发布到问答库
              </Button>
            </span>
          </Tooltip>
          <Typography.Paragraph className="hint publish-blocked" style={{ margin: '8px 0 0' }}>
            不能发布：{offer.reason}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          <Typography.Paragraph style={{ marginTop: 0 }}>市民提交时同意公开。可将问题和答复匿名后发布到问答库，供群众检索。</Typography.Paragraph>
          <Button icon={<ReadOutlined aria-hidden />} onClick={() => setOpen(true)}>
            发布到问答库
          </Button>
          {published ? (
            <Alert
              type="success"
              showIcon
              className="publish-result"
              style={{ marginTop: 12 }}
              title={
                <>
                  {published.replaced ? '已替换问答库中的原条目' : '已发布到问答库'}，条目编号 <strong className="published-id">{published.item.id}</strong>
                </>
              }
              description={`群众现在可以在问答库中查到。${recheckSummary(published.redactions)}`}
            />
          ) : null}
        </>
      )}
      {open ? (
        <Modal open title="发布到问答库" width={820} footer={null} onCancel={() => setOpen(false)} destroyOnHidden mask={{ closable: false }}>
          <QueryState query={preview} rows={8}>
            {(p) => (
              <PublishForm
                caseNo={c.caseNo}
                preview={p}
                username={username}
                onPublished={(r) => {
                  setPublished(r);
                  setOpen(false);
                  message.success(`${r.replaced ? '已替换原条目' : '已发布到问答库'}，条目编号 ${r.item.id}`);
                }}
              />
            )}
          </QueryState>
        </Modal>
      ) : null}
    </Card>
  );
}
