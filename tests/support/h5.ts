/**
 * What the browser tests of the mini-program's H5 build share: a phone-sized page, waiting for
 * visible text (Taro H5 keeps earlier pages, hidden, in the DOM), the accessibility check, and
 * officials acting through the console API as the console does.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_OFFICIAL_PASSWORD } from '../../infra/src/demo-data';
import { seriousAxeViolations } from './axe';
import { call } from './local-stack';

/** A 390×844 phone, Chinese locale. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' } as const;

/** A page in `context` (or a fresh device of `browser`), its script errors printed. */
export async function phonePage(where: Browser | BrowserContext): Promise<Page> {
  const context = 'newContext' in where ? await where.newContext(PHONE) : where;
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stdout.write(`[h5 page error] ${error.message}\n`));
  return page;
}

/** Wait until some visible element shows `text`. */
export async function shown(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).filter({ visible: true }).first().waitFor();
}

export function visibleCount(page: Page, text: string | RegExp): Promise<number> {
  return page.getByText(text).filter({ visible: true }).count();
}

/** The controls every page's tap-target check measures; a test adds its own (`.kind`, `.thumbs__item`…). */
const CONTROLS = ['.btn', '.choice', '.toggle', '.input', '.textarea'];

/** axe-core on what is on screen: no serious or critical violations; tap targets ≥ 44 px. */
export async function expectAccessible(page: Page, what: string, extraControls: string[] = []): Promise<void> {
  await page.waitForTimeout(150); // let Taro finish its layout pass
  expect(await seriousAxeViolations(page), `${what}: axe violations`).toEqual([]);
  const small = await page.evaluate((selector) =>
    [...document.querySelectorAll(selector)]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ cls: el.className, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(({ cls, r }) => `${cls} ${Math.round(r.width)}×${Math.round(r.height)}`),
  [...CONTROLS, ...extraControls].join(', '));
  expect(small, `${what}: tap targets under 44 px`).toEqual([]);
}

/** Officials of the demo data, through the console API of the stack at `apiUrl`. */
export function consoleApi(apiUrl: () => string) {
  return {
    /** A demo official's console token. */
    async official(username: string): Promise<string> {
      const res = await call(`${apiUrl()}/api/console/login`, { body: { username, password: DEMO_OFFICIAL_PASSWORD } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.token as string;
    },
    /** An action on the case as the console sends it: on the version just read. */
    async act(token: string, caseNo: string, action: Record<string, unknown>): Promise<void> {
      const current = await call(`${apiUrl()}/api/console/cases/${caseNo}`, { token });
      expect(current.status, JSON.stringify(current.body)).toBe(200);
      const res = await call(`${apiUrl()}/api/console/cases/${caseNo}/actions`, { token, body: { ...action, expectedVersion: current.body.version } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    },
  };
}
