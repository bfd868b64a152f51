import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useCallback, type ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { isApiError } from '@/lib/api-client';
import { AuthProvider } from '@/lib/auth';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; network trouble and 5xx might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      staleTime: 15_000,
    },
  },
});

// Darker than antd's defaults so every text/background pair reaches WCAG AA (4.5:1), checked by axe in the tests.
const theme = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // antd lightens the primary colour on hover (#2e7ae6: 4.2:1 under white text); a pointer resting on a
    // button just clicked must not drop it below AA. Darker on hover and press instead.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#cf1322',
    colorWarning: '#ad6800',
    colorSuccess: '#237804',
    // antd derives a grey-green background from the darker success colour: keep its usual light green.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorTextDescription: 'rgba(0, 0, 0, 0.66)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 4,
    // No animations: a desk tool answers at once, and a half-faded dropdown is also half-legible.
    motion: false,
    fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
  },
};

/** Five minutes before the token expires, say so (what is being typed is saved as a draft anyway). */
function AuthWithExpiryNotice({ children }: { children: ReactNode }) {
  const { notification } = AntApp.useApp();
  const warn = useCallback(
    (minutes: number) =>
      notification.warning({
        title: `登录将在 ${minutes} 分钟后过期`,
        description: '请尽快提交正在办理的内容。过期后需要重新登录，未提交的答复、理由会保存为本机草稿。',
        duration: 0,
      }),
    [notification],
  );
  return <AuthProvider onExpiringSoon={warn}>{children}</AuthProvider>;
}

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthWithExpiryNotice>{children}</AuthWithExpiryNotice>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
