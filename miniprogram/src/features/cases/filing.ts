import { fileCaseRequestSchema, issuesToFields, type CaseType, type FieldErrors, type FileCaseRequest } from '@minsheng/shared';
import { attachmentRefs } from './uploads';
import { EMPTY_DRAFT, type Draft } from './device';

/** The request body a draft stands for: trimmed, empty optional parts left out. */
export function draftToRequest(draft: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: draft.type,
    categoryId: draft.categoryId ?? '',
    title: draft.title.trim(),
    content: draft.content.trim(),
  };
  if (draft.type === 'report' && draft.anonymous) {
    body.anonymous = true;
  } else {
    const contact: Record<string, string> = {};
    if (draft.name.trim()) contact.name = draft.name.trim();
    if (draft.phone.trim()) contact.phone = draft.phone.replace(/[\s]/g, '');
    if (Object.keys(contact).length) body.contact = contact;
    // SMS reaches mobiles only: a landline never gets it, whatever the switch said.
    if (contact.phone) body.smsOptIn = isMobile(contact.phone) && draft.smsOptIn !== false;
  }
  const place: Record<string, unknown> = {};
  if (draft.place.trim()) place.text = draft.place.trim();
  if (draft.lat !== undefined && draft.lng !== undefined) {
    place.lat = draft.lat;
    place.lng = draft.lng;
  }
  if (draft.unitId) place.unitId = draft.unitId;
  if (Object.keys(place).length) body.location = place;
  // Publishing an answer is for consultations only; the other types never carry the flag.
  if (draft.type === 'consultation') body.publishConsent = draft.publishConsent === true;
  // The completed photos, each with the secret it was issued with.
  if (draft.uploads?.length) body.attachments = attachmentRefs(draft.uploads, true);
  return body;
}

/**
 * The draft to open the form with, given its URL (`?type=…&link=…`). A link tapped on the home
 * page or in the library chooses the type once; the same link seen again (the page rebuilt after
 * a reload, or on the way back from another page) leaves the citizen's own choice alone. A URL
 * without `link` chooses the type every time.
 */
export function draftForLink(saved: Draft, params: { type?: string; link?: string }): Draft {
  const { type, link } = params;
  if (!isCaseType(type) || (link && link === saved.link)) return saved;
  const seen = link ? { ...saved, link } : saved;
  return type === saved.type ? seen : { ...seen, type, categoryId: undefined, anonymous: false, publishConsent: false };
}

/** Check a draft with the very schema the API uses; field messages keyed like the API's (`contact.phone`). */
export function validateDraft(draft: Draft): { ok: true; body: FileCaseRequest } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  if (!draft.type) fields.type = '请选择诉求类型：咨询、投诉、举报或建议';
  if (!draft.categoryId) fields.categoryId = '请选择问题类别';
  const body = draftToRequest(draft);
  const parsed = fileCaseRequestSchema.safeParse(body);
  if (!parsed.success) {
    for (const [key, message] of Object.entries(issuesToFields(parsed.error.issues, body))) fields[key] ??= message;
  }
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, body: parsed.data };
}

export function isCaseType(value: unknown): value is CaseType {
  return value === 'consultation' || value === 'complaint' || value === 'report' || value === 'suggestion';
}

/** A mainland mobile number (the only kind an SMS reaches); spaces allowed as typed. */
export function isMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone.replace(/\s/g, ''));
}

/** Whether a draft holds anything the citizen wrote or added (a chosen type or category alone is not). */
export function draftHasContent(draft: Draft): boolean {
  return [draft.title, draft.content, draft.name, draft.phone, draft.place].some((v) => typeof v === 'string' && v.trim() !== '') || (draft.uploads?.length ?? 0) > 0;
}

export type DraftOpening =
  /** Nothing saved worth mentioning: the form as the link asks. */
  | { kind: 'fresh'; draft: Draft }
  /** A saved draft is shown again: say so (type and time), with 清空重填. */
  | { kind: 'restored'; draft: Draft; savedType?: CaseType; savedAt?: string }
  /**
   * A saved draft of another type than the one just tapped: ask first. Its content is not shown
   * until the citizen chooses to continue it (on a shared phone it may be someone else's report).
   */
  | { kind: 'conflict'; saved: Draft; wanted: CaseType };

/**
 * How the form opens, given what this device saved and the URL (`?type=…&link=…`). A new tap on a
 * type that differs from an unfinished draft never turns that draft into the new form silently.
 */
export function openDraft(saved: Draft, params: { type?: string; link?: string }): DraftOpening {
  const hasContent = draftHasContent(saved);
  const { type, link } = params;
  const newTap = isCaseType(type) && !(link && link === saved.link);
  if (hasContent && newTap && saved.type && type !== saved.type) return { kind: 'conflict', saved, wanted: type };
  const draft = draftForLink(saved, params);
  if (!hasContent) return { kind: 'fresh', draft };
  return { kind: 'restored', draft, ...(saved.type ? { savedType: saved.type } : {}), ...(saved.savedAt ? { savedAt: saved.savedAt } : {}) };
}

/** An empty form (清空重填, or 新写一份): nothing of the old draft, not even its uploads; the type kept when asked. */
export function emptyDraft(keep: { type?: CaseType; link?: string }): Draft {
  return { ...EMPTY_DRAFT, ...(keep.type ? { type: keep.type } : {}), ...(keep.link ? { link: keep.link } : {}) };
}

/**
 * The form's fields in the order they appear, as the errors name them: the first one with an
 * error is where the page scrolls after a refused submit.
 */
export const FIELD_ORDER = ['type', 'categoryId', 'title', 'content', 'location.text', 'location', 'attachments', 'anonymous', 'contact.name', 'contact.phone', 'contact', 'publishConsent'] as const;

/** The first field (in page order) that has an error; unknown keys come after the known ones. */
export function firstInvalidField(fields: FieldErrors): string | undefined {
  const keys = Object.keys(fields);
  if (!keys.length) return undefined;
  const rank = (k: string) => {
    const i = (FIELD_ORDER as readonly string[]).indexOf(k);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b))[0];
}
