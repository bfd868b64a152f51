import { UNIT_LEVEL_LABELS, isWithin, unitInputSchema, type AdminUnitDto, type UnitInput } from '@minsheng/shared';
import { App, Button, Form, Input, InputNumber, Modal, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { errorMessage } from '@/lib/api-client';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useAdminUnits } from '../api/list-units';
import { usePutUnit } from '../api/put-unit';

/** The deepest level of the tree (社区/村): nothing below it. */
const MAX_LEVEL = 4;

type UnitRow = AdminUnitDto & { children?: UnitRow[] };
type Editing = { mode: 'child'; parent: AdminUnitDto } | { mode: 'edit'; unit: AdminUnitDto } | { mode: 'move'; unit: AdminUnitDto };
interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

/** The flat list as a tree (children in their sort order); a unit whose parent is missing is shown at the top. */
function toTree(units: readonly AdminUnitDto[]): UnitRow[] {
  const rows = new Map<string, UnitRow>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitRow[] = [];
  for (const u of [...units].sort((a, b) => a.level - b.level || a.sortOrder - b.sortOrder)) {
    const row = rows.get(u.id)!;
    const parent = u.parentId ? rows.get(u.parentId) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}

/** Where `unit` (with `depthBelow` levels under it) may go: active units, not inside itself, leaving at most four levels. */
function parentOptions(rows: readonly UnitRow[], unit: AdminUnitDto, depthBelow: number): TreeOption[] {
  return rows.map((r) => ({
    value: r.id,
    title: `${r.name}（${UNIT_LEVEL_LABELS[r.level]}）`,
    disabled: !r.active || isWithin(r.path, unit.path) || r.level + 1 + depthBelow > MAX_LEVEL || r.id === unit.parentId,
    ...(r.children ? { children: parentOptions(r.children, unit, depthBelow) } : {}),
  }));
}

export function UnitsPage() {
  const list = useAdminUnits();
  const put = usePutUnit();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<Editing>();
  const [form] = Form.useForm<UnitInput>();
  const units = list.data ?? [];
  const rows = useMemo(() => toTree(units), [units]);

  const open = (e: Editing) => {
    setEditing(e);
    form.resetFields();
    if (e.mode === 'child') form.setFieldsValue({ parentId: e.parent.id });
    else form.setFieldsValue({ id: e.unit.id, name: e.unit.name, sortOrder: e.unit.sortOrder });
  };

  const save = async () => {
    if (!editing) return;
    const v = form.getFieldsValue(true) as UnitInput;
    const base = editing.mode === 'child' ? { id: (v.id ?? '').trim(), parentId: editing.parent.id } : { id: editing.unit.id };
    const value = checkWith(
      unitInputSchema,
      {
        ...base,
        name: editing.mode === 'move' ? editing.unit.name : String(v.name ?? '').trim(),
        ...(editing.mode !== 'move' && v.sortOrder !== undefined && v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
        ...(editing.mode === 'move' ? { parentId: v.parentId } : {}),
      },
      form,
    );
    if (!value) return;
    // The API creates or updates by id: a new unit under an id already in use would move that unit instead.
    const taken = editing.mode === 'child' ? units.find((u) => u.id === value.id) : undefined;
    if (taken) {
      form.setFields([{ name: 'id', errors: [`该编码已被“${taken.name}”使用，请换一个`] }]);
      return;
    }
    try {
      const saved = await put.mutateAsync(value);
      message.success(editing.mode === 'child' ? `已新增：${saved.name}` : editing.mode === 'move' ? `已移动：${saved.name}` : `已保存：${saved.name}`);
      setEditing(undefined);
    } catch (e) {
      if (!showServerFieldErrors(e, form)) message.error(errorMessage(e));
    }
  };

  const toggle = (u: AdminUnitDto) =>
    modal.confirm({
      title: u.active ? `停用“${u.name}”？` : `启用“${u.name}”？`,
      content: u.active
        ? '停用后该单位及其下级单位不再作为地点和交办对象出现，已有的记录不受影响。单位内还有在用的部门、人员账号或未办结的案件时不能停用。'
        : '启用后该单位重新出现在地点和交办选项中（其下级单位需分别启用）。',
      okText: u.active ? '停用' : '启用',
      okButtonProps: u.active ? { danger: true } : {},
      cancelText: '取消',
      onOk: async () => {
        try {
          await put.mutateAsync({ id: u.id, name: u.name, active: !u.active });
          message.success(u.active ? `已停用：${u.name}` : `已启用：${u.name}`);
        } catch (e) {
          // The server says why (which departments, accounts or cases remain): shown until dismissed.
          modal.error({ title: u.active ? '不能停用' : '不能启用', content: errorMessage(e), okText: '知道了' });
        }
      },
    });

  const moving = editing?.mode === 'move' ? editing.unit : undefined;
  const depthBelow = moving ? Math.max(0, ...units.filter((u) => isWithin(u.path, moving.path)).map((u) => u.level - moving.level)) : 0;
  const title = editing?.mode === 'child' ? `在“${editing.parent.name}”下新增${UNIT_LEVEL_LABELS[(editing.parent.level + 1) as 2 | 3 | 4]}` : editing?.mode === 'move' ? `移动“${editing.unit.name}”` : '编辑单位';

  return (
    <>
      <PageTitle title="组织架构" subtitle="市、区/县、街道/乡镇、社区/村四级单位。部门和受理、督办人员属于某个单位；移动单位时其下级单位一并移动。" />
      <QueryState query={list}>
        {(items) => (
          <ScrollRegion label="组织架构">
            <Table<UnitRow>
              rowKey="id"
              dataSource={rows}
              pagination={false}
              expandable={{ defaultExpandAllRows: true }}
              title={() => <span className="table-caption">共 {items.length} 个单位</span>}
              columns={[
                {
                  title: '单位',
                  key: 'name',
                  render: (_, u) => (
                    <span data-testid={`unit-${u.id}`}>
                      <strong>{u.name}</strong> <Typography.Text type="secondary">{u.id}</Typography.Text>
                    </span>
                  ),
                },
                { title: '级别', key: 'level', width: 110, render: (_, u) => UNIT_LEVEL_LABELS[u.level] },
                { title: '部门', dataIndex: 'departments', key: 'departments', width: 70 },
                { title: '人员', dataIndex: 'officials', key: 'officials', width: 70 },
                { title: '排序', dataIndex: 'sortOrder', key: 'sortOrder', width: 70 },
                { title: '状态', key: 'active', width: 80, render: (_, u) => (u.active ? <Tag style={{ color: '#135200' }}>启用</Tag> : <Tag style={{ color: '#434343' }}>停用</Tag>) },
                {
                  title: '操作',
                  key: 'ops',
                  width: 300,
                  render: (_, u) => (
                    <Space size={0} wrap>
                      {u.level < MAX_LEVEL && u.active ? (
                        <Button type="link" onClick={() => open({ mode: 'child', parent: u })} aria-label={`在 ${u.name} 下新增下级单位`}>
                          新增下级
                        </Button>
                      ) : null}
                      <Button type="link" onClick={() => open({ mode: 'edit', unit: u })} aria-label={`编辑 ${u.name}`}>
                        编辑
                      </Button>
                      {u.parentId ? (
                        <Button type="link" onClick={() => open({ mode: 'move', unit: u })} aria-label={`移动 ${u.name}`}>
                          移动
                        </Button>
                      ) : null}
                      {u.parentId ? (
                        <Button type="link" danger={u.active} onClick={() => toggle(u)} aria-label={`${u.active ? '停用' : '启用'} ${u.name}`}>
                          {u.active ? '停用' : '启用'}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
          </ScrollRegion>
        )}
      </QueryState>
      <Modal open={editing !== undefined} title={title} okText="保存" cancelText="取消" onOk={() => void save()} confirmLoading={put.isPending} onCancel={() => setEditing(undefined)} destroyOnHidden>
        <Form form={form} layout="vertical">
          {editing?.mode === 'move' ? (
            <Form.Item name="parentId" label="新的上级单位" extra="只能移到启用的单位之下，且移动后不超过四级（社区/村以下不能再设下级单位）。" rules={[{ required: true, message: '请选择新的上级单位' }]}>
              <TreeSelect treeData={parentOptions(rows, editing.unit, depthBelow)} treeDefaultExpandAll placeholder="请选择" showSearch={{ treeNodeFilterProp: 'title' }} aria-label="新的上级单位" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="id" label="单位编码" extra="小写字母、数字和短横线，保存后不能修改，如 qs-chengnan-heping" rules={[{ required: true, message: '请填写单位编码' }]}>
                <Input disabled={editing?.mode !== 'child'} />
              </Form.Item>
              <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="sortOrder" label="排序（小的在前）" extra={editing?.mode === 'child' ? '不填则排在同级最后' : undefined}>
                <InputNumber min={0} max={10000} precision={0} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
