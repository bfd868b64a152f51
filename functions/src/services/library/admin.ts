import {
  DEFAULT_SYNONYM_GROUPS,
  DomainError,
  LIBRARY_ID_PATTERN,
  anonymiseText,
  type LibraryAdminItemDto,
  type LibraryAdminListResponse,
  type LibraryItemDto,
  type LibraryItemUpdate,
  type LibraryKind,
  type PolicyInput,
  type PolicySearchResponse,
  type SynonymsInput,
  type SynonymsResponse,
  toShanghaiDate,
} from '@minsheng/shared';
import type { LibraryItemRecord } from '../../ports/library-store';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';
import { namesFrom } from '../reference/names';
import { newLibraryId } from './ids';
import { toAdminItemDto } from './present';
import { personalDetailsOf } from './publication';
import { libraryItemNotFound, type SearchParams } from './search';

/** The admins' library work: the items, the search index (kept in step), categories to check, the source cases of Q&As. */
type LibraryAdminDeps = Pick<Deps, 'library' | 'librarySearch' | 'reference' | 'cases' | 'now'>;

const changedMeanwhile = () => new DomainError('VERSION_CONFLICT', { message: '该条目已被他人修改或删除，请刷新后重试' });

const admin = (viewer: OfficialContext) => requireRole(viewer, ['admin']);

/** Every item with its bookkeeping: searched like the public library, or newest first. Read fresh. */
export async function adminListLibrary(deps: LibraryAdminDeps, viewer: OfficialContext, params: SearchParams): Promise<LibraryAdminListResponse> {
  admin(viewer);
  const page = { limit: params.limit ?? 50, offset: params.offset ?? 0, fresh: true, ...(params.kind ? { kind: params.kind } : {}) };
  const names = namesFrom([], await deps.reference.listCategories());
  const q = params.q?.trim() ?? '';
  if (q === '') {
    const { total, items } = await deps.librarySearch.newest(page);
    return { total, items: items.map((d) => toAdminItemDto(d, names)) };
  }
  const result = await deps.librarySearch.search(q, { ...page, now: deps.now() });
  return { total: result.total, items: result.hits.map((h) => toAdminItemDto(h.item, names)) };
}

/** Admin: one item as stored now (after a 409, the version someone else saved). */
export async function adminGetItem(deps: LibraryAdminDeps, viewer: OfficialContext, id: string): Promise<LibraryAdminItemDto> {
  admin(viewer);
  const item = LIBRARY_ID_PATTERN.test(id) ? await deps.library.getItem(id, { consistent: true }) : undefined;
  if (!item) throw libraryItemNotFound();
  return toAdminItemDto(item, namesFrom([], await deps.reference.listCategories()));
}

async function checkCategory(deps: LibraryAdminDeps, categoryId: string | undefined): Promise<void> {
  if (categoryId && !(await deps.reference.getCategory(categoryId))) throw new DomainError('UNKNOWN_CATEGORY', { fields: { categoryId: '问题类别不存在' } });
}

/** A document is not issued in the future: a mistyped year (2062) would sit on top of the newest-first list for decades. */
function checkIssuedAt(deps: LibraryAdminDeps, issuedAt: string): void {
  if (issuedAt > toShanghaiDate(deps.now())) throw new DomainError('VALIDATION_FAILED', { fields: { issuedAt: '发文日期不能晚于今天' } });
}

const cleanTags = (tags: string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];

function policyFields(input: PolicyInput) {
  return {
    title: input.title.trim(),
    issuer: input.issuer.trim(),
    issuedAt: input.issuedAt,
    body: input.body.trim(),
    tags: cleanTags(input.tags),
    ...(input.docNo?.trim() ? { docNo: input.docNo.trim() } : {}),
    ...(input.sourceUrl ? { sourceUrl: input.sourceUrl } : {}),
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
  };
}

/** Admin: a new policy document. Searchable at once in this process, within seconds everywhere. */
export async function adminCreatePolicy(deps: LibraryAdminDeps, viewer: OfficialContext, input: PolicyInput): Promise<LibraryAdminItemDto> {
  admin(viewer);
  if (input.expectedRevision !== undefined) throw new DomainError('VALIDATION_FAILED', { fields: { expectedRevision: '新建时不需要版本号' } });
  await checkCategory(deps, input.categoryId);
  checkIssuedAt(deps, input.issuedAt);
  const now = deps.now();
  const at = now.toISOString();
  const record: LibraryItemRecord = {
    id: newLibraryId('policy', now),
    kind: 'policy',
    ...policyFields(input),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: viewer.username,
    updatedBy: viewer.username,
  };
  const saved = await deps.library.saveItem(record, 0);
  if (!saved.ok) throw new DomainError('ALREADY_EXISTS');
  deps.librarySearch.invalidate();
  return toAdminItemDto(record, namesFrom([], await deps.reference.listCategories()));
}

/** Admin: replace an item at the revision the admin edited (a newer one stored meanwhile → 409). Q&A texts are anonymised again. */
export async function adminUpdateItem(deps: LibraryAdminDeps, viewer: OfficialContext, id: string, input: LibraryItemUpdate): Promise<LibraryAdminItemDto> {
  admin(viewer);
  const current = LIBRARY_ID_PATTERN.test(id) ? await deps.library.getItem(id, { consistent: true }) : undefined;
  if (!current) throw libraryItemNotFound();
  if (input.kind !== current.kind) {
    throw new DomainError('VALIDATION_FAILED', { fields: { kind: current.kind === 'policy' ? '该条目是政策文件（policy）' : '该条目是咨询问答（qa）' } });
  }
  if (input.expectedRevision !== undefined && input.expectedRevision !== current.revision) throw changedMeanwhile();
  const at = deps.now().toISOString();
  const bookkeeping = { revision: current.revision + 1, createdAt: current.createdAt, createdBy: current.createdBy, updatedAt: at, updatedBy: viewer.username };
  let record: LibraryItemRecord;
  if (input.kind === 'policy') {
    await checkCategory(deps, input.categoryId);
    checkIssuedAt(deps, input.issuedAt);
    record = { id, kind: 'policy', ...policyFields(input), ...bookkeeping };
  } else {
    // Whatever the admin typed, the citizen's own details stay out.
    const source = current.sourceCaseNo ? await deps.cases.getCase(current.sourceCaseNo) : undefined;
    const details = source ? personalDetailsOf(source) : {};
    record = {
      ...current,
      title: anonymiseText(input.title.trim(), details, { source: 'citizen', guessNames: false }).text,
      question: anonymiseText(input.question.trim(), details, { source: 'citizen', guessNames: false }).text,
      body: anonymiseText(input.answer.trim(), details, { source: 'official', guessNames: false }).text,
      tags: cleanTags(input.tags ?? current.tags),
      ...bookkeeping,
    };
  }
  const saved = await deps.library.saveItem(record, current.revision);
  if (!saved.ok) throw changedMeanwhile();
  deps.librarySearch.invalidate();
  return toAdminItemDto(record, namesFrom([], await deps.reference.listCategories()));
}

/** Admin: take an item out of the library (a Q&A's consultation may then be published again). */
export async function adminDeleteItem(deps: LibraryAdminDeps, viewer: OfficialContext, id: string, expectedRevision?: number): Promise<{ id: string; deleted: true }> {
  admin(viewer);
  const current = LIBRARY_ID_PATTERN.test(id) ? await deps.library.getItem(id, { consistent: true }) : undefined;
  if (!current) throw libraryItemNotFound();
  // The admin decided on what they saw: an edit saved since then is not deleted unseen.
  if (expectedRevision !== undefined && current.revision !== expectedRevision) throw changedMeanwhile();
  const deleted = await deps.library.deleteItem(current, current.revision, deps.now().toISOString());
  if (!deleted.ok) throw changedMeanwhile();
  deps.librarySearch.invalidate();
  return { id, deleted: true };
}

export async function adminGetSynonyms(deps: LibraryAdminDeps, viewer: OfficialContext): Promise<SynonymsResponse> {
  admin(viewer);
  const stored = await deps.library.getSynonyms();
  return stored
    ? { groups: stored.groups, isDefault: false, revision: stored.revision, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy }
    : { groups: DEFAULT_SYNONYM_GROUPS, isDefault: true };
}

/** Admin: replace the synonym list. Every index rebuilds (synonyms are indexed), within seconds. */
export async function adminPutSynonyms(deps: LibraryAdminDeps, viewer: OfficialContext, input: SynonymsInput): Promise<SynonymsResponse> {
  admin(viewer);
  const groups = input.groups.map((g) => [...new Set(g.map((t) => t.trim()))]).filter((g) => g.length >= 2);
  const updatedAt = deps.now().toISOString();
  const current = await deps.library.getSynonyms();
  if (input.expectedRevision !== undefined && input.expectedRevision !== (current?.revision ?? null)) throw synonymsChangedMeanwhile();
  const revision = (current?.revision ?? 0) + 1;
  // Conditioned on what was just read: a save in between is caught by the write itself.
  const saved = await deps.library.putSynonyms({ groups, revision, updatedAt, updatedBy: viewer.username }, current?.revision ?? null);
  if (!saved.ok) throw synonymsChangedMeanwhile();
  deps.librarySearch.invalidate();
  return { groups, isDefault: false, revision, updatedAt, updatedBy: viewer.username };
}

const synonymsChangedMeanwhile = () => new DomainError('VERSION_CONFLICT', { message: '同义词已被其他管理员修改，请重新载入后再保存' });

/** Admin: drop the admins' list; the built-in list is in force again (indexes rebuild). */
export async function adminResetSynonyms(deps: LibraryAdminDeps, viewer: OfficialContext, expectedRevision?: number): Promise<SynonymsResponse> {
  admin(viewer);
  const current = await deps.library.getSynonyms();
  if (!current) return { groups: DEFAULT_SYNONYM_GROUPS, isDefault: true };
  if (expectedRevision !== undefined && expectedRevision !== current.revision) throw synonymsChangedMeanwhile();
  const done = await deps.library.deleteSynonyms(deps.now().toISOString(), current.revision);
  if (!done.ok) throw synonymsChangedMeanwhile();
  deps.librarySearch.invalidate();
  return { groups: DEFAULT_SYNONYM_GROUPS, isDefault: true };
}
