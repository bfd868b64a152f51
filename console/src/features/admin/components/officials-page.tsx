import { OFFICIAL_ROLES, ROLE_LABELS, ROOT_UNIT_ID, UNIT_LEVEL_LABELS, officialInputSchema, type OfficialDto, type OfficialInput } from '@minsheng/shared';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useDepartments } from '@/api/list-departments';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/api-client';
import { useOfficial } from '@/lib/auth';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useCreateOfficial } from '../api/create-official';
import { useOfficials } from '../api/list-officials';
import { useAdminUnits } from '../api/list-units';
import { useResetOfficialPassword } from '../api/reset-official-password';
import { useSetOfficialDisabled } from '../api/set-official-disabled';
import { useAssignOfficial } from '../api/assign-official';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz';

/** A random 14-character password without look-alike characters (0/O, 1/l/I). */
function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export function OfficialsPage() {
  const me = useOfficial();
  const list = useOfficials();
  const departments = useDepartments();
  const units = useAdminUnits();
  const create = useCreateOfficial();
  const setDisabled = useSetOfficialDisabled();
  const reset = useResetOfficialPassword();
  const assign = useAssignOfficial();
  const [moving, setMoving] = useState<OfficialDto>();
  const [target, setTarget] = useState<string>();
  const { message, modal } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [temporary, setTemporary] = useState<{ username: string; password: string }>();
  const [form] = Form.useForm<OfficialInput>();
  const role = Form.useWatch('role', form);

  const save = async () => {
    const v = form.getFieldsValue(true) as OfficialInput;
    const value = checkWith(
      officialInputSchema,
      { username: (v.username ?? '').trim(), displayName: (v.displayName ?? '').trim(), role: v.role, password: v.password ?? '', ...(v.role === 'handler' && v.departmentId ? { departmentId: v.departmentId } : {}), ...(v.role && v.role !== 'handler' && v.unitId ? { unitId: v.unitId } : {}) },
      form,
    );
    if (!value) return;
    try {
      await create.mutateAsync(value);
      message.success(`已创建账号 ${value.username}，请把密码交给本人`);
      setCreating(false);
    } catch (e) {
      if (!showServerFieldErrors(e, form)) message.error(errorMessage(e));
    }
  };

  const toggle = (o: OfficialDto) =>
    modal.confirm({
      title: o.disabled ? `启用账号 ${o.username}？` : `停用账号 ${o.username}？`,
      content: o.disabled ? '启用后该账号可以重新登录。' : '停用后该账号立即退出登录，不能再登录，直到重新启用。',
      okText: o.disabled ? '启用' : '停用',
      okButtonProps: o.disabled ? {} : { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await setDisabled.mutateAsync({ username: o.username, disabled: !o.disabled });
          message.success(o.disabled ? '已启用' : '已停用');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const saveMove = async () => {
    if (!moving) return;
    if (!target) {
      message.error(moving.role === 'handler' ? '请选择新的所属部门' : '请选择新的所属单位');
      return;
    }
    try {
      const moved = await assign.mutateAsync({ username: moving.username, body: moving.role === 'handler' ? { departmentId: target } : { unitId: target } });
      message.success(`已将 ${moved.username} 调整到${moved.departmentName ?? moved.unitName ?? ''}，该账号需重新登录`);
      setMoving(undefined);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const askReset = (o: OfficialDto) =>
    modal.confirm({
      title: `重置 ${o.username} 的密码？`,
      content: '将生成一个临时密码，该账号当前的登录立即失效。临时密码只显示一次。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await reset.mutateAsync(o.username);
          setTemporary({ username: o.username, password: r.temporaryPassword });
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  return (
    <>
      <PageTitle
        title="人员账号"
        subtitle="受理员、承办人（属于一个部门）、督办和管理员。停用或重置密码会让该账号立即退出登录。"
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              form.setFieldValue('unitId', ROOT_UNIT_ID);
              setCreating(true);
            }}
          >
            新增人员
          </Button>
        }
      />
      <QueryState query={list}>
        {(items) => (
          <ScrollRegion label="人员账号列表">
            <Table<OfficialDto>
              rowKey="username"
              dataSource={items}
              pagination={false}
              title={() => <span className="table-caption">共 {items.length} 个账号</span>}
              columns={[
                { title: '用户名', dataIndex: 'username', key: 'username', width: 120 },
                { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
                { title: '角色', key: 'role', width: 90, render: (_, o) => ROLE_LABELS[o.role] },
                { title: '所属单位', key: 'unit', width: 120, render: (_, o) => o.unitName ?? '—' },
                { title: '部门', key: 'dept', render: (_, o) => o.departmentName ?? '—' },
                { title: '状态', key: 'disabled', width: 80, render: (_, o) => (o.disabled ? <Tag style={{ color: '#a8071a' }}>已停用</Tag> : <Tag style={{ color: '#135200' }}>正常</Tag>) },
                {
                  title: '操作',
                  key: 'ops',
                  width: 260,
                  render: (_, o) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        onClick={() => {
                          setTarget(undefined);
                          setMoving(o);
                        }}
                        aria-label={`调动（${o.username}）`}
                      >
                        调动
                      </Button>
                      <Button type="link" onClick={() => toggle(o)} disabled={o.username === me.username} aria-label={`${o.disabled ? '启用' : '停用'} ${o.username}`}>
                        {o.disabled ? '启用' : '停用'}
                      </Button>
                      <Button type="link" onClick={() => askReset(o)} aria-label={`重置密码（${o.username}）`}>
                        重置密码
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          </ScrollRegion>
        )}
      </QueryState>
      <Modal open={creating} title="新增人员" okText="创建" cancelText="取消" onOk={() => void save()} confirmLoading={create.isPending} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="username" label="用户名" extra="3–32 位小写字母、数字、下划线、点或短横线" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={OFFICIAL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} placeholder="请选择" />
          </Form.Item>
          {role === 'handler' ? (
            <Form.Item name="departmentId" label="所属部门" rules={[{ required: true, message: '承办人必须属于一个部门' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} placeholder="请选择" />
            </Form.Item>
          ) : role ? (
            <Form.Item name="unitId" label="所属单位" extra="受理员、督办和管理员在哪一级单位工作；承办人随其部门。" rules={[{ required: true, message: '请选择所属单位' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.name}（${UNIT_LEVEL_LABELS[u.level]}）` }))} placeholder="请选择" aria-label="所属单位" />
            </Form.Item>
          ) : null}
          <Form.Item label="初始密码" required extra="至少 10 位。请当面或通过安全渠道交给本人。">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="password" noStyle rules={[{ required: true, min: 10, message: '密码至少 10 位' }]}>
                <Input aria-label="初始密码" autoComplete="new-password" />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('password', randomPassword())}>生成随机密码</Button>
            </Space.Compact>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={moving !== undefined}
        title={`调动 ${moving?.displayName ?? ''}（${moving?.username ?? ''}）`}
        okText="确认调动"
        cancelText="取消"
        onOk={() => void saveMove()}
        confirmLoading={assign.isPending}
        onCancel={() => setMoving(undefined)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          现在：{moving?.departmentName ? `${moving.departmentName}（${moving.unitName ?? ''}）` : (moving?.unitName ?? '—')}。调动后该账号立即退出登录，重新登录后只能办理新单位（部门）范围内的案件；已办理的案件留在原单位。
        </Typography.Paragraph>
        {moving?.role === 'handler' ? (
          <Select
            aria-label="新的所属部门"
            style={{ width: '100%' }}
            showSearch={{ optionFilterProp: 'label' }}
            value={target}
            onChange={setTarget}
            placeholder="选择新的所属部门"
            options={(departments.data ?? []).filter((d) => d.id !== moving.departmentId).map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : (
          <Select
            aria-label="新的所属单位"
            style={{ width: '100%' }}
            showSearch={{ optionFilterProp: 'label' }}
            value={target}
            onChange={setTarget}
            placeholder="选择新的所属单位"
            options={(units.data ?? []).filter((u) => u.active && u.id !== (moving?.unitId ?? ROOT_UNIT_ID)).map((u) => ({ value: u.id, label: `${u.name}（${UNIT_LEVEL_LABELS[u.level]}）` }))}
          />
        )}
      </Modal>
      <Modal open={temporary !== undefined} destroyOnHidden title="临时密码（只显示这一次）" footer={<Button type="primary" onClick={() => setTemporary(undefined)}>我已记下，关闭</Button>} closable={false} mask={{ closable: false }}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="关闭后无法再次查看，请立即交给本人，并提醒其尽快登录。" />
        <Typography.Paragraph>
          账号 <strong>{temporary?.username}</strong> 的临时密码：
        </Typography.Paragraph>
        <Typography.Paragraph copyable={{ text: temporary?.password ?? '' }} className="temporary-password" style={{ fontSize: 22, fontFamily: 'monospace', letterSpacing: 2 }}>
          {temporary?.password}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
