import type { TrackedCaseDto } from '@minsheng/shared';
import { formatDate } from '../../lib/format';

/** One plain sentence under the status: what is happening and what, if anything, the citizen should do. */
export function statusExplanation(c: TrackedCaseDto): string {
  const dept = c.departmentName ?? '负责部门';
  switch (c.status) {
    case 'submitted':
      return '您的诉求已收到，正在等待受理员审核，并交给负责的部门办理。';
    case 'in_progress':
      return reopened(c) ? `您对答复不满意，${dept}正在重新办理，办理完会在这里再次答复您。` : `已交由${dept}办理，办理完会在这里答复您。`;
    case 'awaiting_citizen':
      return '待补充材料：办理部门需要您补充一些情况，请在下方填写。补充之前，答复期限暂停计算。';
    case 'replied':
      return `${c.answer?.departmentName ?? dept}已经答复，请看下方的答复内容，并告诉我们您是否满意。`;
    case 'closed':
      return c.rating?.rating === 'unsatisfied' ? '这件诉求已办结。您对重新办理后的答复仍不满意，已转交督办人员复核。' : '这件诉求已办结。感谢您的反映。';
    case 'rejected':
      return '这件诉求不予受理，原因见下方办理记录。';
    case 'merged':
      return c.mergedInto ? `这件诉求与案件 ${c.mergedInto} 反映的是同一件事，已合并办理。` : '这件诉求已与其他案件合并办理。';
    case 'withdrawn':
      return '您已撤回这件诉求，它不会再被办理。如还有问题，可以重新提交一件诉求。';
    default:
      return '';
  }
}

/** Reopened by the citizen's unsatisfied rating: the department handles it once more (round 2). */
export function reopened(c: Pick<TrackedCaseDto, 'status' | 'rating'>): boolean {
  return c.rating?.rating === 'unsatisfied' && (c.status === 'in_progress' || c.status === 'awaiting_citizen');
}

/**
 * What an unsatisfied rating led to, said right under the status (DESIGN.md: a first 不满意 sends
 * the case back to the department on a fresh clock; a second closes it for supervisor review).
 */
export function unsatisfiedNotice(c: TrackedCaseDto): { title: string; text: string } | undefined {
  if (c.rating?.rating !== 'unsatisfied') return undefined;
  if (reopened(c)) {
    return {
      title: '您对答复不满意',
      text: `已退回${c.departmentName ?? '承办部门'}重新办理，新的答复期限为 ${formatDate(c.dueAt)}。重新答复后，您可以再评价一次。`,
    };
  }
  if (c.status === 'replied') return { title: '这是重新办理后的答复', text: '您对上一次答复不满意，承办部门已重新办理并答复，请再评价一次。' };
  if (c.status === 'closed') return { title: '您对答复仍不满意', text: '案件已办结，并已转交督办人员复核。' };
  return undefined;
}

/** The promise and how far away it is: "2026年12月6日前答复（还剩 15 天）". */
export function dueLine(c: TrackedCaseDto): { text: string; tone: 'normal' | 'warning' | 'overdue' | 'paused' | 'done' } {
  const date = formatDate(c.dueAt);
  if (c.status === 'withdrawn') return { text: '已撤回，不再计算答复期限', tone: 'done' };
  if (c.status === 'replied' || c.status === 'closed' || c.status === 'rejected' || c.status === 'merged') {
    return { text: `答复期限 ${date}`, tone: 'done' };
  }
  if (c.sla.paused) return { text: `答复期限 ${date}（等待您补充材料，期限暂停计算）`, tone: 'paused' };
  const days = c.sla.daysLeft;
  if (days < 0) return { text: `答复期限 ${date}（已超期 ${-days} 天，已督促办理）`, tone: 'overdue' };
  if (days === 0) return { text: `答复期限 ${date}（今天到期）`, tone: 'warning' };
  return { text: `答复期限 ${date}（还剩 ${days} 天）`, tone: c.sla.level === 'normal' ? 'normal' : 'warning' };
}
