import { dispatchRuleInputSchema, UNIT_LEVEL_LABELS, type DispatchRuleDto, type DispatchRuleInput, type UnitLevel } from '@minsheng/shared';
import { App, Button, Form, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/api-client';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useAdminCategories } from '../api/list-categories';
import { useAdminDepartments } from '../api/list-departments';
import { useDeleteDispatchRule, useDispatchRules, usePutDispatchRule, useUnits } from '../api/dispatch-rules';

/**
 * 派单目录: which department a category goes to at a unit of the tree. The accept form is prefilled
 * from the line at the case's place, else the nearest one above it, else the category's usual department.
 */
export function DispatchRulesPage() {
  const list = useDispatchRules();
  const units = useUnits();
  const categories = useAdminCategories();
  const departments = useAdminDepartments();
  const put = usePutDispatchRule();
  const remove = useDeleteDispatchRule();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<DispatchRuleInput>();

  const unitLabel = (id: string) => {
    const u = units.data?.find((x) => x.id === id);
    return u ? `${u.name}（${UNIT_LEVEL_LABELS[u.level as UnitLevel]}）` : id;
  };
  const open = (r?: DispatchRuleDto) => {
    form.resetFields();
    if (r) form.setFieldsValue({ categoryId: r.categoryId, unitId: r.unitId, departmentId: r.departmentId });
    setEditing(true);
  };
  const save = async () => {
    const value = checkWith(dispatchRuleInputSchema, form.getFieldsValue(true), form);
    if (!value) return;
    try {
      const saved = await put.mutateAsync(value);
      message.success(`已保存：${saved.categoryName} · ${saved.unitName} → ${saved.departmentName}`);
      setEditing(false);
    } catch (e) {
      if (!showServerFieldErrors(e, form)) message.error(errorMessage(e));
    }
  };
  const confirmDelete = (r: DispatchRuleDto) =>
    modal.confirm({
      title: '删除这一条派单目录？',
      content: `${r.categoryName} · ${r.unitName} → ${r.departmentName}。删除后按上级地区的目录或类别的常用部门建议。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ categoryId: r.categoryId, unitId: r.unitId });
          message.success('已删除');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  return (
    <>
      <PageTitle
        title="派单目录"
        subtitle="按问题类别和地区指定承办部门。受理时按案件所在地区的目录预填交办部门，没有则依次查上级地区，再没有则用类别的常用部门。"
        extra={<Button type="primary" onClick={() => open()}>新增目录</Button>}
      />
      <QueryState query={list}>
        {(items) => (
          <Table<DispatchRuleDto>
            rowKey={(r) => `${r.categoryId}#${r.unitId}`}
            dataSource={items}
            pagination={false}
            title={() => <span className="table-caption">共 {items.length} 条</span>}
            columns={[
              { title: '类别', dataIndex: 'categoryName', key: 'category' },
              { title: '地区', dataIndex: 'unitName', key: 'unit' },
              { title: '承办部门', dataIndex: 'departmentName', key: 'department' },
              {
                title: '操作',
                key: 'edit',
                width: 160,
                render: (_, r) => (
                  <>
                    <Button type="link" onClick={() => open(r)} aria-label={`编辑 ${r.categoryName} ${r.unitName}`}>
                      编辑
                    </Button>
                    <Button type="link" danger onClick={() => confirmDelete(r)} aria-label={`删除 ${r.categoryName} ${r.unitName}`}>
                      删除
                    </Button>
                  </>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Modal open={editing} title="派单目录" okText="保存" cancelText="取消" onOk={() => void save()} confirmLoading={put.isPending} onCancel={() => setEditing(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="categoryId" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="unitId" label="地区" extra="该地区及其下级地区的案件适用（下级地区另有目录的除外）" rules={[{ required: true, message: '请选择地区' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(units.data ?? []).map((u) => ({ value: u.id, label: unitLabel(u.id) }))} />
          </Form.Item>
          <Form.Item name="departmentId" label="承办部门" extra="应为该地区或其上级地区的部门" rules={[{ required: true, message: '请选择承办部门' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(departments.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
