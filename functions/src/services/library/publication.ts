/**
 * Publishing an answered consultation into the library: only a consultation, only once answered
 * (replied or closed), only if the citizen agreed when filing; anonymised, shown to the official
 * as a preview they may edit, anonymised again as sent, and written with the case's audit event.
 */
import {
  DomainError,
  addRedactions,
  anonymiseText,
  emptyRedactions,
  toShanghaiDate,
  type CaseRecord,
  type PersonalDetails,
  type PublicationPreviewDto,
  type PublishRequest,
  type PublishResponse,
  type RedactionCounts,
} from '@minsheng/shared';
import type { LibraryItemRecord } from '../../ports/library-store';
import { requireRole, type OfficialContext } from '../auth/officials';
import { auditEvent } from '../cases/case-event';
import type { ClientInfo, Deps } from '../deps';
import { namesFrom } from '../reference/names';

/** Publishing reads the case and the reference data and writes the library (with the case's audit event). */
type PublicationDeps = Pick<Deps, 'cases' | 'reference' | 'library' | 'librarySearch' | 'now'>;
import { newLibraryId } from './ids';
import { toAdminItemDto } from './present';

/** The case's own details that must never be published: contact, place, and the case number (the citizen's login). */
export function personalDetailsOf(c: CaseRecord): PersonalDetails {
  return { names: [c.contact?.name], phones: [c.contact?.phone], addresses: [c.location?.text], others: [c.caseNo] };
}

/** Why this case cannot go into the library, in words an official understands; undefined when it can. */
export function publicationBlocker(c: CaseRecord): string | undefined {
  if (c.type !== 'consultation') return '只有政策咨询的答复可以发布到问答库，投诉、举报和建议不能发布';
  if (!c.publishConsent) return '市民提交时未同意公开，该咨询不能发布到问答库';
  if (!(c.status === 'replied' || c.status === 'closed') || !c.answer) return '该咨询尚未答复，答复后才能发布到问答库';
  return undefined;
}

async function publishableCase(deps: PublicationDeps, viewer: OfficialContext, caseNo: string): Promise<CaseRecord> {
  requireRole(viewer, ['intake', 'supervisor']);
  const c = await deps.cases.getCase(caseNo);
  if (!c) throw new DomainError('CASE_NOT_FOUND');
  const blocker = publicationBlocker(c);
  if (blocker) throw new DomainError('INVALID_TRANSITION', { message: blocker });
  return c;
}

interface Anonymised {
  title: string;
  question: string;
  answer: string;
  redactions: RedactionCounts;
}

/** Names the citizen's own texts give away from context (我女儿王丽丽): to be removed from every text of the case. */
function namesGuessedIn(c: CaseRecord, details: PersonalDetails): string[] {
  return [c.title, c.content].flatMap((t) => anonymiseText(t, details, { source: 'citizen', guessNames: true }).names);
}

function anonymise(details: PersonalDetails, texts: { title: string; question: string; answer: string }, guessNames: boolean): Anonymised {
  const title = anonymiseText(texts.title, details, { source: 'citizen', guessNames });
  const question = anonymiseText(texts.question, details, { source: 'citizen', guessNames });
  // A name found in the question (我女儿王丽丽) is taken out of the answer too (您女儿王丽丽).
  const withGuessed = { ...details, names: [...(details.names ?? []), ...title.names, ...question.names] };
  const answer = anonymiseText(texts.answer, withGuessed, { source: 'official', guessNames });
  return {
    title: title.text.trim(),
    question: question.text.trim(),
    answer: answer.text.trim(),
    redactions: [title, question, answer].reduce((sum, r) => addRedactions(sum, r.redactions), emptyRedactions()),
  };
}

/** Exactly what publishing would store if the official sends it back unchanged. */
export async function publicationPreview(deps: PublicationDeps, viewer: OfficialContext, caseNo: string): Promise<PublicationPreviewDto> {
  const c = await publishableCase(deps, viewer, caseNo);
  const [departments, categories, publishedId] = await Promise.all([deps.reference.listDepartments(), deps.reference.listCategories(), deps.library.getPublishedItemId(caseNo)]);
  const names = namesFrom(departments, categories);
  const published = publishedId ? await deps.library.getItem(publishedId, { consistent: true }) : undefined;
  const texts = anonymise(personalDetailsOf(c), { title: c.title, question: c.content, answer: c.answer!.text }, true);
  const categoryName = names.category(c.categoryId);
  const issuer = names.department(c.answer!.departmentId);
  return {
    caseNo,
    title: texts.title,
    question: texts.question,
    answer: texts.answer,
    tags: published?.tags ?? (categoryName ? [categoryName] : []),
    categoryId: c.categoryId,
    ...(categoryName ? { categoryName } : {}),
    ...(issuer ? { issuer } : {}),
    redactions: texts.redactions,
    ...(published ? { published: { id: published.id, updatedAt: published.updatedAt, updatedBy: published.updatedBy } } : {}),
  };
}

/**
 * Publish (or publish again, replacing the earlier item) the official's edited preview. The
 * citizen's own details and anything that looks like a phone, ID number, e-mail or address are
 * taken out again, whatever was sent.
 */
export async function publishAnswer(deps: PublicationDeps, viewer: OfficialContext, caseNo: string, input: PublishRequest, client: ClientInfo): Promise<{ created: boolean; response: PublishResponse }> {
  const c = await publishableCase(deps, viewer, caseNo);
  const own = personalDetailsOf(c);
  // The names the preview guessed from the case are removed from what is sent back too.
  const details = { ...own, names: [...(own.names ?? []), ...namesGuessedIn(c, own)] };
  const texts = anonymise(details, { title: input.title ?? c.title, question: input.question, answer: input.answer }, false);
  if (!texts.title || !texts.question || !texts.answer) throw new DomainError('VALIDATION_FAILED', { message: '标题、问题和答复不能为空' });
  // The title nobody edited is the citizen's: guess names in it as the preview did.
  if (input.title === undefined) texts.title = anonymiseText(texts.title, details, { source: 'citizen', guessNames: true }).text.trim();
  const [departments, categories] = await Promise.all([deps.reference.listDepartments(), deps.reference.listCategories()]);
  const names = namesFrom(departments, categories);
  const categoryName = names.category(c.categoryId);
  const issuer = names.department(c.answer!.departmentId);

  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.now();
    const at = now.toISOString();
    const existingId = await deps.library.getPublishedItemId(caseNo);
    const existing = existingId ? await deps.library.getItem(existingId, { consistent: true }) : undefined;
    const record: LibraryItemRecord = {
      id: existing?.id ?? newLibraryId('qa', now),
      kind: 'qa',
      title: texts.title,
      question: texts.question,
      body: texts.answer,
      ...(issuer ? { issuer } : {}),
      issuedAt: existing?.issuedAt ?? toShanghaiDate(now),
      tags: [...new Set((input.tags ?? existing?.tags ?? (categoryName ? [categoryName] : [])).map((t) => t.trim()).filter(Boolean))],
      categoryId: c.categoryId,
      sourceCaseNo: caseNo,
      revision: (existing?.revision ?? 0) + 1,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      createdBy: existing?.createdBy ?? viewer.username,
      updatedBy: viewer.username,
    };
    const event = auditEvent(c, 'published_to_library', { role: viewer.role, id: viewer.username }, now, { itemId: record.id, replaced: Boolean(existing) }, client);
    const saved = await deps.library.saveItem(record, existing?.revision ?? 0, { caseNo, event });
    if (saved.ok) {
      deps.librarySearch.invalidate();
      return { created: !existing, response: { item: toAdminItemDto(record, names), redactions: texts.redactions, replaced: Boolean(existing) } };
    }
    // Someone published or changed it at the same moment: read again and replace theirs.
  }
  throw new DomainError('VERSION_CONFLICT', { message: '该问答正被他人同时修改，请刷新后重试' });
}
