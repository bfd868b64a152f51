import type { ConsoleCaseDto, OfficialRole, PublicationPreviewDto, RedactionCounts } from '@minsheng/shared';
import { formatDateTime } from '@/lib/format';

/**
 * Publishing an answered consultation into the policy library (问答库): who is offered it, and
 * the words around the preview. The server decides (functions/src/services/library/publication.ts);
 * this only avoids offering what it would refuse, and says why.
 */

/** Who may publish: intake and supervisors (a department handler never sees the button). */
export const PUBLISHING_ROLES: readonly OfficialRole[] = ['intake', 'supervisor'];

export type PublishOffer =
  /** Nothing to show: wrong role, not a consultation, or not answered yet. */
  | { kind: 'hidden' }
  /** An answered consultation that cannot be published, and why. */
  | { kind: 'blocked'; reason: string }
  | { kind: 'available' };

/** Whether the case workspace offers "发布到问答库" for this case and official. */
export function publishOffer(c: Pick<ConsoleCaseDto, 'type' | 'status' | 'publishConsent' | 'answer'>, role: OfficialRole): PublishOffer {
  if (!PUBLISHING_ROLES.includes(role)) return { kind: 'hidden' };
  if (c.type !== 'consultation') return { kind: 'hidden' };
  if (!(c.status === 'replied' || c.status === 'closed') || !c.answer) return { kind: 'hidden' };
  if (!c.publishConsent) return { kind: 'blocked', reason: '市民提交时未同意公开' };
  return { kind: 'available' };
}

/** How each kind of detail taken out is named to the official. */
export const REDACTION_LABELS: Record<keyof RedactionCounts, string> = {
  name: '姓名',
  phone: '电话',
  idNumber: '身份证号',
  address: '地址',
  email: '邮箱',
  other: '案件编号等其他信息',
};

const REDACTION_ORDER: (keyof RedactionCounts)[] = ['name', 'phone', 'idNumber', 'address', 'email', 'other'];

const countsOf = (r: RedactionCounts) => REDACTION_ORDER.filter((k) => r[k] > 0).map((k) => `${REDACTION_LABELS[k]} ${r[k]} 处`);

/** "已隐去：姓名 1 处、电话 2 处", or that nothing was found. */
export function redactionSummary(r: RedactionCounts): string {
  const parts = countsOf(r);
  return parts.length ? `已隐去：${parts.join('、')}` : '未发现需要隐去的个人信息';
}

/** What automatic anonymisation cannot promise, said after every publication. */
export const RECHECK_CAVEAT = '自动匿名不能保证找出全部个人信息，请在问答库中再核对一遍。';

/**
 * After publishing: what the server's second pass (over the text as sent, already anonymised
 * once) took out — details typed back in by the official — and, found or not, that the rules
 * may have missed something (a name without 我叫…, an address in words, a plate, a WeChat ID).
 */
export function recheckSummary(r: RedactionCounts): string {
  const parts = countsOf(r);
  return parts.length ? `发布时已按规则再次检查，又隐去了：${parts.join('、')}。${RECHECK_CAVEAT}` : `发布时已按规则再次检查。${RECHECK_CAVEAT}`;
}

/** The warning when this consultation is already in the library. */
export function republishWarning(published: NonNullable<PublicationPreviewDto['published']>): string {
  return `已发布于 ${formatDateTime(published.updatedAt)}（${published.updatedBy}，条目编号 ${published.id}）。再次发布将用下面的内容替换原条目（管理员在问答库中对原条目的修改也会被替换）。`;
}

/** Tags as typed: trimmed, no blanks, no repeats. */
export function cleanTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];
}
