import {
  CASE_TYPE_LABELS,
  CASE_TYPES,
  CHANNEL_LABELS,
  DESK_CHANNELS,
  LIMITS,
  consoleFileCaseSchema,
  type CaseType,
  type ConsoleFileCaseRequest,
  type DeskChannel,
  type FileCaseResponse,
} from '@minsheng/shared';
import { Alert, App, Button, Card, Cascader, Checkbox, Descriptions, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useCategories } from '@/api/list-categories';
import { unitOptions, useUnits } from '@/api/list-units';
import { PageTitle } from '@/components/ui/page-title';
import { errorMessage } from '@/lib/api-client';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useFileOnBehalf } from '../api/file-case';

interface Values {
  channel?: DeskChannel;
  type?: CaseType;
  categoryId?: string;
  place?: string[];
  location?: string;
  title?: string;
  content?: string;
  callerName?: string;
  callerPhone?: string;
  anonymous?: boolean;
  sendSms?: boolean;
}

const codePoints = { strategy: (s: string) => [...s].length };
const t = (s: string | undefined) => (s ?? '').trim();

/** The form's values as the API's body (the same schema checks both). */
function bodyOf(v: Values): Record<string, unknown> {
  const anonymous = v.type === 'report' && Boolean(v.anonymous);
  return {
    channel: v.channel,
    type: v.type,
    categoryId: v.categoryId,
    ...(v.place?.length ? { placeUnitId: v.place.at(-1) } : {}),
    ...(t(v.location) ? { location: t(v.location) } : {}),
    title: t(v.title),
    content: t(v.content),
    ...(anonymous ? { anonymous: true } : {}),
    ...(!anonymous && t(v.callerName) ? { callerName: t(v.callerName) } : {}),
    ...(!anonymous && t(v.callerPhone) ? { callerPhone: t(v.callerPhone).replace(/\s/g, '') } : {}),
    ...(!anonymous && t(v.callerPhone) && v.sendSms ? { sendSms: true } : {}),
  };
}

/** The credentials, shown once: read them out or note them down (like the citizen's credential page). */
function Credentials({ filed, smsSent, onNext }: { filed: FileCaseResponse; smsSent: boolean; onNext: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`案件编号：${filed.caseNo}  查询密码：${filed.password}`);
      void message.success('已复制案件编号和查询密码');
    } catch {
      void message.error('复制失败，请手工记录');
    }
  };
  return (
    <Result
      status="success"
      title="来电已登记"
      subTitle="请记录或告知来电人：凭案件编号和查询密码可在“民声”小程序或网页查询办理进度。查询密码只显示这一次，离开本页后无法再查看。"
      extra={[
        <Button key="copy" onClick={copy}>
          复制
        </Button>,
        <Link key="case" to={`/cases/${filed.caseNo}`}>
          <Button type="primary">打开案件</Button>
        </Link>,
        <Button key="next" onClick={onNext}>
          登记下一个来电
        </Button>,
      ]}
    >
      <Descriptions column={1} bordered size="middle" aria-label="查询凭证">
        <Descriptions.Item label="案件编号">
          <Typography.Text strong style={{ fontSize: 20, letterSpacing: 1 }} copyable={false}>
            {filed.caseNo}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="查询密码">
          <Typography.Text strong style={{ fontSize: 20, letterSpacing: 2, fontFamily: 'monospace' }}>
            {filed.password}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {smsSent ? <Alert style={{ marginTop: 16 }} type="info" showIcon title="已向来电电话发送案件编号短信（短信不含查询密码，来电人可凭该手机号找回密码）。" /> : null}
    </Result>
  );
}

/** 来电登记: intake registers a phone call, a visit, a letter or a 12345 hand-over on the caller's behalf. */
export function CallIntakePage() {
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const units = useUnits();
  const file = useFileOnBehalf();
  const [filed, setFiled] = useState<{ response: FileCaseResponse; smsSent: boolean }>();
  // One key per submission: a retry after a network failure files the same case, not a second.
  const key = useRef<{ body: string; key: string }>();
  const type = Form.useWatch('type', form);
  const anonymous = Form.useWatch('anonymous', form);
  const phone = Form.useWatch('callerPhone', form);
  const options = useMemo(() => unitOptions(units.data ?? []), [units.data]);
  const categoryOptions = (categories.data ?? []).filter((c) => !type || c.types.includes(type)).map((c) => ({ value: c.id, label: c.name }));

  const submit = async (v: Values) => {
    const body = checkWith(consoleFileCaseSchema, bodyOf(v), form) as ConsoleFileCaseRequest | undefined;
    if (!body) return;
    const text = JSON.stringify(body);
    if (!key.current || key.current.body !== text) key.current = { body: text, key: crypto.randomUUID() };
    try {
      const response = await file.mutateAsync({ body, key: key.current.key });
      setFiled({ response, smsSent: Boolean(body.sendSms) });
      key.current = undefined;
    } catch (error) {
      showServerFieldErrors(error, form);
    }
  };

  if (filed) {
    return (
      <>
        <PageTitle title="来电登记" />
        <Credentials
          filed={filed.response}
          smsSent={filed.smsSent}
          onNext={() => {
            setFiled(undefined);
            form.resetFields();
          }}
        />
      </>
    );
  }

  return (
    <>
      <PageTitle title="来电登记" subtitle="代来电、来访、来信的群众登记诉求，登记后与群众自行提交的诉求一样进入待受理队列。" />
      <Card>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ channel: 'phone', sendSms: true }} style={{ maxWidth: 760 }}>
          <Form.Item name="channel" label="来源渠道" rules={[{ required: true, message: '请选择来源渠道' }]}>
            <Radio.Group options={DESK_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
          </Form.Item>
          <Form.Item name="type" label="诉求类型" rules={[{ required: true, message: '请选择诉求类型' }]}>
            <Radio.Group
              options={CASE_TYPES.map((c) => ({ value: c, label: CASE_TYPE_LABELS[c] }))}
              onChange={() => form.setFieldsValue({ categoryId: undefined, ...(form.getFieldValue('type') === 'report' ? {} : { anonymous: false }) })}
            />
          </Form.Item>
          <Form.Item name="categoryId" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
            <Select options={categoryOptions} loading={categories.isLoading} placeholder={type ? '请选择' : '请先选择诉求类型'} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="place" label="所在地区（可选，不选则登记在本单位）">
            <Cascader options={options} changeOnSelect placeholder="市 / 区县 / 街道乡镇 / 社区村" loading={units.isLoading} />
          </Form.Item>
          <Form.Item name="location" label="地点描述（可选）">
            <Input count={{ ...codePoints, show: true, max: LIMITS.locationTextMax }} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input count={{ ...codePoints, show: true, max: LIMITS.titleMax }} />
          </Form.Item>
          <Form.Item name="content" label="诉求内容" rules={[{ required: true, whitespace: true, message: '请填写诉求内容' }]}>
            <Input.TextArea rows={6} count={{ ...codePoints, show: true, max: LIMITS.contentMax }} />
          </Form.Item>
          {type === 'report' ? (
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox>匿名举报（不记录来电人姓名和电话）</Checkbox>
            </Form.Item>
          ) : null}
          {!(type === 'report' && anonymous) ? (
            <Space size="large" wrap align="start">
              <Form.Item name="callerName" label="来电人姓名（可选）">
                <Input style={{ width: 220 }} count={{ ...codePoints, max: LIMITS.nameMax }} />
              </Form.Item>
              <Form.Item name="callerPhone" label="来电电话（可选）">
                <Input style={{ width: 220 }} inputMode="tel" placeholder="手机号或带区号的座机号" />
              </Form.Item>
              <Form.Item name="sendSms" label="短信" valuePropName="checked">
                <Checkbox disabled={!t(phone)}>短信发送查询码（案件编号）</Checkbox>
              </Form.Item>
            </Space>
          ) : null}
          {file.error && !showsFields(file.error) ? <Alert type="error" showIcon title={errorMessage(file.error)} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" loading={file.isPending}>
            登记
          </Button>
        </Form>
      </Card>
    </>
  );
}

const showsFields = (error: unknown) => Boolean((error as { fields?: unknown }).fields);
