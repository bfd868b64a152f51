import { DiscardDraftButton } from '@/components/ui/discard-draft-button';
import { LIBRARY_LIMITS, libraryItemUpdateSchema, policyInputSchema, toShanghaiDate, type LibraryAdminItemDto } from '@minsheng/shared';
import { Alert, App, Button, Collapse, Descriptions, Flex, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { PlainText } from '@/components/ui/plain-text';
import { errorMessage, isApiError } from '@/lib/api-client';
import { clearDraft, draftKey, loadDraft, saveDraft } from '@/lib/drafts';
import { formatDateTime } from '@/lib/format';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useCreatePolicy } from '../api/create-policy';
import { useOfficialLabel } from '../api/list-officials';
import { useAdminCategories } from '../api/list-categories';
import { findLibraryItem } from '../api/get-library-item';
import { useUpdateLibraryItem } from '../api/update-library-item';
import { formValuesOf, policyInputOf, updateBodyOf, type LibraryDraft, type LibraryFormValues } from '../library-forms';

export type EditorTarget = { mode: 'create' } | { mode: 'edit'; item: LibraryAdminItemDto };

const codePoints = { strategy: (s: string) => [...s].length };

/** The stored version, shown beside the admin's own text after a conflict. */
function LatestVersion({ item }: { item: LibraryAdminItemDto }) {
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={[
        { key: 'title', label: '标题', children: <PlainText text={item.title} /> },
        ...(item.kind === 'qa'
          ? [
              { key: 'question', label: '问题', children: <PlainText text={item.question} /> },
              { key: 'answer', label: '答复', children: <PlainText text={item.answer ?? item.body} /> },
            ]
          : [
              { key: 'issuer', label: '发文机关', children: item.issuer ?? '—' },
              { key: 'issuedAt', label: '发文日期', children: item.issuedAt },
              { key: 'docNo', label: '文号', children: item.docNo ?? '—' },
              { key: 'body', label: '正文', children: <PlainText text={item.body} style={{ maxHeight: 240, overflowY: 'auto' }} /> },
            ]),
        { key: 'tags', label: '标签', children: item.tags.join('、') || '—' },
      ]}
    />
  );
}

/**
 * Create a policy, or edit a policy or a published Q&A. What is typed is kept as a draft in local
 * storage (with the revision it started from), so a 409 — another admin saved or deleted the item
 * meanwhile — never loses it: the admin loads the latest version, compares, and saves theirs over
 * it or takes the latest instead.
 */
export function LibraryEditor({ target, username, onClose }: { target: EditorTarget; username: string; onClose: () => void }) {
  const original = target.mode === 'edit' ? target.item : undefined;
  const who = useOfficialLabel();
  const kind = original?.kind ?? 'policy';
  const key = draftKey(username, 'library', original?.id ?? 'new-policy');
  const [draft] = useState(() => loadDraft<LibraryDraft>(key));
  const [baseRevision, setBaseRevision] = useState<number | undefined>(() => draft?.values.baseRevision ?? original?.revision);
  const [form] = Form.useForm<LibraryFormValues>();
  const { message } = App.useApp();
  const categories = useAdminCategories();
  const create = useCreatePolicy();
  const update = useUpdateLibraryItem();
  const [conflict, setConflict] = useState<'changed' | 'deleted'>();
  const [latest, setLatest] = useState<LibraryAdminItemDto>();
  const [reloading, setReloading] = useState(false);
  const [failure, setFailure] = useState<string>();

  const initialValues: LibraryFormValues = (() => {
    if (draft) {
      const { baseRevision: _ignored, ...values } = draft.values;
      return values;
    }
    return original ? formValuesOf(original) : { issuedAt: toShanghaiDate(new Date()), tags: [] };
  })();

  const keepDraft = (values = form.getFieldsValue(true) as LibraryFormValues, revision = baseRevision) =>
    saveDraft(key, { ...values, ...(revision !== undefined ? { baseRevision: revision } : {}) });

  const saveAsNew = async (values: LibraryFormValues) => {
    const body = checkWith(policyInputSchema, policyInputOf(values), form);
    if (!body) return;
    try {
      const saved = await create.mutateAsync(body);
      clearDraft(key);
      message.success(`已保存为新的政策文件：${saved.title}`);
      onClose();
    } catch (e) {
      if (!showServerFieldErrors(e, form)) setFailure(errorMessage(e));
    }
  };

  const save = async () => {
    setFailure(undefined);
    const values = form.getFieldsValue(true) as LibraryFormValues;
    if (!original) return saveAsNew(values);
    const body = checkWith(libraryItemUpdateSchema, updateBodyOf(kind, values, baseRevision ?? original.revision), form);
    if (!body) return;
    keepDraft(values);
    try {
      const saved = await update.mutateAsync({ id: original.id, body });
      clearDraft(key);
      message.success(`已保存：${saved.title}`);
      onClose();
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') setConflict('changed');
      else if (isApiError(e) && e.status === 404) setConflict('deleted');
      else if (isApiError(e) && (e.code === 'UNAUTHENTICATED' || e.code === 'TOKEN_EXPIRED')) {
        // Back to the login page; the text is kept as a draft.
      } else if (!showServerFieldErrors(e, form)) setFailure(errorMessage(e));
    }
  };

  const reload = async () => {
    if (!original) return;
    setReloading(true);
    try {
      const current = await findLibraryItem(original.id);
      if (!current) {
        setConflict('deleted');
        return;
      }
      setLatest(current);
      setBaseRevision(current.revision);
      keepDraft(undefined, current.revision);
      setConflict(undefined);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setReloading(false);
    }
  };

  const takeLatest = () => {
    if (!latest) return;
    form.resetFields();
    form.setFieldsValue(formValuesOf(latest));
    clearDraft(key);
    setLatest(undefined);
  };

  const title = !original ? '新增政策文件' : kind === 'qa' ? '编辑咨询问答' : '编辑政策文件';
  const pending = create.isPending || update.isPending;

  return (
    <Modal
      open
      title={title}
      width={820}
      destroyOnHidden
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Flex justify="space-between" wrap gap={8}>
          <DiscardDraftButton draftKey={key} onClose={onClose} />
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" loading={pending} disabled={conflict !== undefined} onClick={() => void save()}>
              保存
            </Button>
          </Space>
        </Flex>
      }
    >
      {original ? (
        <Typography.Paragraph className="hint">
          条目编号 {original.id} · 第 {original.revision} 版 · 最后由 {who(original.updatedBy)} 于 {formatDateTime(original.updatedAt)} 修改
          {original.sourceCaseNo ? ` · 来源案件 ${original.sourceCaseNo}（不对公众显示）` : ''}
        </Typography.Paragraph>
      ) : null}
      {kind === 'qa' ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="保存时会再次匿名处理" description="问答的标题、问题和答复保存时会重新检查，来源案件群众的姓名、电话、地址和案件编号，以及任何手机号、身份证号、邮箱都会被隐去。" />
      ) : null}
      {draft ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`已恢复 ${formatDateTime(draft.savedAt)} 保存的草稿`} description="您上次填写但没有保存的内容已自动保存在本机，保存成功后草稿会删除。" />
      ) : null}
      {conflict === 'changed' ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="conflict"
          style={{ marginBottom: 12 }}
          title="保存未成功：该条目已被他人修改"
          description={
            <>
              <p style={{ margin: 0 }}>在您编辑期间，其他管理员修改了这个条目。为避免覆盖别人的修改，您的内容没有保存；您填写的内容仍在下方，并已保存为本机草稿。请先载入最新版本，对照后再决定是否保存。</p>
              <Button type="primary" style={{ marginTop: 8 }} loading={reloading} onClick={() => void reload()}>
                载入最新版本（保留草稿）
              </Button>
            </>
          }
        />
      ) : null}
      {conflict === 'deleted' ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title="保存未成功：该条目已被他人删除"
          description={
            <>
              <p style={{ margin: 0 }}>您填写的内容仍在下方，并已保存为本机草稿，可复制后使用。</p>
              {kind === 'policy' ? (
                <Button style={{ marginTop: 8 }} loading={create.isPending} onClick={() => void saveAsNew(form.getFieldsValue(true) as LibraryFormValues)}>
                  另存为新的政策文件
                </Button>
              ) : null}
            </>
          }
        />
      ) : null}
      {latest ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已载入最新版本：第 ${latest.revision} 版，${who(latest.updatedBy)} 于 ${formatDateTime(latest.updatedAt)} 保存`}
          description={
            <>
              <p style={{ margin: '0 0 8px' }}>下方仍是您填写的内容。点“保存”将用您的内容替换最新版本；也可以放弃您的修改，改用最新版本。</p>
              <Collapse size="small" items={[{ key: 'latest', label: '查看最新版本的内容', children: <LatestVersion item={latest} /> }]} />
              <Button style={{ marginTop: 8 }} onClick={takeLatest}>
                改用最新版本（放弃我的修改）
              </Button>
            </>
          }
        />
      ) : null}
      {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={failure} /> : null}
      <Form form={form} name="library-item" layout="vertical" initialValues={initialValues} onValuesChange={(_, all) => keepDraft(all as LibraryFormValues)}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input count={{ ...codePoints, show: true, max: LIBRARY_LIMITS.titleMax }} />
        </Form.Item>
        {kind === 'policy' ? (
          <>
            <Flex gap={16} wrap>
              <Form.Item name="issuer" label="发文机关" style={{ flex: '2 1 260px' }} rules={[{ required: true, whitespace: true, message: '请填写发文机关' }]}>
                <Input maxLength={LIBRARY_LIMITS.issuerMax} placeholder="如：民安县人力资源和社会保障局" />
              </Form.Item>
              <Form.Item name="issuedAt" label="发文日期" style={{ flex: '1 1 140px' }} rules={[{ required: true, message: '请填写发文日期' }]}>
                <Input placeholder="YYYY-MM-DD" inputMode="numeric" />
              </Form.Item>
              <Form.Item name="docNo" label="文号（可选）" style={{ flex: '1 1 200px' }}>
                <Input maxLength={LIBRARY_LIMITS.docNoMax} placeholder="如：民安人社发〔2025〕12号" />
              </Form.Item>
            </Flex>
            <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
              <Input.TextArea rows={10} count={{ ...codePoints, show: true, max: LIBRARY_LIMITS.bodyMax }} />
            </Form.Item>
            <Form.Item name="sourceUrl" label="原文链接（可选）">
              <Input placeholder="https://" inputMode="url" />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="question" label="问题" extra="群众的提问（已匿名）" rules={[{ required: true, whitespace: true, message: '请填写问题' }]}>
              <Input.TextArea rows={5} count={{ ...codePoints, show: true, max: LIBRARY_LIMITS.questionMax }} />
            </Form.Item>
            <Form.Item name="answer" label="答复" rules={[{ required: true, whitespace: true, message: '请填写答复' }]}>
              <Input.TextArea rows={7} count={{ ...codePoints, show: true, max: LIBRARY_LIMITS.answerMax }} />
            </Form.Item>
          </>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="tags" label="标签（可选）" extra={`输入后按回车，最多 ${LIBRARY_LIMITS.tagsMax} 个`} style={{ flex: '2 1 300px' }}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} placeholder="如：社保、灵活就业" />
          </Form.Item>
          {kind === 'policy' ? (
            <Form.Item name="categoryId" label="问题类别（可选）" style={{ flex: '1 1 200px' }}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="不指定"
                loading={categories.isPending}
                options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          ) : null}
        </Flex>
      </Form>
    </Modal>
  );
}
