// @vitest-environment jsdom
// The admin's SLA policies page rendered in jsdom against a stubbed API: what the admin sees in the
// 回访等待天数 field, what the page sends, and where the API's refusal is shown.
import { DEFAULT_SLA_POLICIES, type SlaPolicyDto } from '@minsheng/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { until } from './dom-kit';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const STORED: SlaPolicyDto[] = [
  { type: 'consultation', ...DEFAULT_SLA_POLICIES.consultation }, // saved before revisitDays existed: the default applies
  { type: 'complaint', ...DEFAULT_SLA_POLICIES.complaint, revisitDays: 5 },
  { type: 'report', ...DEFAULT_SLA_POLICIES.report },
  { type: 'suggestion', ...DEFAULT_SLA_POLICIES.suggestion },
];

type Reply = { status: number; body: unknown };
let posted: unknown[] = [];
let nextPost: (body: unknown) => Reply;

function json({ status, body }: Reply): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let root: Root;
let container: HTMLElement;

beforeAll(() => {
  // antd's responsive helpers ask for media queries, and its scrollbar measure for a pseudo-element's style, which jsdom lacks.
  const style = window.getComputedStyle.bind(window);
  window.getComputedStyle = (elt: Element) => style(elt);
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false })) as typeof window.matchMedia;
});

beforeEach(async () => {
  posted = [];
  nextPost = (body) => ({ status: 200, body });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      expect(url).toBe('/api/console/admin/sla-policies');
      if (!init?.body) return json({ status: 200, body: { items: STORED } });
      const body = JSON.parse(String(init.body));
      posted.push(body);
      return json(nextPost(body));
    }),
  );
  const { sessionStore } = await import('@/lib/session');
  sessionStore.signIn({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), official: { username: 'admin', displayName: '管理员', role: 'admin', disabled: false } });
  const { AuthProvider } = await import('@/lib/auth');
  const { SlaPoliciesPage } = await import('@/features/admin/components/sla-policies-page');
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await act(async () => {
    // As the app's providers set antd up (console/src/app/providers.tsx), with a query cache of its own.
    const page = createElement(QueryClientProvider, { client }, createElement(AuthProvider, null, createElement(SlaPoliciesPage)));
    root.render(createElement(ConfigProvider, { locale: zhCN, button: { autoInsertSpace: false } }, createElement(AntApp, null, page)));
  });
  await until(() => document.body.textContent?.includes('各类诉求的时限') && rowOf('投诉'));
});

afterEach(() => {
  act(() => root.unmount());
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

function rowOf(typeLabel: string): HTMLTableRowElement | undefined {
  return [...document.querySelectorAll<HTMLTableRowElement>('tbody tr')].find((tr) => tr.cells[0]?.textContent === typeLabel);
}

/** The cell of a row under the column headed `title`. */
function cell(typeLabel: string, title: string): string | undefined {
  const headers = [...document.querySelectorAll('thead th')].map((th) => th.textContent);
  return rowOf(typeLabel)?.cells[headers.indexOf(title)]?.textContent ?? undefined;
}

/** The input a <label> names, as a screen reader finds it (label[for] → id). */
function inputLabelled(text: string): HTMLInputElement {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent === text);
  expect(label, `a <label> reading “${text}”`).toBeDefined();
  const input = document.getElementById(label!.htmlFor);
  expect(input, `the input of “${text}”`).toBeInstanceOf(HTMLInputElement);
  return input as HTMLInputElement;
}

/** The texts an input's aria-describedby points at. */
function descriptions(input: HTMLInputElement): string[] {
  return (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`);
}

async function click(el: Element | null | undefined) {
  expect(el).toBeTruthy();
  await act(async () => (el as HTMLElement).click());
}

async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const editButton = (typeLabel: string) => document.querySelector(`button[aria-label="修改${typeLabel}的时限"]`);

/** Opens a type's dialog by its 修改 button; the 回访等待天数 input in it. */
async function openEdit(typeLabel: string): Promise<HTMLInputElement> {
  await click(editButton(typeLabel));
  await until(() => document.querySelector('.ant-modal'), 'the dialog');
  return inputLabelled('回访等待天数');
}
const saveButton = () => [...document.querySelectorAll('.ant-modal button')].find((b) => b.textContent === '保存');

describe('the SLA policies page: 回访等待天数', () => {
  it('shows each type’s stored delay, or the default where none was stored', async () => {
    expect(cell('投诉', '回访等待')).toBe('5 天');
    expect(cell('政策咨询', '回访等待')).toBe('3 天');

    const field = await openEdit('投诉');
    expect(field.value).toBe('5');
    expect(descriptions(field)).toEqual(['答复后群众未评价满这些天，诉求进入受理的回访队列（1 到 6 天，默认 3 天）']);
    await click([...document.querySelectorAll('.ant-modal button')].find((b) => b.textContent === '取消'));

    expect((await openEdit('政策咨询')).value).toBe('3');
  });

  it('sends the edited delay with the policy’s other fields in the one request, and the table shows it', async () => {
    const field = await openEdit('投诉');
    await type(field, '2');
    await click(saveButton());
    await until(() => posted.length === 1, 'the request');
    expect(posted).toEqual([{ type: 'complaint', answerDays: 15, warnDays: 12, severeDays: 30, dayMode: 'natural', revisitDays: 2 }]);
    await until(() => cell('投诉', '回访等待') === '2 天', 'the saved delay in the table');
  });

  it('a delay above 6 is brought back to 6 when the admin leaves the field (as the other fields keep to their range), and 6 is sent', async () => {
    const field = await openEdit('投诉');
    await type(field, '7');
    await act(async () => field.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(field.value).toBe('6');
    await click(saveButton());
    await until(() => posted.length === 1, 'the request');
    expect(posted).toEqual([expect.objectContaining({ type: 'complaint', revisitDays: 6 })]);
  });

  it('the API’s 400 on revisitDays is shown beside the field (aria-describedby), the dialog stays open', async () => {
    nextPost = () => ({ status: 400, body: { error: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请按提示修改后重试', fields: { revisitDays: '回访天数应为 1 到 6' } } } });
    const field = await openEdit('投诉');
    await type(field, '4');
    await click(saveButton());
    await until(() => field.getAttribute('aria-invalid') === 'true', 'the field marked invalid');
    expect(posted).toHaveLength(1);
    expect(descriptions(field)).toEqual(['回访天数应为 1 到 6', '答复后群众未评价满这些天，诉求进入受理的回访队列（1 到 6 天，默认 3 天）']);
    expect(document.querySelector('.ant-modal')).not.toBeNull();
    expect(cell('投诉', '回访等待')).toBe('5 天');
  });
});
