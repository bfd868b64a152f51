import {
  DomainError,
  ROOT_UNIT_ID,
  SEARCH_DEFAULT_DAYS,
  SEARCH_MAX_DAYS,
  addDays,
  caseTerms,
  daysBetween,
  endOfShanghaiDay,
  queryWords,
  startOfShanghaiDay,
  textHasAll,
  toShanghaiDate,
  type CaseListItemDto,
  type CaseRecord,
  type CaseSearchQuery,
  type CaseSearchResponse,
} from '@minsheng/shared';
import type { CaseSummary } from '../../ports/cases';
import type { OfficialContext } from '../auth/officials';
import { caseInScope, viewerScope, type ViewerScope } from '../auth/scope';
import type { Deps } from '../deps';
import { namesFrom } from '../reference/names';
import { slaSettings, type SlaSettingsDeps } from '../sla/settings';
import { toListItem } from './present';

export type SearchDeps = Pick<Deps, 'cases' | 'caseSearch' | 'reference' | 'now'> & SlaSettingsDeps;

const SEARCH_ROLES = new Set<OfficialContext['role']>(['intake', 'supervisor', 'handler']);
/** Index reads one page may make at most before it answers with what it found and a cursor. */
const MAX_READS = 10;

/** Whether a search result may be shown to this official: in their scope, and never a report's phone to a handler. */
function visible(c: Pick<CaseRecord, 'departmentId' | 'unitPath' | 'type'>, viewer: OfficialContext, scope: Pick<ViewerScope, 'path'>, byPhone: boolean): boolean {
  // A report's (举报) reporter is never shown to a handler: finding it by the reporter's phone would show it.
  if (byPhone && viewer.role === 'handler' && c.type === 'report') return false;
  return caseInScope(c, viewer, scope);
}

/** The areas (区/县 ids, or `root` for the cases held at the city) a word search of this viewer reads. */
export async function areasOf(viewer: OfficialContext, scope: ViewerScope): Promise<string[]> {
  if (scope.county) return [scope.county];
  // A handler of a city department: its cases are held at the root. Intake and supervisors of the city: every county and the root.
  if (viewer.role === 'handler') return [ROOT_UNIT_ID];
  const counties = (await scope.units()).filter((u) => u.level === 2).map((u) => u.id);
  return [ROOT_UNIT_ID, ...counties];
}

/** Filing dates as instants: `from` 00:00 and `to` 23:59:59 Shanghai; a word search defaults to the last 90 days and reads at most 366. */
function dateRange(query: CaseSearchQuery, now: Date, required: boolean): { from?: string; to?: string } {
  const today = toShanghaiDate(now);
  const to = query.to ?? (required ? today : undefined);
  const from = query.from ?? (required ? addDays(to ?? today, -(SEARCH_DEFAULT_DAYS - 1)) : undefined);
  if (from && to && daysBetween(from, to) < 0) throw new DomainError('VALIDATION_FAILED', { fields: { from: '开始日期不能晚于结束日期' } });
  if (required && from && to && daysBetween(from, to) >= SEARCH_MAX_DAYS) {
    throw new DomainError('VALIDATION_FAILED', { fields: { from: `按关键词查询的日期范围不超过 ${SEARCH_MAX_DAYS} 天` } });
  }
  return { ...(from ? { from: startOfShanghaiDay(from).toISOString() } : {}), ...(to ? { to: endOfShanghaiDay(to).toISOString() } : {}) };
}

const invalidCursor = () => new DomainError('VALIDATION_FAILED', { fields: { cursor: '翻页标记无效，请从第一页重新开始' } });
const HIT_AT = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#\d{14}$/;

/**
 * Officials' case search (issue #16): by number (one GetItem), by phone (one Query of the keyed-hash
 * index) or by words of the title and content within a filing-date range (the postings of the
 * scope's areas and months, intersected, then the current cases read and checked). Intake and
 * supervisors find their unit's subtree's cases, handlers their department's; out of scope is
 * simply not found. Rows are the queues' rows, masked the same way, newest filing first.
 */
export async function searchCases(deps: SearchDeps, viewer: OfficialContext, query: CaseSearchQuery): Promise<CaseSearchResponse> {
  if (!SEARCH_ROLES.has(viewer.role)) throw new DomainError('FORBIDDEN', { message: '您的角色不能查询案件' });
  const given = (['caseNo', 'phone', 'q'] as const).filter((k) => query[k] !== undefined && query[k] !== '');
  if (given.length !== 1) {
    throw new DomainError('VALIDATION_FAILED', { message: '请只填写受理编号、电话或关键词中的一项', fields: { q: '请只填写受理编号、电话或关键词中的一项' } });
  }
  const scope = await viewerScope(deps, viewer);
  const now = deps.now();
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 50);
  const { calendar } = await slaSettings(deps);
  const names = namesFrom(scope.departments, await deps.reference.listCategories());
  const row = (c: Parameters<typeof toListItem>[0]): CaseListItemDto => toListItem(c, names, now, calendar);

  if (query.caseNo) {
    const c = await deps.cases.getCase(query.caseNo);
    return { by: 'caseNo', items: c && visible(c, viewer, scope, false) ? [row(c)] : [] };
  }

  if (query.phone) {
    const range = dateRange(query, now, false);
    const found: CaseSummary[] = [];
    let cursor = query.cursor;
    for (let reads = 0; reads < MAX_READS && found.length < limit; reads++) {
      const page = await deps.caseSearch.byPhone(query.phone, range, { limit: limit - found.length, ...(cursor ? { cursor } : {}) });
      found.push(...page.items.filter((s) => visible(s, viewer, scope, true)));
      cursor = page.cursor;
      if (!cursor) break;
    }
    return { by: 'phone', items: found.map(row), ...(cursor ? { nextCursor: cursor } : {}) };
  }

  const words = queryWords(query.q!);
  const terms = [...new Set(words.flatMap((w) => caseTerms(w)))];
  if (!terms.length) throw new DomainError('VALIDATION_FAILED', { fields: { q: '关键词至少两个字' } });
  const range = dateRange(query, now, true) as { from: string; to: string };
  let below: string | undefined;
  if (query.cursor) {
    try {
      below = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')).b;
    } catch {
      throw invalidCursor();
    }
    if (typeof below !== 'string' || !HIT_AT.test(below)) throw invalidCursor();
  }
  const areas = await areasOf(viewer, scope);
  const found: CaseRecord[] = [];
  let last: string | undefined;
  let more = false;
  outer: for await (const hits of deps.caseSearch.byTerms({ terms, areas, ...range, ...(below ? { below } : {}) })) {
    // The current cases, a chunk at a time: the words must be in the text (pairs only narrow), the case in scope now.
    for (let i = 0; i < hits.length; i += limit) {
      const chunk = hits.slice(i, i + limit);
      const byNo = new Map((await deps.cases.getCases(chunk.map((h) => h.caseNo))).map((c) => [c.caseNo, c]));
      for (const hit of chunk) {
        if (found.length === limit) {
          more = true;
          break outer;
        }
        const c = byNo.get(hit.caseNo);
        last = hit.at;
        if (c && textHasAll(c, words) && visible(c, viewer, scope, false)) found.push(c);
      }
    }
  }
  const nextCursor = more && last ? Buffer.from(JSON.stringify({ b: last })).toString('base64url') : undefined;
  return { by: 'words', items: found.map(row), ...(nextCursor ? { nextCursor } : {}) };
}
