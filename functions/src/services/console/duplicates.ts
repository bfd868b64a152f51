import {
  DUPLICATE_WINDOW_DAYS,
  DomainError,
  ROOT_UNIT_ID,
  countyOf,
  MAX_DUPLICATES,
  SIMILAR_TEXT_THRESHOLD,
  indexedTerms,
  jaccard,
  type CaseRecord,
  type DuplicateCandidateDto,
  type DuplicateRule,
  type DuplicatesResponse,
} from '@minsheng/shared';
import type { OfficialContext } from '../auth/officials';
import { assertCaseInScope, caseInScope, viewerScope } from '../auth/scope';
import { namesFrom } from '../reference/names';
import { slaSettings } from '../sla/settings';
import type { SearchDeps } from './search';
import { toListItem } from './present';

const FINISHED = new Set<CaseRecord['status']>(['closed', 'rejected', 'merged', 'withdrawn']);
/** The case's first terms looked up for similar text (its title's pairs come first): enough to find a paraphrase, a bounded number of Queries. */
const PROBE_TERMS = 40;
/** Cases sharing at least this share of the probe terms are read and compared in full. */
const PROBE_SHARE = 0.25;
/** At most this many of them (the most overlapping first). */
const PROBE_CASES = 30;
/** Cases of the same phone, or of the same place and category, read at most. */
const RULE_READ = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Likely duplicates of a case, shown at intake (issue #16): open cases (not closed, rejected, merged
 * or withdrawn) filed within the last 30 days, in the official's scope, other than the case itself,
 * that were given the same phone (the keyed-hash index), lie in the same place unit with the same
 * category, or say nearly the same (Jaccard similarity of title+content character pairs ≥
 * SIMILAR_TEXT_THRESHOLD, looked for in the case's own 区/县). Each with the rules that found it; those matching more rules, then more
 * similar, first; at most MAX_DUPLICATES.
 */
export async function findDuplicates(deps: SearchDeps, viewer: OfficialContext, caseNo: string): Promise<DuplicatesResponse> {
  if (viewer.role !== 'intake' && viewer.role !== 'supervisor') throw new DomainError('FORBIDDEN', { message: '您的角色不能查看疑似重复诉求' });
  const scope = await viewerScope(deps, viewer);
  const c = await deps.cases.getCase(caseNo);
  assertCaseInScope(c, viewer, scope);
  const now = deps.now();
  const range = { from: new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * DAY_MS).toISOString(), to: now.toISOString() };
  const rules = new Map<string, Set<DuplicateRule>>();
  const add = (no: string, rule: DuplicateRule) => {
    if (no === c.caseNo) return;
    if (!rules.has(no)) rules.set(no, new Set());
    rules.get(no)!.add(rule);
  };

  const terms = indexedTerms(c);
  const probe = terms.slice(0, PROBE_TERMS);
  const [byPhone, byPlace, overlap] = await Promise.all([
    c.contact?.phone ? deps.caseSearch.byPhone(c.contact.phone, range, { limit: RULE_READ }) : undefined,
    c.location?.unitId ? deps.caseSearch.byPlaceCategory(c.location.unitId, c.categoryId, range, RULE_READ) : undefined,
    // Similar text is looked for in the case's own area (区/县): the same problem elsewhere is another place's.
    probe.length ? deps.caseSearch.termOverlap({ terms: probe, areas: [countyOf(c.unitPath) ?? ROOT_UNIT_ID], ...range }) : undefined,
  ]);
  for (const s of byPhone?.items ?? []) add(s.caseNo, 'samePhone');
  for (const hit of byPlace ?? []) add(hit.caseNo, 'samePlaceCategory');
  const similarProbe = [...(overlap ?? [])]
    .filter(([no, n]) => no !== c.caseNo && n >= Math.max(2, Math.ceil(probe.length * PROBE_SHARE)))
    .sort((a, b) => b[1] - a[1])
    .slice(0, PROBE_CASES)
    .map(([no]) => no);

  // The current cases, read once: open, within the window, in scope; similar text measured on the whole text.
  const caseNos = [...new Set([...rules.keys(), ...similarProbe])].filter((no) => no !== c.caseNo).slice(0, 100);
  const current = caseNos.length ? await deps.cases.getCases(caseNos) : [];
  const candidates: { c: CaseRecord; rules: DuplicateRule[]; similarity: number }[] = [];
  for (const other of current) {
    if (FINISHED.has(other.status) || other.createdAt < range.from || !caseInScope(other, viewer, scope)) continue;
    const similarity = Math.round(jaccard(terms, indexedTerms(other)) * 100) / 100;
    const matched = rules.get(other.caseNo) ?? new Set<DuplicateRule>();
    if (similarity >= SIMILAR_TEXT_THRESHOLD) matched.add('similarText');
    if (!matched.size) continue;
    const order: DuplicateRule[] = ['samePhone', 'samePlaceCategory', 'similarText'];
    candidates.push({ c: other, rules: order.filter((r) => matched.has(r)), similarity });
  }
  candidates.sort((a, b) => b.rules.length - a.rules.length || b.similarity - a.similarity || (a.c.createdAt < b.c.createdAt ? 1 : -1));

  const { calendar } = await slaSettings(deps);
  const names = namesFrom(scope.departments, await deps.reference.listCategories());
  const items: DuplicateCandidateDto[] = candidates.slice(0, MAX_DUPLICATES).map((x) => ({ ...toListItem(x.c, names, now, calendar), rules: x.rules, similarity: x.similarity }));
  return { caseNo: c.caseNo, items };
}
