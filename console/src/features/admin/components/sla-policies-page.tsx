import { CASE_TYPE_LABELS, REVISIT_AFTER_DAYS, slaPolicyInputSchema, type SlaPolicyInput, type SlaPolicyDto } from '@minsheng/shared';
import { App, Button, Form, InputNumber, Modal, Radio, Table } from 'antd';
import { useState } from 'react';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/api-client';
import { useOfficial } from '@/lib/auth';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useSlaPolicies } from '../api/list-sla-policies';
import { usePutSlaPolicy } from '../api/put-sla-policy';

const MODE = { natural: '自然日', working: '工作日' } as const;

/** SLA policies per case type. Admins edit; supervisors read. */
export function SlaPoliciesPage() {
  const official = useOfficial();
  const canEdit = official.role === 'admin';
  const list = useSlaPolicies();
  const put = usePutSlaPolicy();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<SlaPolicyDto>();
  const [form] = Form.useForm<SlaPolicyInput>();

  const save = async () => {
    const value = checkWith(slaPolicyInputSchema, form.getFieldsValue(true), form);
    if (!value) return;
    try {
      await put.mutateAsync(value);
      message.success(`已保存「${CASE_TYPE_LABELS[value.type]}」的时限规则：此后提交的诉求按新规则计时（各服务实例在 1 分钟内生效）`);
      setEditing(undefined);
    } catch (e) {
      if (!showServerFieldErrors(e, form)) message.error(errorMessage(e));
    }
  };

  return (
    <>
      <PageTitle title="时限规则" subtitle="每类诉求的答复期限、预警和严重超期的天数。修改只对此后提交的诉求生效，已提交的诉求按提交时的承诺计时。" />
      <QueryState query={list}>
        {(items) => (
          <Table<SlaPolicyDto>
            rowKey="type"
            dataSource={items}
            pagination={false}
            title={() => <span className="table-caption">各类诉求的时限</span>}
            columns={[
              { title: '诉求类型', key: 'type', render: (_, p) => CASE_TYPE_LABELS[p.type] },
              { title: '答复期限', key: 'answer', render: (_, p) => `${p.answerDays} 天` },
              { title: '预警', key: 'warn', render: (_, p) => `第 ${p.warnDays} 天` },
              { title: '严重超期', key: 'severe', render: (_, p) => `第 ${p.severeDays} 天` },
              { title: '计日方式', key: 'mode', render: (_, p) => MODE[p.dayMode] },
              { title: '回访等待', key: 'revisit', render: (_, p) => `${p.revisitDays ?? REVISIT_AFTER_DAYS} 天` },
              ...(canEdit
                ? [
                    {
                      title: '操作',
                      key: 'edit',
                      width: 90,
                      render: (_: unknown, p: SlaPolicyDto) => (
                        <Button
                          type="link"
                          aria-label={`修改${CASE_TYPE_LABELS[p.type]}的时限`}
                          onClick={() => {
                            setEditing(p);
                            // A policy saved before revisitDays existed waits the default; shown, and saved, as such.
                            form.setFieldsValue({ ...p, revisitDays: p.revisitDays ?? REVISIT_AFTER_DAYS });
                          }}
                        >
                          修改
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      <Modal open={editing !== undefined} title={`修改时限：${editing ? CASE_TYPE_LABELS[editing.type] : ''}`} okText="保存" cancelText="取消" onOk={() => void save()} confirmLoading={put.isPending} onCancel={() => setEditing(undefined)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="answerDays" label="答复期限（天）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
          <Form.Item name="warnDays" label="预警（第几天，应少于答复期限）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
          <Form.Item name="severeDays" label="严重超期（第几天，应多于答复期限）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
          <Form.Item
            name="revisitDays"
            label="回访等待天数"
            extra={`答复后群众未评价满这些天，诉求进入受理的回访队列（1 到 6 天，默认 ${REVISIT_AFTER_DAYS} 天）`}
            rules={[{ required: true, message: '请填写' }]}
          >
            <InputNumber min={1} max={6} precision={0} />
          </Form.Item>
          <Form.Item name="dayMode" label="计日方式">
            <Radio.Group options={[{ value: 'natural', label: '自然日' }, { value: 'working', label: '工作日（按法定节假日和调休）' }]} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
