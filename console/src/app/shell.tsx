import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  CloudDownloadOutlined,
  ClusterOutlined,
  InboxOutlined,
  LogoutOutlined,
  ReadOutlined,
  SearchOutlined,
  SwapOutlined,
  ApartmentOutlined,
  TagsOutlined,
  TrophyOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  PhoneOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, type OfficialRole } from '@minsheng/shared';
import { Button, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useInboxUnread } from '@/api/get-inbox';
import { CalendarHorizonNotice } from '@/features/admin/components/calendar-horizon-notice';
import { useAuth, useOfficial } from '@/lib/auth';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  roles: OfficialRole[];
}

const NAV: NavItem[] = [
  { path: '/queues', label: '工作队列', icon: <UnorderedListOutlined />, roles: ['intake', 'handler', 'supervisor'] },
  { path: '/desk/new', label: '来电登记', icon: <PhoneOutlined />, roles: ['intake'] },
  { path: '/search', label: '查询', icon: <SearchOutlined />, roles: ['intake', 'handler', 'supervisor'] },
  { path: '/supervision', label: '督办中心', icon: <AlertOutlined />, roles: ['supervisor'] },
  { path: '/stats', label: '统计分析', icon: <BarChartOutlined />, roles: ['intake', 'supervisor', 'admin'] },
  { path: '/assessment', label: '考核排名', icon: <TrophyOutlined />, roles: ['intake', 'supervisor', 'admin'] },
  { path: '/open-data', label: '开放数据', icon: <CloudDownloadOutlined />, roles: ['supervisor', 'admin'] },
  { path: '/inbox', label: '消息', icon: <InboxOutlined />, roles: ['intake', 'handler', 'supervisor', 'admin'] },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: ['intake', 'handler', 'supervisor', 'admin'] },
  { path: '/admin/units', label: '组织架构', icon: <ClusterOutlined />, roles: ['admin'] },
  { path: '/admin/departments', label: '部门管理', icon: <ApartmentOutlined />, roles: ['admin'] },
  { path: '/admin/categories', label: '问题类别', icon: <TagsOutlined />, roles: ['admin'] },
  { path: '/admin/dispatch-rules', label: '派单目录', icon: <ApartmentOutlined />, roles: ['admin'] },
  { path: '/admin/officials', label: '人员账号', icon: <TeamOutlined />, roles: ['admin'] },
  { path: '/admin/sla', label: '时限规则', icon: <ClockCircleOutlined />, roles: ['admin', 'supervisor'] },
  { path: '/admin/calendar', label: '节假日', icon: <CalendarOutlined />, roles: ['admin', 'supervisor'] },
  { path: '/admin/library', label: '政策问答库', icon: <ReadOutlined />, roles: ['admin'] },
  { path: '/admin/synonyms', label: '同义词', icon: <SwapOutlined />, roles: ['admin'] },
];

/** The frame every signed-in page sits in: who is signed in (name, role, department), navigation, logout; for admins and supervisors, the holiday calendar's horizon notice when it matters. */
export function Shell() {
  const official = useOfficial();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const items = NAV.filter((n) => n.roles.includes(official.role));
  const selected = items.find((n) => location.pathname.startsWith(n.path) || (n.path === '/queues' && location.pathname.startsWith('/cases')))?.path;
  const unread = useInboxUnread();
  const label = (n: NavItem) =>
    n.path === '/inbox' && unread ? (
      // Seen as "消息 3"; read as "消息，3 条未读".
      <span data-testid="nav-inbox">
        {n.label}
        <span className="nav-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
        <span className="sr-only">，{unread} 条未读</span>
      </span>
    ) : (
      <span data-testid={n.path === '/inbox' ? 'nav-inbox' : undefined}>{n.label}</span>
    );
  const menuItems: MenuProps['items'] = items.map((n) => ({ key: n.path, icon: n.icon, label: label(n) }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="shell__header">
        <Typography.Text className="shell__brand">民声 · 办理工作台</Typography.Text>
        <Space size="middle" className="shell__user">
          <span data-testid="who">
            <strong>{official.displayName}</strong>
            <span className="shell__role">
              {official.unitName ? `${official.unitName} · ` : ''}
              {ROLE_LABELS[official.role]}
              {official.departmentName ? ` · ${official.departmentName}` : ''}
            </span>
          </span>
          <Button icon={<LogoutOutlined aria-hidden />} onClick={logout}>
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={184} theme="light" breakpoint="lg" collapsedWidth={0} className="shell__sider">
          <nav aria-label="主导航">
            <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={menuItems} onClick={({ key }) => navigate(key === '/queues' ? '/' : key)} />
          </nav>
        </Layout.Sider>
        <Layout.Content className="shell__content">
          <CalendarHorizonNotice />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
