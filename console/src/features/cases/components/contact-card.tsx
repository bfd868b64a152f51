import { EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { ConsoleCaseDto, OfficialRole } from '@minsheng/shared';
import { Alert, App, Button, Card, Descriptions, Typography } from 'antd';

/**
 * Who filed: masked by default. Intake and supervisors may reveal (the server records each reveal
 * in the audit trail); a department handler never sees who filed a report.
 */
export function ContactCard({ c, role, revealing, onReveal, onHide }: { c: ConsoleCaseDto; role: OfficialRole; revealing: boolean; onReveal: () => void; onHide: () => void }) {
  const { modal } = App.useApp();
  // The lead department's handler may call a complainant back (never a reporter: reporterHidden).
  const mayReveal = role === 'intake' || role === 'supervisor' || (role === 'handler' && !c.assistingViewer && !c.reporterHidden);
  const askReveal = () =>
    modal.confirm({
      title: '查看完整联系方式',
      icon: <SafetyCertificateOutlined />,
      content: '将显示群众的完整姓名、电话和诉求原文。本次查看会记入审计日志（查看人、时间、来源地址），请仅在办理确有需要时查看。',
      okText: '确认查看',
      cancelText: '取消',
      onOk: onReveal,
    });

  let body;
  if (c.reporterHidden) {
    body = (
      <Alert
        type="info"
        showIcon
        title="举报人身份信息已隐去"
        description="举报案件的举报人姓名和联系方式只对受理员和督办可见，承办部门看不到（被举报的可能正是本部门）。如需联系举报人，请通过受理员。"
      />
    );
  } else if (c.anonymous) {
    body = <Typography.Paragraph style={{ margin: 0 }}>匿名提交，未留联系方式。</Typography.Paragraph>;
  } else if (!c.contact || (!c.contact.name && !c.contact.phone)) {
    body = <Typography.Paragraph style={{ margin: 0 }}>群众未留联系方式。</Typography.Paragraph>;
  } else {
    body = (
      <>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: '姓名', children: <span className="contact-name">{c.contact.name ?? '未填写'}</span> },
            { key: 'phone', label: '电话', children: <span className="contact-phone">{c.contact.phone ?? '未填写'}</span> },
          ]}
        />
        {c.revealed ? (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title="正在显示完整信息" description="本次查看已记入审计日志。办理完毕请隐藏。" />
        ) : (
          <Typography.Paragraph className="hint" style={{ margin: '8px 0 0' }}>
            {mayReveal ? '为保护群众隐私，姓名和电话已部分隐藏。查看完整信息会记入审计日志。' : '为保护群众隐私，姓名和电话已部分隐藏。需要联系群众时请通过受理员。'}
          </Typography.Paragraph>
        )}
      </>
    );
  }

  const showButton = mayReveal && !c.reporterHidden && !c.anonymous && c.contact && (c.contact.name || c.contact.phone);
  return (
    <Card
      size="small"
      className="contact-card"
      title={<h2 className="card-title">诉求人</h2>}
      extra={
        showButton ? (
          c.revealed ? (
            <Button icon={<EyeInvisibleOutlined aria-hidden />} onClick={onHide}>
              隐藏
            </Button>
          ) : (
            <Button icon={<EyeOutlined aria-hidden />} onClick={askReveal} loading={revealing}>
              查看完整联系方式
            </Button>
          )
        ) : null
      }
    >
      {body}
    </Card>
  );
}
