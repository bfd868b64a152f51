import type { LibraryKind } from '@minsheng/shared';
import type { CaseEvent } from './cases';

/** A library item as stored: a policy document, or an anonymised answered consultation. */
export interface LibraryItemRecord {
  id: string;
  kind: LibraryKind;
  title: string;
  /** Policy: the text; Q&A: the department's answer (anonymised). */
  body: string;
  /** Q&A: the citizen's question (anonymised). */
  question?: string;
  /** Policy: issuing department; Q&A: the answering department's name. */
  issuer?: string;
  /** YYYY-MM-DD: policy issue date; Q&A: date first published. */
  issuedAt: string;
  docNo?: string;
  sourceUrl?: string;
  tags: string[];
  categoryId?: string;
  /** Q&A: the consultation it came from (console only, never public). */
  sourceCaseNo?: string;
  /** Raised on every change of this item (optimistic concurrency for editors). */
  revision: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

/** One entry of the library's change log: what changed at each library version. */
export interface LibraryChange {
  version: number;
  /** `put`/`delete` of one item; `synonyms` or `bulk` mean "rebuild the whole index". */
  op: 'put' | 'delete' | 'synonyms' | 'bulk';
  itemId?: string;
}

export interface StoredSynonyms {
  groups: string[][];
  /** 1, 2, … per save: what an admin's edit is checked against. */
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

/** Extra items written in the same transaction as a Q&A: the case's link to it and the case's audit event. */
export interface PublicationWrite {
  caseNo: string;
  event: CaseEvent;
}

export type SaveResult = { ok: true; version: number } | { ok: false; reason: 'revision_conflict' };

/**
 * The library's storage. Every change bumps one library version and appends a change-log entry
 * in the same transaction, so each warm search index can tell it is behind (one GetItem) and
 * catch up with only what changed (one Query on the log). Never a Scan.
 */
export interface LibraryStore {
  /** The library version (0 before the first change). Strongly consistent. */
  getVersion(): Promise<number>;
  /** Change-log entries after `version`, oldest first, at most `limit`. Strongly consistent. */
  listChangesSince(version: number, limit: number): Promise<LibraryChange[]>;
  /** Every item (the index's full build). */
  listItems(): Promise<LibraryItemRecord[]>;
  getItem(id: string, options?: { consistent?: boolean }): Promise<LibraryItemRecord | undefined>;
  /** Items by id (missing ones left out). Strongly consistent. */
  getItems(ids: string[]): Promise<LibraryItemRecord[]>;
  /** The Q&A a consultation was published as, if any. */
  getPublishedItemId(caseNo: string): Promise<string | undefined>;
  /**
   * Write an item (create when `expectedRevision` is 0: fails if it exists; else replace the item
   * only at that revision), bump the version and log it — with the case link and audit event when
   * it is a publication — atomically.
   */
  saveItem(item: LibraryItemRecord, expectedRevision: number, publication?: PublicationWrite): Promise<SaveResult>;
  /** Delete an item at `expectedRevision` (and its case link), bump the version and log it, atomically. */
  deleteItem(item: LibraryItemRecord, expectedRevision: number, at: string): Promise<SaveResult>;
  /** Write many items at once (seeding, imports): one version bump that tells indexes to rebuild. */
  importItems(items: LibraryItemRecord[], at: string): Promise<void>;
  getSynonyms(): Promise<StoredSynonyms | undefined>;
  /**
   * Replace the synonym list; bumps the version (indexes rebuild: synonyms are indexed).
   * `expectedRevision`: the saved list the admin edited, or null for the built-in list; another save
   * since then → `{ ok: false }`. Undefined: unconditional.
   */
  putSynonyms(synonyms: StoredSynonyms, expectedRevision?: number | null): Promise<SaveResult>;
  /** Drop the admins' list (the built-in one is in force again), under the same expectation. */
  deleteSynonyms(at: string, expectedRevision?: number | null): Promise<SaveResult>;
}
