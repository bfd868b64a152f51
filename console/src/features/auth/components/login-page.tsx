import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '@/lib/api-client';
import { useAuth } from '@/lib/auth';

/** Only a path inside the console: never an absolute URL (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { session, reason: storeReason, login } = useAuth();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // In the URL too, so a reload of the login page still says why the official is here.
  const reason = params.get('reason') ?? storeReason;
  const next = safeNext(params.get('next') ?? (location.state as { from?: string } | null)?.from ?? null);

  useEffect(() => {
    document.title = '登录 · 民声办理工作台';
  }, []);

  if (session) return <Navigate to={next} replace />;

  const onFinish = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <Card className="login__card">
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center', marginBottom: 4 }}>
          民声 · 办理工作台
        </Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'center' }}>受理、交办、答复、督办群众诉求</Typography.Paragraph>
        {reason === 'expired' ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="登录已过期，请重新登录"
            description="为保护群众信息，登录 60 分钟后自动失效。您正在填写但尚未提交的答复、理由等内容已自动保存为本机草稿，重新登录后回到该案件即可继续。"
          />
        ) : reason === 'revoked' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="登录已失效（账号已停用或密码已重置），请重新登录。未提交的内容已保存为本机草稿。" />
        ) : null}
        {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} role="alert" /> : null}
        <Form layout="vertical" requiredMark={false} onFinish={onFinish} disabled={busy}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
          连续输错密码会被暂时锁定。忘记密码请联系系统管理员重置。
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
