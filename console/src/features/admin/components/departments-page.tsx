import { ROOT_UNIT_ID, UNIT_LEVEL_LABELS, departmentInputSchema, type DepartmentInput, type AdminDepartmentDto } from '@minsheng/shared';
import { App, Button, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/api-client';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useAdminDepartments } from '../api/list-departments';
import { useAdminUnits } from '../api/list-units';
import { usePutDepartment } from '../api/put-department';

export function DepartmentsPage() {
  const list = useAdminDepartments();
  const put = usePutDepartment();
  const units = useAdminUnits();
  const unitName = (id: string | undefined) => units.data?.find((u) => u.id === (id ?? ROOT_UNIT_ID))?.name ?? id ?? '—';
  const { message } = App.useApp();
  const [editing, setEditing] = useState<AdminDepartmentDto | 'new'>();
  const [form] = Form.useForm<DepartmentInput>();

  const open = (d: AdminDepartmentDto | 'new') => {
    setEditing(d);
    form.resetFields();
    form.setFieldsValue(d === 'new' ? { active: true, sortOrder: 100, unitId: ROOT_UNIT_ID } : { ...d, unitId: d.unitId ?? ROOT_UNIT_ID });
  };
  const save = async () => {
    const value = checkWith(departmentInputSchema, { ...form.getFieldsValue(true), name: String(form.getFieldValue('name') ?? '').trim() }, form);
    if (!value) return;
    try {
      await put.mutateAsync(value);
      message.success(editing === 'new' ? `已新增部门：${value.name}` : `已保存：${value.name}`);
      setEditing(undefined);
    } catch (e) {
      if (!showServerFieldErrors(e, form)) message.error(errorMessage(e));
    }
  };

  return (
    <>
      <PageTitle title="部门管理" subtitle="承办部门。停用后不再出现在交办和转办的选项中，已交办的案件不受影响。" extra={<Button type="primary" onClick={() => open('new')}>新增部门</Button>} />
      <QueryState query={list}>
        {(items) => (
          <Table<AdminDepartmentDto>
            rowKey="id"
            dataSource={[...items].sort((a, b) => a.sortOrder - b.sortOrder)}
            pagination={false}
            title={() => <span className="table-caption">共 {items.length} 个部门</span>}
            columns={[
              { title: '编码', dataIndex: 'id', key: 'id', width: 140 },
              { title: '名称', dataIndex: 'name', key: 'name' },
              { title: '所属单位', key: 'unit', width: 160, render: (_, d) => unitName(d.unitId) },
              { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 90 },
              { title: '状态', key: 'active', width: 100, render: (_, d) => (d.active ? <Tag style={{ color: '#135200' }}>启用</Tag> : <Tag style={{ color: '#434343' }}>停用</Tag>) },
              { title: '操作', key: 'edit', width: 100, render: (_, d) => <Button type="link" onClick={() => open(d)} aria-label={`编辑 ${d.name}`}>编辑</Button> },
            ]}
          />
        )}
      </QueryState>
      <Modal open={editing !== undefined} title={editing === 'new' ? '新增部门' : '编辑部门'} okText="保存" cancelText="取消" onOk={() => void save()} confirmLoading={put.isPending} onCancel={() => setEditing(undefined)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="id" label="部门编码" extra="小写字母、数字和短横线，保存后不能修改，如 rsj" rules={[{ required: true, message: '请填写部门编码' }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label="部门名称" rules={[{ required: true, message: '请填写部门名称' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="unitId" label="所属单位" extra="部门属于哪一级单位（市、区/县、街道/乡镇、社区/村）；有未办结案件时不能改变。" rules={[{ required: true, message: '请选择所属单位' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(units.data ?? []).filter((u) => u.active || u.id === form.getFieldValue('unitId')).map((u) => ({ value: u.id, label: `${u.name}（${UNIT_LEVEL_LABELS[u.level]}）` }))}
              placeholder="请选择"
              aria-label="所属单位"
            />
          </Form.Item>
          <Form.Item name="sortOrder" label="排序（小的在前）">
            <InputNumber min={0} max={10000} precision={0} />
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
