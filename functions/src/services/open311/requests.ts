import {
  CASE_NO_PATTERN,
  CASE_STATUS_LABELS,
  CASE_TYPE_LABELS,
  LIMITS,
  OPEN311_LIMITS,
  PHONE_PATTERN,
  formatShanghaiIso,
  publicCaseSummary,
  textProblem,
  type CaseRecord,
  type CaseStatus,
  type CaseType,
  type FileCaseRequest,
  type Unit,
} from '@minsheng/shared';
import type { Category, Department } from '../../ports/reference-data';
import type { PublicCaseSummary } from '../../ports/open311';
import type { ClientInfo, Deps } from '../deps';
import { fileCase, type FilingDeps } from '../cases/filing';
import { Open311Error, type Open311Row } from '../../lib/open311-format';
import { partnerOfApiKey } from './partners';

type ReadDeps = Pick<Deps, 'reference' | 'cases' | 'publicCases' | 'now'>;

/**
 * The case type an Open311 filing takes in a category: a complaint where the category has them, else a
 * suggestion, else a consultation. 举报 (report) is never filed or shown through Open311: a report may be
 * anonymous, its reporter is protected, and the department named may be the one reported — a partner
 * system is no place for it (citizens report through Minsheng's own channels).
 */
export function open311TypeOf(category: Pick<Category, 'types'>): CaseType | undefined {
  return (['complaint', 'suggestion', 'consultation'] as const).find((t) => category.types.includes(t));
}

/** Open: it has been reported and is being worked; closed: answered or finished (status_notes tells which). */
const OPEN_STATUSES = new Set<string>(['submitted', 'in_progress', 'awaiting_citizen']);
const openOrClosed = (status: string): 'open' | 'closed' => (OPEN_STATUSES.has(status) ? 'open' : 'closed');

/** GET services: the active categories an Open311 filing can take, as services. */
export async function listServices(deps: Pick<Deps, 'reference'>): Promise<Open311Row[]> {
  const categories = await deps.reference.listCategories();
  return categories
    .filter((c) => c.active && open311TypeOf(c))
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((c) => ({
      service_code: c.id,
      service_name: c.name,
      description: c.description ?? c.name,
      metadata: false,
      type: 'realtime',
      keywords: (c.description ?? '').split(/[、，,]/).map((k) => k.trim()).filter(Boolean).join(', '),
      group: CASE_TYPE_LABELS[open311TypeOf(c)!],
    }));
}

interface Names {
  categories: Map<string, Category>;
  departments: Map<string, Department>;
  units: Map<string, Unit>;
}

async function names(deps: Pick<Deps, 'reference'>): Promise<Names> {
  const [categories, departments, units] = await Promise.all([deps.reference.listCategories(), deps.reference.listDepartments(), deps.reference.listUnits()]);
  return { categories: new Map(categories.map((c) => [c.id, c])), departments: new Map(departments.map((d) => [d.id, d])), units: new Map(units.map((u) => [u.id, u])) };
}

/** The place as the public sees it: the 街道/乡镇 and 区/县 of the case's place, never the address typed. */
function placeOf(n: Names, unitId: string | undefined): { address: string | null; addressId: string | null; township?: string } {
  const unit = unitId ? n.units.get(unitId) : undefined;
  if (!unit) return { address: null, addressId: null };
  const chain = unit.path.split('/').map((id) => n.units.get(id)).filter((u): u is Unit => u !== undefined);
  const township = chain.find((u) => u.level === 3);
  const county = chain.find((u) => u.level === 2);
  const parts = [township, county].filter((u): u is Unit => u !== undefined);
  return { address: parts.length ? parts.map((u) => u.name).join('，') : null, addressId: (township ?? county)?.id ?? null, ...(township ? { township: township.name } : {}) };
}

const iso = (at: string | undefined) => (at ? formatShanghaiIso(new Date(at)) : null);

/**
 * A case as a public GeoReport request. Privacy (DESIGN.md): no name, phone, e-mail, no text the citizen
 * typed (title, content, address) — the description is the type, the category and the 街道/乡镇; no
 * coordinates (lat/long null); no photos (media_url null).
 */
export function toPublicRequest(s: PublicCaseSummary, n: Names): Open311Row {
  const category = n.categories.get(s.categoryId);
  const place = placeOf(n, s.placeUnitId);
  const department = s.departmentId ? n.departments.get(s.departmentId) : undefined;
  const type = category ? open311TypeOf(category) : undefined;
  const categoryName = category?.name ?? s.categoryId;
  return {
    service_request_id: s.caseNo,
    status: openOrClosed(s.status),
    status_notes: CASE_STATUS_LABELS[s.status as CaseStatus] ?? null,
    service_name: categoryName,
    service_code: s.categoryId,
    description: `${type ? `${CASE_TYPE_LABELS[type]}：` : ''}${categoryName}${place.township ? `（${place.township}）` : ''}`,
    agency_responsible: department?.name ?? null,
    service_notice: null,
    requested_datetime: iso(s.createdAt),
    updated_datetime: iso(openOrClosed(s.status) === 'closed' ? (s.closedAt ?? s.updatedAt) : s.updatedAt),
    expected_datetime: iso(s.dueAt),
    address: place.address,
    address_id: place.addressId,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}


const NOT_FOUND = () => new Open311Error(404, '诉求不存在 (service_request_id not found)');

/** GET requests/{id}: one case; a report, an unknown or malformed id are all 404. */
export async function getRequest(deps: ReadDeps, id: string): Promise<Open311Row[]> {
  if (!CASE_NO_PATTERN.test(id)) throw NOT_FOUND();
  const c = await deps.cases.getCase(id);
  if (!c || c.type === 'report') throw NOT_FOUND();
  return [toPublicRequest(publicCaseSummary(c), await names(deps))];
}

/** A W3C datetime with its time zone (the spec's format); anything else is a 400 naming the parameter. */
function parseDate(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw);
  const date = ok ? new Date(raw) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 4) !== raw.slice(0, 4)) {
    throw new Open311Error(400, `${name} 格式不正确，应为带时区的 W3C 日期时间，例如 2030-04-01T00:00:00+08:00 (invalid ${name})`);
  }
  return date;
}

const DAY = 86_400_000;
const commaList = (raw: string | undefined) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * GET requests with the spec's filters: service_request_id (comma list, at most 50; overrides the rest),
 * service_code and status (comma lists), start_date/end_date (at most 90 days apart; default the most
 * recent 90 days). At most 1,000 requests, newest first, from the public index (never reports).
 */
export async function listRequests(deps: ReadDeps, query: Record<string, string | undefined>): Promise<Open311Row[]> {
  const ids = commaList(query.service_request_id);
  if (ids.length) {
    if (ids.length > OPEN311_LIMITS.maxIds) throw new Open311Error(400, `service_request_id 一次最多 ${OPEN311_LIMITS.maxIds} 个 (too many ids)`);
    const bad = ids.find((id) => !CASE_NO_PATTERN.test(id));
    if (bad !== undefined) throw new Open311Error(400, `service_request_id 格式不正确：${bad.slice(0, 40)} (malformed id)`);
    const [found, n] = await Promise.all([Promise.all([...new Set(ids)].map((id) => deps.cases.getCase(id))), names(deps)]);
    return found.filter((c): c is CaseRecord => c !== undefined && c.type !== 'report').map((c) => toPublicRequest(publicCaseSummary(c), n));
  }

  const n = await names(deps);
  const codes = commaList(query.service_code);
  const unknown = codes.find((code) => !n.categories.has(code));
  if (unknown !== undefined) throw new Open311Error(404, `service_code 不存在：${unknown.slice(0, 64)} (service_code not found)`);
  const statuses = commaList(query.status);
  const badStatus = statuses.find((s) => s !== 'open' && s !== 'closed');
  if (badStatus !== undefined) throw new Open311Error(400, 'status 只能是 open 或 closed (invalid status)');

  const start = parseDate('start_date', query.start_date);
  const end = parseDate('end_date', query.end_date);
  const now = deps.now();
  const span = OPEN311_LIMITS.windowDays * DAY;
  const to = end ?? (start ? new Date(Math.min(start.getTime() + span, now.getTime())) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (from > to) throw new Open311Error(400, 'start_date 不能晚于 end_date (start_date after end_date)');
  if (to.getTime() - from.getTime() > span) throw new Open311Error(400, `start_date 与 end_date 相隔不能超过 ${OPEN311_LIMITS.windowDays} 天 (window over ${OPEN311_LIMITS.windowDays} days)`);

  const codeSet = new Set(codes);
  const statusSet = new Set(statuses);
  const keep = (s: PublicCaseSummary) => (!codeSet.size || codeSet.has(s.categoryId)) && (!statusSet.size || statusSet.has(openOrClosed(s.status)));
  const summaries = await deps.publicCases.listFiled({ from: from.toISOString(), to: to.toISOString() }, keep, { limit: OPEN311_LIMITS.maxResults, maxRead: OPEN311_LIMITS.maxRead });
  return summaries.map((s) => toPublicRequest(s, n));
}

export type PostDeps = FilingDeps & Pick<Deps, 'open311Partners' | 'open311Key'>;

const bad = (description: string) => new Open311Error(400, description);

function coordinate(name: 'lat' | 'long', raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value)) throw bad(`${name} 必须是数字 (${name} is not a number)`);
  if (value < min || value > max) throw bad(`${name} 应在 ${min} 到 ${max} 之间 (${name} out of range)`);
  return value;
}

function optionalText(name: string, label: string, raw: string | undefined, max: number, multiline = false): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const problem = textProblem(raw, { label, max, multiline, optional: true });
  if (problem) throw bad(`${problem} (${name})`);
  if ([...raw].length > max) throw bad(`${label}不能超过 ${max} 个字 (${name} too long)`);
  return raw.trim() || undefined;
}

/**
 * POST requests: a partner files for a citizen through the same filing service citizens use (category,
 * placement, SLA clock, credentials, filing SMS), channel `open311`, the partner's id on the case.
 * Everything is checked before anything is written: a refused request stores nothing.
 */
export async function postRequest(deps: PostDeps, form: Record<string, string>, client: ClientInfo, idempotencyKey: string | undefined): Promise<Open311Row[]> {
  const partner = await partnerOfApiKey(deps, form.api_key);

  const code = form.service_code;
  if (!code) throw bad('缺少 service_code (service_code missing)');
  const category = code.length <= 64 ? await deps.reference.getCategory(code) : undefined;
  const type = category?.active ? open311TypeOf(category) : undefined;
  if (!category || !type) throw new Open311Error(404, `service_code 不存在：${code.slice(0, 64)} (service_code not found)`);

  const lat = coordinate('lat', form.lat, -90, 90);
  const lng = coordinate('long', form.long, -180, 180);
  if ((lat === undefined) !== (lng === undefined)) throw bad('lat 与 long 须同时提供 (lat and long go together)');
  const addressString = optionalText('address_string', '地址', form.address_string, OPEN311_LIMITS.addressMax);
  const addressId = form.address_id || undefined;
  if (addressId !== undefined && !/^[a-z0-9][a-z0-9-]{1,31}$/.test(addressId)) throw bad('address_id 不是本平台的辖区编号 (unknown address_id)');
  if (lat === undefined && !addressString && !addressId) throw bad('须提供位置：lat 与 long，或 address_string，或 address_id (location missing)');

  const description = optionalText('description', '诉求内容', form.description, OPEN311_LIMITS.descriptionMax, true);
  if (!description) throw bad('缺少 description：请说明诉求内容 (description missing)');
  const firstName = optionalText('first_name', '名', form.first_name, 25);
  const lastName = optionalText('last_name', '姓', form.last_name, 25);
  const phone = form.phone ? form.phone.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '') : undefined;
  if (phone !== undefined && !PHONE_PATTERN.test(phone)) throw bad('phone 不是有效的手机号或座机号 (invalid phone)');
  if (form.email !== undefined && form.email !== '' && (form.email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email))) throw bad('email 格式不正确 (invalid email)');
  const mediaUrl = form.media_url || undefined;
  if (mediaUrl !== undefined && (mediaUrl.length > OPEN311_LIMITS.mediaUrlMax || !/^https?:\/\/[^\s<>"]+$/.test(mediaUrl))) throw bad('media_url 须是 http(s) 链接 (invalid media_url)');

  // The name in Chinese order; the e-mail is checked but not kept (Minsheng reaches citizens by SMS or WeChat).
  const name = [lastName, firstName].filter(Boolean).join('').slice(0, LIMITS.nameMax) || undefined;
  const content = `${description}${mediaUrl ? `\n（合作方提供的图片链接：${mediaUrl}）` : ''}`.slice(0, LIMITS.contentMax);
  const titleText = description.replace(/\s+/g, ' ').trim();
  const request: FileCaseRequest = {
    type,
    categoryId: category.id,
    title: [...`${category.name}：${titleText}`].slice(0, Math.min(40, LIMITS.titleMax)).join(''),
    content,
    ...(name || phone ? { contact: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
    ...(lat !== undefined || addressString || addressId
      ? { location: { ...(addressString ? { text: addressString } : {}), ...(addressId ? { unitId: addressId } : {}), ...(lat !== undefined ? { lat, lng: lng! } : {}) } }
      : {}),
    ...(phone ? { smsOptIn: true } : {}),
  };
  const { response } = await fileCase(deps, request, idempotencyKey, client, { channel: 'open311', partnerId: partner.id });
  return [
    {
      service_request_id: response.caseNo,
      service_notice: `已受理登记，案件编号 ${response.caseNo}，应于 ${response.dueAt.slice(0, 10)} 前答复。${phone ? '案件编号已短信发送至所留手机；凭该手机可找回查询密码。' : '未留手机号：群众可凭案件编号在本平台查询办理进度。'}`,
      account_id: null,
    },
  ];
}
