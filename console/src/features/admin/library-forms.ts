import type { LibraryAdminItemDto, LibraryItemUpdate, LibraryKind, PolicyInput } from '@minsheng/shared';

/**
 * The library editor's form values and the request bodies made from them (policy: create or
 * replace; Q&A: replace). Pure, so what is sent for what was typed is unit-tested.
 */
export interface LibraryFormValues {
  title?: string;
  issuer?: string;
  issuedAt?: string;
  docNo?: string;
  body?: string;
  sourceUrl?: string;
  tags?: string[];
  categoryId?: string;
  question?: string;
  answer?: string;
}

/** A half-typed edit kept in local storage, with the revision it was started from. */
export interface LibraryDraft extends LibraryFormValues {
  baseRevision?: number;
}

const t = (s: string | undefined) => (s ?? '').trim();
const tags = (list: string[] | undefined) => [...new Set((list ?? []).map((x) => x.trim()).filter(Boolean))];

/** The form as an item fills it when its editor opens. */
export function formValuesOf(item: LibraryAdminItemDto): LibraryFormValues {
  if (item.kind === 'qa') return { title: item.title, question: item.question ?? '', answer: item.answer ?? item.body, tags: item.tags };
  return {
    title: item.title,
    issuer: item.issuer ?? '',
    issuedAt: item.issuedAt,
    docNo: item.docNo ?? '',
    body: item.body,
    sourceUrl: item.sourceUrl ?? '',
    tags: item.tags,
    ...(item.categoryId ? { categoryId: item.categoryId } : {}),
  };
}

/** A policy's body: trimmed, optional fields left out when blank. */
export function policyInputOf(v: LibraryFormValues, expectedRevision?: number): PolicyInput {
  return {
    title: t(v.title),
    issuer: t(v.issuer),
    issuedAt: t(v.issuedAt),
    body: t(v.body),
    tags: tags(v.tags),
    ...(t(v.docNo) ? { docNo: t(v.docNo) } : {}),
    ...(t(v.sourceUrl) ? { sourceUrl: t(v.sourceUrl) } : {}),
    ...(v.categoryId ? { categoryId: v.categoryId } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

/** `POST /api/console/admin/policies/{id}`: the item's kind with its fields, at the revision edited. */
export function updateBodyOf(kind: LibraryKind, v: LibraryFormValues, expectedRevision: number): LibraryItemUpdate {
  if (kind === 'policy') return { kind, ...policyInputOf(v, expectedRevision) };
  return { kind, title: t(v.title), question: t(v.question), answer: t(v.answer), tags: tags(v.tags), expectedRevision };
}
