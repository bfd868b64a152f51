import { CASE_TYPE_LABELS, CASE_TYPES, categoryInputSchema, type CategoryInput, type AdminCategoryDto } from '@minsheng/shared';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/api-client';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useAdminCategories } from '../api/list-categories';
import { useAdminDepartments } from '../api/list-departments';
import { usePutCategory } from '../api/put-category';

export function CategoriesPage() {
  const list = useAdminCategories();
  const departments = useAdminDepartments();
  const put = usePutCategory();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<AdminCategoryDto | 'new'>();
  const [form] = Form.useForm<CategoryInput>();
  const deptName = (id?: string) => (id ? (departments.data?.find((d) => d.id === id)?.name ?? id) : '—');

  const open = (c: AdminCategoryDto | 'new') => {
    setEditing(c);
    form.resetFields();
    form.setFieldsValue(c === 'new' ? { active: true, sortOrder: 100, types: [...CASE_TYPES] } : c);
  };
  const save = async () => {
    const v = form.getFieldsValue(true) as CategoryInput;
    const value = checkWith(
      categoryInputSchema,
      {
        id: v.id,
        name: (v.name ?? '').trim(),
        types: v.types ?? [],
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        ...(v.defaultDepartmentId ? { defaultDepartmentId: v.defaultDepartmentId } : {}),
        ...(v.sortOrder !== undefined && v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
        active: v.active ?? true,
      },
      form,
    );
    if (!value) return;
    try {
      await put.mutateAsync(value);
      message.success(`已保存类别：${value.name}`);
      setEditing(undefined);
    } catch (e) {
      if (!showServerFieldErrors(e, form)) message.error(errorMessage(e));
    }
  };

  return (
    <>
      <PageTitle title="问题类别" subtitle="群众提交诉求时选择的类别，以及每个类别通常交办的部门。" extra={<Button type="primary" onClick={() => open('new')}>新增类别</Button>} />
      <QueryState query={list}>
        {(items) => (
          <ScrollRegion label="问题类别列表">
            <Table<AdminCategoryDto>
              rowKey="id"
              dataSource={[...items].sort((a, b) => a.sortOrder - b.sortOrder)}
              pagination={false}
              title={() => <span className="table-caption">共 {items.length} 个类别</span>}
              columns={[
                { title: '编码', dataIndex: 'id', key: 'id', width: 170 },
                { title: '名称', dataIndex: 'name', key: 'name', width: 150 },
                { title: '适用类型', key: 'types', render: (_, c) => c.types.map((t) => CASE_TYPE_LABELS[t]).join('、') },
                { title: '默认承办部门', key: 'dept', width: 170, render: (_, c) => deptName(c.defaultDepartmentId) },
                { title: '说明', dataIndex: 'description', key: 'description' },
                { title: '状态', key: 'active', width: 80, render: (_, c) => (c.active ? <Tag style={{ color: '#135200' }}>启用</Tag> : <Tag style={{ color: '#434343' }}>停用</Tag>) },
                { title: '操作', key: 'edit', width: 90, render: (_, c) => <Button type="link" onClick={() => open(c)} aria-label={`编辑 ${c.name}`}>编辑</Button> },
              ]}
            />
          </ScrollRegion>
        )}
      </QueryState>
      <Modal open={editing !== undefined} title={editing === 'new' ? '新增类别' : '编辑类别'} okText="保存" cancelText="取消" onOk={() => void save()} confirmLoading={put.isPending} onCancel={() => setEditing(undefined)} destroyOnHidden width={560}>
        <Form form={form} layout="vertical">
          <Form.Item name="id" label="类别编码" extra="小写字母、数字和短横线，保存后不能修改" rules={[{ required: true, message: '请填写类别编码' }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label="类别名称" rules={[{ required: true, message: '请填写类别名称' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="types" label="适用的诉求类型" rules={[{ required: true, message: '至少选择一种诉求类型' }]}>
            <Checkbox.Group options={CASE_TYPES.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] }))} />
          </Form.Item>
          <Form.Item name="defaultDepartmentId" label="默认承办部门（可选）">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="不指定" options={(departments.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="description" label="说明（可选）">
            <Input.TextArea rows={2} maxLength={200} />
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
