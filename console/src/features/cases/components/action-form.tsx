import { DiscardDraftButton } from '@/components/ui/discard-draft-button';
import { ANSWER_RESULT_LABELS, ANSWER_RESULTS, consoleActionSchema, INSTRUCTIONS_MAX, MAX_AMOUNT_RECOVERED_YUAN, LIMITS, MAX_ASSISTING, MAX_EXTENSION_DAYS, SEND_BACK_REASON_CODES, SEND_BACK_REASONS, REVISIT_OUTCOMES, REVISIT_OUTCOME_LABELS, type ConsoleCaseDto } from '@minsheng/shared';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useDepartments } from '@/api/list-departments';
import { errorMessage, isApiError } from '@/lib/api-client';
import { clearDraft, draftKey, loadDraft, saveDraft } from '@/lib/drafts';
import { formatDateTime } from '@/lib/format';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { ACTIONS, type ActionValues as Values, type FieldKind, type OfficialAction } from '../actions';
import { isHandedOver, useRunAction } from '../api/run-action';
import { templatesFor } from '../reply-templates';
import { AttachmentPicker, readyAttachments, type PickedFile } from './attachment-picker';

const codePoints = { strategy: (s: string) => [...s].length };
/** Long text is written at a readable size (the forms open full width below the case content). */
const LONG_TEXT = { fontSize: 16, lineHeight: 1.7 };

/**
 * One action's form: its fields (checked with the shared contract before sending), a confirmation,
 * and a draft saved as the official types. A 409 (someone else changed the case meanwhile) is
 * explained, with a reload that keeps what was typed.
 */
export function ActionForm({
  c,
  action,
  username,
  stillAllowed,
  onClose,
  onReload,
}: {
  c: ConsoleCaseDto;
  action: OfficialAction;
  username: string;
  stillAllowed: boolean;
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const spec = ACTIONS[action];
  const key = draftKey(username, c.caseNo, action);
  const [initial] = useState(() => loadDraft<Values>(key));
  const [form] = Form.useForm<Values>();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const departments = useDepartments();
  const run = useRunAction(c.caseNo);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [failure, setFailure] = useState<string>();
  const templates = useMemo(() => templatesFor(c.categoryId), [c.categoryId]);
  // A reply or a request for information may carry files (uploaded as they are chosen; not part of the draft).
  const takesFiles = action === 'reply' || action === 'request_info';
  const [files, setFiles] = useState<PickedFile[]>([]);

  const deptName = (id: string | undefined) => departments.data?.find((d) => d.id === id)?.name ?? id ?? '';

  const confirm = (text: string) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: `${spec.label}：请确认`,
        content: text,
        okText: '确认提交',
        cancelText: '返回修改',
        okButtonProps: spec.danger ? { danger: true } : {},
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const submit = async () => {
    setFailure(undefined);
    const values = form.getFieldsValue(true) as Values;
    let body: Record<string, unknown> = spec.body(values, c.version);
    if (takesFiles && files.length) {
      const ready = readyAttachments(files);
      if ('problem' in ready) {
        setFailure(ready.problem);
        return;
      }
      body = { ...body, attachments: ready.attachments };
    }
    // The same rules the API applies (shared/), with its messages, before anything is sent.
    const checked = checkWith(consoleActionSchema, body, form);
    if (!checked) return;
    if (!(await confirm(`${spec.confirmText(values, c, deptName)}${takesFiles && files.length ? `（附件 ${files.length} 个）` : ''}`))) return;
    try {
      const result = await run.mutateAsync(checked);
      clearDraft(key);
      setFiles([]);
      if (isHandedOver(result)) {
        message.success(`已退回重新分办（案件当前状态：${result.statusLabel}）`);
        navigate('/queues/department', { replace: true });
        return;
      }
      message.success(`${spec.label}：已提交`);
      onClose();
    } catch (error) {
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
        setConflict(true);
      } else if (isApiError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'TOKEN_EXPIRED')) {
        // The app returns to the login page; what was typed is already saved as a draft.
      } else {
        showServerFieldErrors(error, form);
        setFailure(errorMessage(error));
      }
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
      setConflict(false);
    } finally {
      setReloading(false);
    }
  };

  // The accept form starts from the 派单目录's suggestion (or the category's usual department), unless a draft says otherwise.
  const suggestion = action === 'accept' ? c.dispatchSuggestion : undefined;
  const startValues: Values = initial?.values ?? (suggestion ? { departmentId: suggestion.departmentId } : action === 'decide_dispute' ? { decision: 'uphold' } : {});
  const decision = Form.useWatch('decision', form) as Values['decision'];

  const field = (kind: FieldKind) => {
    switch (kind) {
      case 'instructions':
        return (
          <Form.Item key={kind} name="instructions" label="交办意见（可选，承办部门可见，群众不可见）">
            <Input.TextArea rows={3} count={{ ...codePoints, show: true, max: INSTRUCTIONS_MAX }} styles={{ textarea: LONG_TEXT }} />
          </Form.Item>
        );
      case 'reasonCode':
        return (
          <Form.Item key={kind} name="reasonCode" label="退单原因" rules={[{ required: true, message: '请选择退单原因' }]}>
            <Radio.Group options={SEND_BACK_REASON_CODES.map((code) => ({ value: code, label: SEND_BACK_REASONS[code] }))} />
          </Form.Item>
        );
      case 'revisitOutcome':
        return (
          <Form.Item key={kind} name="outcome" label="回访结果" rules={[{ required: true, message: '请选择回访结果' }]}>
            <Radio.Group options={REVISIT_OUTCOMES.map((o) => ({ value: o, label: REVISIT_OUTCOME_LABELS[o] }))} />
          </Form.Item>
        );
      case 'uphold':
        return (
          <Form.Item key={kind} name="decision" label="裁定" rules={[{ required: true, message: '请选择裁定结果' }]}>
            <Radio.Group
              options={[
                { value: 'uphold', label: '维持原派单（最终决定）' },
                { value: 'redispatch', label: '改派其他部门' },
              ]}
            />
          </Form.Item>
        );
      case 'department':
        if (action === 'decide_dispute' && decision !== 'redispatch') return null;
        return (
          <Form.Item
            key={kind}
            name="departmentId"
            label={spec.departmentLabel}
            rules={[{ required: true, message: '请选择部门' }]}
            extra={suggestion ? `${suggestion.source === 'catalogue' ? '按派单目录' : '按问题类别的常用部门'}建议：${suggestion.departmentName}` : undefined}
          >
            <Select
              placeholder="请选择部门"
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending}
              options={(departments.data ?? []).filter((d) => !spec.otherDepartmentsOnly || d.id !== c.departmentId).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        );
      case 'assisting':
        return (
          <Form.List key={kind} name="assisting">
            {(rows, { add, remove }) => (
              <Form.Item label="协办部门（可选）" extra={`最多 ${MAX_ASSISTING} 个；协办期限不填则与案件办理期限相同，且不能晚于案件办理期限（${c.sla.dueAt.slice(0, 10)}）。`}>
                {rows.map((row) => (
                  <Space key={row.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={[row.name, 'departmentId']} rules={[{ required: true, message: '请选择协办部门' }]} noStyle>
                      <Select
                        aria-label="协办部门"
                        placeholder="选择协办部门"
                        style={{ minWidth: 220 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'dueAt']} noStyle>
                      <Input type="date" aria-label="协办期限" max={c.sla.dueAt.slice(0, 10)} style={{ width: 170 }} />
                    </Form.Item>
                    <Button type="link" onClick={() => remove(row.name)}>
                      删除
                    </Button>
                  </Space>
                ))}
                {rows.length < MAX_ASSISTING ? <Button onClick={() => add({})}>添加协办部门</Button> : null}
              </Form.Item>
            )}
          </Form.List>
        );
      case 'partText':
        return (
          <Form.Item key={kind} name="text" label="协办意见" rules={[{ required: true, whitespace: true, message: '请填写协办意见' }]}>
            <Input.TextArea rows={8} count={{ ...codePoints, show: true, max: LIMITS.contentMax }} styles={{ textarea: LONG_TEXT }} />
          </Form.Item>
        );
      case 'partDepartment':
        return (
          <Form.Item key={kind} name="departmentId" label="退回哪个协办部门的意见" rules={[{ required: true, message: '请选择协办部门' }]}>
            <Select
              placeholder="请选择"
              options={(c.parts ?? []).filter((p) => p.status === 'submitted' && !p.returnedOnce).map((p) => ({ value: p.departmentId, label: p.departmentName }))}
            />
          </Form.Item>
        );
      case 'reason':
      case 'optionalReason':
        return (
          <Form.Item key={kind} name="reason" label={spec.reasonLabel ?? '理由'} rules={kind === 'reason' ? [{ required: true, whitespace: true, message: '请填写理由' }] : []}>
            <Input.TextArea rows={4} count={{ ...codePoints, show: true, max: LIMITS.reasonMax }} styles={{ textarea: LONG_TEXT }} />
          </Form.Item>
        );
      case 'question':
        return (
          <Form.Item key={kind} name="question" label="需要群众补充的内容" rules={[{ required: true, whitespace: true, message: '请写明需要补充的内容' }]}>
            <Input.TextArea rows={4} count={{ ...codePoints, show: true, max: LIMITS.reasonMax }} styles={{ textarea: LONG_TEXT }} />
          </Form.Item>
        );
      case 'answer':
        return (
          <div key={kind}>
            <Form.Item label="答复模板" htmlFor="reply-template" extra="选择后插入到答复内容末尾，请把【】中的内容改为实际情况。">
              <Select
                id="reply-template"
                placeholder="选择本类别的答复模板"
                value={null}
                options={templates.map((t, i) => ({ value: i, label: t.name }))}
                onChange={(i: number) => {
                  const t = templates[i];
                  if (!t) return;
                  const now = (form.getFieldValue('answer') as string | undefined) ?? '';
                  form.setFieldValue('answer', now.trim() ? `${now.trimEnd()}\n\n${t.text}` : t.text);
                  saveDraft(key, form.getFieldsValue(true) as Values);
                }}
              />
            </Form.Item>
            <Form.Item name="answer" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
              <Input.TextArea rows={10} count={{ ...codePoints, show: true, max: LIMITS.contentMax }} styles={{ textarea: { ...LONG_TEXT, minHeight: 280 } }} />
            </Form.Item>
          </div>
        );
      case 'answerResult':
        return (
          <Form.Item key={kind} name="result" label="答复结果" rules={[{ required: true, message: '请选择答复结果' }]} extra="群众在案件页看到答复结果；统计按答复结果计算解决率。">
            <Radio.Group options={ANSWER_RESULTS.map((r) => ({ value: r, label: ANSWER_RESULT_LABELS[r] }))} />
          </Form.Item>
        );
      case 'amountRecovered':
        return (
          <Form.Item key={kind} name="amountRecovered" label="挽回金额（元）" extra="可选：本次答复为群众挽回的金额（还利于民），最多两位小数；重新答复时只填新增的金额。群众看不到此金额。">
            <InputNumber min={0} max={MAX_AMOUNT_RECOVERED_YUAN} precision={2} step={100} style={{ width: 220 }} placeholder="例如 2511.00" />
          </Form.Item>
        );
      case 'days':
        return (
          <Form.Item key={kind} name="days" label="延期天数" rules={[{ required: true, message: '请填写延期天数' }]} extra={`1 到 ${MAX_EXTENSION_DAYS} 天，按本案的计日方式计算`}>
            <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} style={{ width: 160 }} />
          </Form.Item>
        );
      case 'note':
      case 'optionalNote':
        return (
          <Form.Item key={kind} name="note" label={spec.noteLabel} rules={kind === 'note' ? [{ required: true, whitespace: true, message: '请填写意见' }] : []}>
            <Input.TextArea rows={4} count={{ ...codePoints, show: true, max: LIMITS.reasonMax }} styles={{ textarea: LONG_TEXT }} />
          </Form.Item>
        );
      case 'intoCaseNo':
        return (
          <Form.Item key={kind} name="intoCaseNo" label="并入的案件编号" rules={[{ required: true, message: '请填写案件编号' }]}>
            <Input maxLength={20} inputMode="numeric" placeholder="14 位数字" style={{ maxWidth: 260 }} />
          </Form.Item>
        );
    }
  };

  return (
    <Card
      className={`action-form action-form--${action}`}
      title={<h2 className="card-title">{spec.label}</h2>}
      extra={
        <Button type="text" onClick={onClose}>
          收起
        </Button>
      }
    >
      <Typography.Paragraph>{spec.help}</Typography.Paragraph>
      {action === 'decide_dispute' && c.dispatch?.dispute ? (
        <Alert type="warning" style={{ marginBottom: 12 }} title={`${c.dispatch.dispute.departmentName}提出派单异议`} description={`理由：${c.dispatch.dispute.reason}`} />
      ) : null}
      {spec.showsExtensionRequest ? (
        <Alert type="info" style={{ marginBottom: 12 }} title={`延期申请：${c.sla.extension?.days ?? ''} 天`} description={`理由：${c.sla.extension?.reason ?? ''}`} />
      ) : null}
      {initial ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`已恢复 ${formatDateTime(initial.savedAt)} 保存的草稿`} description="您上次填写但没有提交的内容已自动保存在本机，提交成功后草稿会删除。" />
      ) : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="conflict"
          style={{ marginBottom: 12 }}
          title="提交未成功：案件已被他人更新"
          description={
            <>
              <p style={{ margin: 0 }}>
                在您填写期间，其他人已处理了这个案件（例如督办、转办或补充了材料），为避免覆盖别人的处理，您的操作没有保存。您填写的内容仍在下方，并已保存为草稿。请先重新加载案件，看清最新情况后再决定是否提交。
              </p>
              <Button type="primary" style={{ marginTop: 8 }} onClick={() => void reload()} loading={reloading}>
                重新加载案件（保留草稿）
              </Button>
            </>
          }
        />
      ) : null}
      {!stillAllowed ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="案件状态已变化，此操作现在不可用" description="您填写的内容仍保留在下方，可复制后使用；不需要时点“丢弃草稿”。" />
      ) : null}
      {failure ? <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={failure} /> : null}
      <Form form={form} layout="vertical" initialValues={startValues} onValuesChange={(_, all) => saveDraft(key, all as Values)} onFinish={() => void submit()}>
        {spec.fields.map(field)}
        {takesFiles ? <AttachmentPicker files={files} onChange={setFiles} /> : null}
        <Flex justify="space-between" wrap gap={8}>
          <Space>
            <Button type="primary" danger={spec.danger ?? false} htmlType="submit" loading={run.isPending} disabled={!stillAllowed || conflict}>
              {spec.label}
            </Button>
            <Button onClick={onClose}>取消</Button>
          </Space>
          <DiscardDraftButton draftKey={key} onClose={onClose} />
        </Flex>
      </Form>
    </Card>
  );
}
