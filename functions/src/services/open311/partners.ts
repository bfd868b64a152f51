import { createHmac, randomBytes } from 'node:crypto';
import { DomainError, type Open311PartnerDto, type Open311PartnerInput, type Open311PartnerIssued } from '@minsheng/shared';
import type { Open311Partner } from '../../ports/open311';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';
import { Open311Error } from '../../lib/open311-format';

type PartnerDeps = Pick<Deps, 'open311Partners' | 'open311Key' | 'now'>;

/** The keyed hash (HMAC-SHA256 with the Open311 sub-key, base64url) an api_key is stored under. */
export function apiKeyHash(open311Key: Buffer, apiKey: string): string {
  return createHmac('sha256', open311Key).update(apiKey).digest('base64url');
}

const toDto = (p: Open311Partner): Open311PartnerDto => ({
  id: p.id,
  name: p.name,
  enabled: p.enabled,
  createdAt: p.createdAt,
  createdBy: p.createdBy,
  ...(p.disabledAt ? { disabledAt: p.disabledAt } : {}),
});

/** An admin issues a partner its api_key: 32 random bytes, returned this once; only its keyed hash is stored. */
export async function issuePartner(deps: PartnerDeps, viewer: OfficialContext, input: Open311PartnerInput): Promise<Open311PartnerIssued> {
  requireRole(viewer, ['admin']);
  for (let attempt = 0; attempt < 4; attempt++) {
    const partner: Open311Partner = { id: `p-${randomBytes(8).toString('hex')}`, name: input.name, enabled: true, createdAt: deps.now().toISOString(), createdBy: viewer.username };
    const apiKey = `o311_${randomBytes(32).toString('base64url')}`;
    if (await deps.open311Partners.createPartner(partner, apiKeyHash(deps.open311Key, apiKey))) return { partner: toDto(partner), apiKey };
  }
  throw new Error('could not allocate an Open311 partner id');
}

export async function listPartners(deps: PartnerDeps, viewer: OfficialContext): Promise<Open311PartnerDto[]> {
  requireRole(viewer, ['admin']);
  return (await deps.open311Partners.listPartners()).map(toDto);
}

/** Disabling is for good (a new key is a new partner): the partner's cases keep its id. */
export async function disablePartner(deps: PartnerDeps, viewer: OfficialContext, id: string): Promise<Open311PartnerDto> {
  requireRole(viewer, ['admin']);
  const partner = await deps.open311Partners.disablePartner(id, deps.now().toISOString());
  if (!partner) throw new DomainError('NOT_FOUND', { message: '合作方不存在' });
  return toDto(partner);
}

/** The enabled partner an api_key belongs to; a missing, unknown or disabled partner's key is the spec's 403. */
export async function partnerOfApiKey(deps: PartnerDeps, apiKey: string | undefined): Promise<Open311Partner> {
  if (!apiKey) throw new Open311Error(403, '缺少 api_key：提交诉求需要管理员发放给合作方的 api_key (api_key missing)');
  if (apiKey.length > 200) throw new Open311Error(403, 'api_key 无效 (invalid api_key)');
  const partner = await deps.open311Partners.partnerOfKey(apiKeyHash(deps.open311Key, apiKey));
  if (!partner) throw new Open311Error(403, 'api_key 无效 (invalid api_key)');
  if (!partner.enabled) throw new Open311Error(403, '该合作方已被停用，api_key 不再有效 (partner disabled)');
  return partner;
}
