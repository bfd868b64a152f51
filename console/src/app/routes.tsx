import type { OfficialRole } from '@minsheng/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Result } from 'antd';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useMe } from '@/api/get-me';
import { Loading } from '@/components/ui/query-state';
import { CalendarPage } from '@/features/admin/components/calendar-page';
import { CategoriesPage } from '@/features/admin/components/categories-page';
import { DispatchRulesPage } from '@/features/admin/components/dispatch-rules-page';
import { DepartmentsPage } from '@/features/admin/components/departments-page';
import { LibraryPage } from '@/features/admin/components/library-page';
import { OfficialsPage } from '@/features/admin/components/officials-page';
import { SlaPoliciesPage } from '@/features/admin/components/sla-policies-page';
import { SynonymsPage } from '@/features/admin/components/synonyms-page';
import { UnitsPage } from '@/features/admin/components/units-page';
import { AssessmentPage } from '@/features/assessment/components/assessment-page';
import { AuditPage } from '@/features/audit/components/audit-page';
import { LoginPage } from '@/features/auth/components/login-page';
import { CaseWorkspacePage } from '@/features/cases/components/case-workspace-page';
import { QueuePage } from '@/features/cases/components/queue-page';
import { SearchPage } from '@/features/cases/components/search-page';
import { SupervisionPage } from '@/features/cases/components/supervision-page';
import { InboxPage } from '@/features/inbox/components/inbox-page';
import { OpenDataPage } from '@/features/opendata/components/open-data-page';
import { CallIntakePage } from '@/features/desk/components/call-intake-page';
import { useAuth } from '@/lib/auth';
import { Shell } from './shell';

// ECharts is the largest dependency and only the statistics page needs it: loaded on first visit.
const StatsPage = lazy(() => import('@/features/stats/components/stats-page').then((m) => ({ default: m.StatsPage })));

/** Signed in, or off to the login page — remembering where the official was (their drafts stay in local storage). */
function RequireSession({ children }: { children: ReactNode }) {
  const { session, reason } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const had = useRef(Boolean(session));
  useEffect(() => {
    if (session) {
      had.current = true;
      return;
    }
    // Another official may sign in on this browser next: forget everything cached.
    qc.clear();
    const next = `${location.pathname}${location.search}`;
    navigate(`/login?next=${encodeURIComponent(next)}${reason && had.current ? `&reason=${reason}` : ''}`, { replace: true });
  }, [session]); // only when the session comes or goes
  return session ? <>{children}</> : null;
}

function RequireRole({ roles, children }: { roles: OfficialRole[]; children: ReactNode }) {
  const { session } = useAuth();
  if (!session || !roles.includes(session.official.role)) {
    return <Result status="403" title="您的角色不能使用此页面" subTitle="如需开通，请联系系统管理员。" />;
  }
  return <>{children}</>;
}

function Home() {
  const { session } = useAuth();
  const me = useMe();
  if (session?.official.role === 'admin') return <Navigate to="/admin/departments" replace />;
  const first = me.data?.queues[0];
  return first ? <Navigate to={`/queues/${first}`} replace /> : null;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <Shell />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route path="queues/:queue" element={<RequireRole roles={['intake', 'handler', 'supervisor']}><QueuePage /></RequireRole>} />
        <Route path="cases/:caseNo" element={<RequireRole roles={['intake', 'handler', 'supervisor']}><CaseWorkspacePage /></RequireRole>} />
        <Route path="desk/new" element={<RequireRole roles={['intake']}><CallIntakePage /></RequireRole>} />
        <Route path="search" element={<RequireRole roles={['intake', 'handler', 'supervisor']}><SearchPage /></RequireRole>} />
        <Route path="supervision" element={<RequireRole roles={['supervisor']}><SupervisionPage /></RequireRole>} />
        <Route path="stats" element={<RequireRole roles={['intake', 'supervisor', 'admin']}><Suspense fallback={<Loading rows={8} />}><StatsPage /></Suspense></RequireRole>} />
        <Route path="assessment" element={<RequireRole roles={['intake', 'supervisor', 'admin']}><AssessmentPage /></RequireRole>} />
        <Route path="open-data" element={<RequireRole roles={['supervisor', 'admin']}><OpenDataPage /></RequireRole>} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="audit/:caseNo" element={<AuditPage />} />
        <Route path="admin/units" element={<RequireRole roles={['admin']}><UnitsPage /></RequireRole>} />
        <Route path="admin/departments" element={<RequireRole roles={['admin']}><DepartmentsPage /></RequireRole>} />
        <Route path="admin/categories" element={<RequireRole roles={['admin']}><CategoriesPage /></RequireRole>} />
        <Route path="admin/dispatch-rules" element={<RequireRole roles={['admin']}><DispatchRulesPage /></RequireRole>} />
        <Route path="admin/officials" element={<RequireRole roles={['admin']}><OfficialsPage /></RequireRole>} />
        <Route path="admin/sla" element={<RequireRole roles={['admin', 'supervisor']}><SlaPoliciesPage /></RequireRole>} />
        <Route path="admin/calendar" element={<RequireRole roles={['admin', 'supervisor']}><CalendarPage /></RequireRole>} />
        <Route path="admin/library" element={<RequireRole roles={['admin']}><LibraryPage /></RequireRole>} />
        <Route path="admin/synonyms" element={<RequireRole roles={['admin']}><SynonymsPage /></RequireRole>} />
        <Route path="*" element={<Result status="404" title="页面不存在" />} />
      </Route>
    </Routes>
  );
}
