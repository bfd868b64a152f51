import {
  CASE_NO_PATTERN,
  canonicalJson,
  DomainError,
  formatCaseNo,
  formatShanghaiIso,
  startClock,
  statsDeltas,
  withSlaSchedule,
  toShanghaiDate,
  CHANNEL_LABELS,
  type Actor,
  type CaseChannel,
  type CaseRecord,
  type FileCaseRequest,
  type FileCaseResponse,
} from '@minsheng/shared';
import { hashPassword, passwordForIdempotencyKey, randomCaseDigits, randomPassword, sha256 } from '../../lib/secrets';
import type { IdempotencyRecord } from '../../ports/cases';
import { slaSettings, type SlaSettingsDeps } from '../sla/settings';
import type { ClientInfo, Deps } from '../deps';
import { identityOf } from '../citizen/identity';
import { statusKeyOf } from '../citizen/status-key';
import { caseEvent, citizenOf, outboxFor } from './case-event';
import { checkAttachments, claimAttachments } from '../evidence/uploads';
import { filingUnitId, placeCase } from './placement';

export type FilingDeps = Pick<Deps, 'cases' | 'credentials' | 'reference' | 'now' | 'passwordKey' | 'identityKey' | 'statusKeyKey' | 'uploads' | 'storage'> & SlaSettingsDeps;

/** Printable ASCII without spaces, up to 128 characters: UUIDs, ULIDs and the like. */
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{8,128}$/;

export interface FiledCase {
  response: FileCaseResponse;
  /** True when this answered a retry with the case an earlier request created. */
  replayed: boolean;
}


function responseFor(deps: Pick<Deps, 'statusKeyKey'>, record: CaseRecord, password: string, passwordHash: string): FileCaseResponse {
  return {
    caseNo: record.caseNo,
    password,
    type: record.type,
    status: record.status,
    dueAt: formatShanghaiIso(new Date(record.schedule!.dueAt)),
    statusKey: statusKeyOf(deps.statusKeyKey, record.caseNo, passwordHash),
  };
}

async function replay(deps: FilingDeps, existing: IdempotencyRecord, bodyHash: string, idempotencyKey: string): Promise<FiledCase> {
  if (existing.bodyHash !== bodyHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  const [record, passwordHash] = await Promise.all([deps.cases.getCase(existing.caseNo), deps.credentials.getPasswordHash(existing.caseNo)]);
  if (!record || !passwordHash) throw new Error(`idempotency record points at missing case ${existing.caseNo}`);
  return { response: responseFor(deps, record, passwordForIdempotencyKey(deps.passwordKey, idempotencyKey), passwordHash), replayed: true };
}

/** 受理员代为登记: who files on behalf of a caller, through which desk channel. */
export interface FiledOnBehalf {
  channel: CaseChannel;
  official: Actor;
}

/** Filed through Open311 by a partner system, for a citizen (the event's actor stays the citizen). */
export interface FiledByPartner {
  channel: 'open311';
  partnerId: string;
}

/**
 * File a case: check its category, issue a case number and password, and store the case, the
 * password's hash, the first timeline event, the idempotency record and (when a phone is given)
 * the phone's link to the case in one transaction — so a retried filing finds all of it or none.
 */
export async function fileCase(deps: FilingDeps, body: FileCaseRequest, idempotencyKey: string | undefined, client: ClientInfo, via?: FiledOnBehalf | FiledByPartner): Promise<FiledCase> {
  const onBehalf = via && 'official' in via ? via : undefined;
  const partnerId = via && 'partnerId' in via ? via.partnerId : undefined;
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) throw new DomainError('IDEMPOTENCY_KEY_INVALID');
  const keyHash = idempotencyKey ? sha256(idempotencyKey) : undefined;
  // On behalf of a caller, the official and the channel are part of what the key stands for: another
  // official (or a citizen) re-using the key with the same text is a different filing (409).
  const bodyHash = sha256(canonicalJson(onBehalf ? { body, channel: onBehalf.channel, filedBy: onBehalf.official.id } : partnerId ? { body, channel: 'open311', partnerId } : body));
  const channel: CaseChannel = via?.channel ?? body.channel ?? 'miniprogram';

  if (keyHash && idempotencyKey) {
    const existing = await deps.credentials.getIdempotency(keyHash);
    if (existing) return replay(deps, existing, bodyHash, idempotencyKey);
  }

  const [category, settings, units, departments] = await Promise.all([
    deps.reference.getCategory(body.categoryId),
    slaSettings(deps),
    deps.reference.listUnits(),
    deps.reference.listDepartments(),
  ]);
  if (!category || !category.active || !category.types.includes(body.type)) {
    throw new DomainError('UNKNOWN_CATEGORY', { fields: { categoryId: '所选的问题类别不存在或不适用于该诉求类型' } });
  }

  // The intake desk the case goes to: the place's unit, or its 街道/乡镇 (an unknown unit is a 400).
  const unitId = filingUnitId(body.location?.unitId, units);

  // The photos named are checked before anything is written: a wrong one is a 400 and no case.
  const checked = await checkAttachments(deps, body.attachments, undefined, 'filing');

  const password = idempotencyKey ? passwordForIdempotencyKey(deps.passwordKey, idempotencyKey) : randomPassword();
  const passwordHash = await hashPassword(password);

  for (let attempt = 0; attempt < 8; attempt++) {
    const now = deps.now();
    const at = now.toISOString();
    const caseNo = formatCaseNo(toShanghaiDate(now), randomCaseDigits());
    if (!CASE_NO_PATTERN.test(caseNo)) throw new Error(`malformed case number ${caseNo}`);
    const record: CaseRecord = placeCase(withSlaSchedule({
      caseNo,
      type: body.type,
      categoryId: body.categoryId,
      title: body.title,
      content: body.content,
      status: 'submitted',
      version: 1,
      createdAt: at,
      updatedAt: at,
      anonymous: body.anonymous ?? false,
      channel,
      ...(onBehalf ? { filedBy: onBehalf.official.id } : {}),
      ...(partnerId ? { partnerId } : {}),
      ...(body.contact && (body.contact.name || body.contact.phone) ? { contact: body.contact } : {}),
      ...(body.contact?.phone ? { sms: { optIn: body.smsOptIn ?? true } } : {}),
      ...(body.location ? { location: body.location } : {}),
      publishConsent: body.type === 'consultation' ? (body.publishConsent ?? false) : false,
      clock: startClock(settings.policies[body.type], now),
      slaReached: 'normal',
      supplements: [],
      round: 1,
      ratings: [],
      progressAt: at,
      ...(unitId ? { unitId } : {}),
    }, now, settings.calendar), units, departments);
    const claimed = await claimAttachments(deps, checked, caseNo, now, { from: 'citizen' }, 'filing');
    if (claimed.records.length) record.attachments = claimed.records;
    const phone = body.contact?.phone;
    const event = caseEvent({
      caseNo,
      kind: 'submitted',
      actor: onBehalf?.official ?? citizenOf(caseNo),
      at: now,
      toStatus: 'submitted',
      data: { type: body.type, categoryId: body.categoryId, channel, channelLabel: CHANNEL_LABELS[channel], ...(onBehalf ? { filedBy: onBehalf.official.id } : {}), ...(partnerId ? { partnerId } : {}) },
      client,
    });
    const result = await deps.cases.createCase({
      record,
      passwordHash,
      event,
      // The filed SMS (case number only) when a phone was given; the notifier sends it.
      outbox: outboxFor(event, record),
      ...(keyHash ? { idempotency: { keyHash, bodyHash, caseNo, createdAt: at } } : {}),
      counters: statsDeltas(undefined, record, 'submitted'),
      ...(phone ? { links: [{ identity: identityOf(deps.identityKey, 'phone', phone), caseNo, via: 'phone' as const, linkedAt: at }] } : {}),
    });
    if (result.ok) {
      await claimed.done();
      return { response: responseFor(deps, record, password, passwordHash), replayed: false };
    }
    await claimed.undo();
    if (result.reason === 'idempotency_key_taken' && keyHash && idempotencyKey) {
      // A concurrent retry with the same key won the race: answer with its case.
      const existing = await deps.credentials.getIdempotency(keyHash);
      if (existing) return replay(deps, existing, bodyHash, idempotencyKey);
    }
    // Otherwise the random case number was taken: draw another.
  }
  throw new Error('could not allocate a case number');
}
