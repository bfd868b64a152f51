import type { CaseRecord } from '@minsheng/shared';
import type { CaseSummary, Page } from './cases';

/** A case found by the index, before the service checks it against the current case. */
export interface SearchHit {
  caseNo: string;
  createdAt: string;
  /** The hit's sort key (`<createdAt>#<caseNo>`): where the next page starts below. */
  at: string;
}

/**
 * Finding cases by phone and by words (issue #16). The DynamoDB adapter (adapters/dynamo/case-search.ts)
 * keeps a keyed-hash phone index on the case item (gsi8) and an inverted index of character pairs
 * written from the table's stream; on AWS at a province's scale the same port is an OpenSearch
 * domain fed by the same stream (README, "Case search") — one adapter, the services unchanged.
 * Results are candidates: the services read the current cases and keep those in the viewer's scope.
 */
export interface CaseSearchIndex {
  /** Keep the index in step with one write of a case (before/after images of the stream; idempotent). */
  apply(before: CaseRecord | undefined, after: CaseRecord | undefined): Promise<void>;
  /** The cases a phone was given on, newest first, filed in [from, to] (ISO instants), from the index alone (queue summaries). */
  byPhone(phone: string, range: { from?: string; to?: string }, page: { limit: number; cursor?: string }): Promise<Page<CaseSummary>>;
  /**
   * Cases whose indexed terms include every one of `terms`, in these areas (区/县 ids or `root`),
   * filed in [from, to] and before `below` (a hit's `at`, exclusive), newest first: yielded a month at a time.
   */
  byTerms(input: { terms: string[]; areas: string[]; from: string; to: string; below?: string }): AsyncIterable<SearchHit[]>;
  /** For each case holding any of `terms` in these areas and range: how many of them it holds. */
  termOverlap(input: { terms: string[]; areas: string[]; from: string; to: string }): Promise<Map<string, number>>;
  /** Cases of this place unit and category filed in [from, to], newest first (at most `limit`). */
  byPlaceCategory(placeUnitId: string, categoryId: string, range: { from: string; to: string }, limit: number): Promise<SearchHit[]>;
}
