// @vitest-environment jsdom
// The 考核排名 page rendered in jsdom against a stubbed API: the ranks in order, a rate with the counts
// behind it, 环比, the exempted cases, and 发布排名 as a root supervisor and an intake officer see it.
import { DEFAULT_ASSESSMENT_WEIGHTS, ASSESSMENT_WEIGHTS_SOURCE, type AssessmentExemptionsResponse, type AssessmentResponse, type OfficialRole } from '@minsheng/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { until } from './dom-kit';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const MAY: AssessmentResponse = {
  month: '2026-05',
  previousMonth: '2026-04',
  unitId: 'root',
  unitName: '示范市',
  weights: DEFAULT_ASSESSMENT_WEIGHTS,
  weightsSource: ASSESSMENT_WEIGHTS_SOURCE,
  responseHours: 24,
  departments: [
    {
      key: 'DEPT#zhujian',
      name: '市住建局',
      counts: { asDispatched: 20, asRespondedOnTime: 19, asAnswered: 10, asAnsweredOnTime: 9, asResolved: 5, asPartlyResolved: 2, asUnresolved: 1, asRatings: 8, asSatisfied: 7, asSentBack: 1 },
      rates: { responseRate: 95, onTimeRate: 90, resolutionRate: 75, satisfactionRate: 87.5, sendBackRate: 5, reopenRate: 0 },
      score: 85.9,
      rank: 1,
      previous: { score: 82.7, rank: 3 },
      scoreChange: 3.2,
      rankChange: 2,
    },
    {
      key: 'DEPT#chengguan',
      name: '市城管局',
      counts: { asDispatched: 10, asRespondedOnTime: 8, asAnswered: 6, asAnsweredOnTime: 6, asResolved: 3, asUnresolved: 1, asRatings: 4, asSatisfied: 3, exempted: 1 },
      rates: { responseRate: 80, onTimeRate: 100, resolutionRate: 75, satisfactionRate: 75, sendBackRate: 0, reopenRate: 0 },
      score: 76.5,
      rank: 2,
      previous: { score: 90, rank: 1 },
      scoreChange: -13.5,
      rankChange: -1,
    },
    { key: 'DEPT#shuiwu', name: '市水务局', counts: { asDispatched: 2, asRespondedOnTime: 1 }, rates: { responseRate: 50, sendBackRate: 0 }, score: 50, rank: 3 },
  ],
  units: [{ key: 'UNIT#dongcheng', name: '东城区', counts: { asCases: 15, asAcceptedOnTime: 12 }, rates: { responseRate: 80, sendBackRate: 0 }, score: 80, rank: 1, previous: { score: 80, rank: 1 }, scoreChange: 0, rankChange: 0 }],
  exempted: 1,
  ended: true,
};

const EXEMPTIONS: AssessmentExemptionsResponse = {
  month: '2026-05',
  items: [{ caseNo: '20260512000007', reason: '反复投诉已办结的同一事项', by: '王督办', at: '2026-05-20T02:30:00.000Z', departmentName: '市城管局', unitName: '示范市' }],
};

type Reply = { status: number; body: unknown };
let month: AssessmentResponse;
let requests: { method: string; url: string }[];
let publishReply: Reply;

function json({ status, body }: Reply): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let root: Root | undefined;

beforeAll(() => {
  const style = window.getComputedStyle.bind(window);
  window.getComputedStyle = (elt: Element) => style(elt);
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false })) as typeof window.matchMedia;
});

/** Signs in with `role` at the root unit (or `unitId`) and opens /assessment on 15 June 2026 (Shanghai): last month is May. */
async function open(role: OfficialRole, data: AssessmentResponse, unitId?: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-15T04:00:00Z'));
  month = data;
  requests = [];
  publishReply = { status: 200, body: { month: '2026-05', publishedAt: '2026-06-15T04:00:00.000Z', by: '王督办' } };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      requests.push({ method, url });
      if (url === '/api/console/assessment/2026-05' && method === 'GET') return json({ status: 200, body: month });
      if (url === '/api/console/assessment/2026-05/exemptions') return json({ status: 200, body: EXEMPTIONS });
      if (url === '/api/console/assessment/2026-05/publish' && method === 'POST') {
        if (publishReply.status === 200) month = { ...month, published: { at: '2026-06-15T04:00:00.000Z', by: '王督办' } };
        return json(publishReply);
      }
      return json({ status: 404, body: { error: { code: 'NOT_FOUND', message: '未找到' } } });
    }),
  );
  const { sessionStore } = await import('@/lib/session');
  sessionStore.signIn({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), official: { username: 'u', displayName: '张三', role, disabled: false, ...(unitId ? { unitId } : {}) } });
  const { AuthProvider } = await import('@/lib/auth');
  const { AssessmentPage } = await import('@/features/assessment/components/assessment-page');
  const container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await act(async () => {
    const page = createElement(MemoryRouter, null, createElement(QueryClientProvider, { client }, createElement(AuthProvider, null, createElement(AssessmentPage))));
    root!.render(createElement(ConfigProvider, { locale: zhCN, button: { autoInsertSpace: false } }, createElement(AntApp, null, page)));
  });
  await until(() => document.querySelector('[data-testid="assessment-departments"] tbody tr') || document.querySelector('.ant-empty'), 'the ranking or the empty state');
}

afterEach(() => {
  if (root) act(() => root!.unmount());
  root = undefined;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const rows = (table: 'departments' | 'units') => [...document.querySelectorAll<HTMLTableRowElement>(`[data-testid="assessment-${table}"] tbody tr`)];
function cell(table: 'departments' | 'units', name: string, column: string): HTMLTableCellElement {
  const headers = [...document.querySelectorAll(`[data-testid="assessment-${table}"] thead th`)].map((th) => th.textContent);
  const row = rows(table).find((tr) => tr.cells[1]?.textContent === name);
  expect(row, `the row of ${name}`).toBeDefined();
  return row!.cells[headers.indexOf(column)]!;
}
/** What a sighted official reads in a cell (the screen-reader-only words left out). */
const seen = (el: Element) => [...el.querySelectorAll(':scope *:not(.sr-only)')].filter((e) => !e.children.length && !e.closest('.sr-only')).map((e) => e.textContent).join(' ') || el.textContent;
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === text);

async function click(el: Element | null | undefined) {
  expect(el).toBeTruthy();
  await act(async () => (el as HTMLElement).click());
}

describe('the 考核排名 page', () => {
  it('ranks last month’s departments in order, each rate with the counts behind it, and 环比', async () => {
    await open('intake', MAY);
    expect(requests[0]).toEqual({ method: 'GET', url: '/api/console/assessment/2026-05' });
    expect(rows('departments').map((r) => [r.cells[0]!.textContent, r.cells[1]!.textContent])).toEqual([
      ['1', '市住建局'],
      ['2', '市城管局'],
      ['3', '市水务局'],
    ]);
    expect(cell('departments', '市住建局', '综合得分').textContent).toBe('85.9');
    expect(seen(cell('departments', '市住建局', '响应率'))).toBe('95.0% 19/20');
    // Read to a screen reader in words, not "19/20".
    expect(cell('departments', '市住建局', '响应率').querySelector('.sr-only')?.textContent).toBe('（按时响应 19 件，交办 20 件）');
    expect(seen(cell('departments', '市住建局', '解决率'))).toBe('75.0% 解决 5 · 部分解决 2 · 未解决 1');
    expect(seen(cell('departments', '市水务局', '满意率'))).toBe('— 0/0');
    // A unit's 响应率 is over its cases.
    expect(seen(cell('units', '东城区', '响应率'))).toBe('80.0% 12/15');

    expect(seen(cell('departments', '市住建局', '环比'))).toBe('↑2 得分 +3.2 上月第 3 名，82.7 分');
    expect(seen(cell('departments', '市城管局', '环比'))).toBe('↓1 得分 −13.5 上月第 1 名，90.0 分');
    expect(seen(cell('departments', '市水务局', '环比'))).toBe('新上榜 上月无得分');
    expect(seen(cell('units', '东城区', '环比'))).toContain('持平');

    expect(document.querySelector('[data-testid="assessment-weights"]')?.textContent).toContain('响应率 30%、解决率 35%、满意率 35%');
    expect(document.querySelector('[data-testid="assessment-weights"]')?.textContent).toContain('准格尔旗');
    expect(document.body.textContent).toContain('可能有数秒延迟');
    // An intake officer does not publish.
    expect(button('发布排名')).toBeUndefined();
  });

  it('lists the exempted cases on request, each case number opening the case', async () => {
    await open('supervisor', MAY);
    const section = document.querySelector('[data-testid="assessment-exemptions"]')!;
    expect(section.textContent).toContain('免于考核的案件（1 件）');
    await click(button('查看免考核案件'));
    const link = await until(() => section.querySelector<HTMLAnchorElement>('a[href="/cases/20260512000007"]'), 'the exemption list');
    expect(link.textContent).toBe('20260512000007');
    const row = link.closest('tr')!;
    expect(row.textContent).toContain('反复投诉已办结的同一事项');
    expect(row.textContent).toContain('王督办');
    expect(row.textContent).toContain('2026-05-20 10:30');
  });

  it('a root supervisor publishes an ended month after confirming, and then sees when it was published', async () => {
    await open('supervisor', MAY);
    const publish = button('发布排名')!;
    expect(publish.disabled).toBe(false);
    await click(publish);
    const ok = await until(() => [...document.querySelectorAll('.ant-modal button')].find((b) => b.textContent === '确认发布'), 'the confirmation');
    expect(document.querySelector('.ant-modal')?.textContent).toContain('向公众公开');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await click(ok);
    await until(() => requests.some((r) => r.method === 'POST' && r.url === '/api/console/assessment/2026-05/publish'), 'the publish request');
    const note = await until(() => document.querySelector('[data-testid="assessment-published"]'), 'the published note');
    expect(note.textContent).toBe('已于 2026-06-15 12:00 发布（王督办）');
    expect(button('发布排名')!.disabled).toBe(true);
  });

  it('the button is off with its reason while the month is running; a supervisor below the root has none', async () => {
    await open('supervisor', { ...MAY, ended: false });
    expect(button('发布排名')!.disabled).toBe(true);
    expect(document.body.textContent).toContain('本月尚未结束，月份结束后才能发布');
    act(() => root!.unmount());
    root = undefined;
    document.body.innerHTML = '';
    await open('supervisor', { ...MAY, unitId: 'dongcheng', unitName: '东城区' }, 'dongcheng');
    expect(button('发布排名')).toBeUndefined();
  });

  it('a month with nothing counted says so instead of empty tables', async () => {
    const empty = { ...MAY, departments: [{ key: 'DEPT#x', name: '市住建局', counts: {}, rates: {} }], units: [], exempted: 0 };
    await open('intake', empty);
    expect(document.querySelector('.ant-empty-description')?.textContent).toBe('本月暂无考核数据');
    expect(document.querySelector('[data-testid="assessment-departments"]')).toBeNull();
  });
});
