import type { ConsoleQueue, QueueCountsResponse } from '@minsheng/shared';

/** The department's queues (待办, 已答复) need a department, except for handlers (theirs is implied). */
export function needsDepartment(queue: ConsoleQueue, role: string): boolean {
  return (queue === 'department' || queue === 'answered') && role !== 'handler';
}

/** A tab's count as shown: the exact number, or "500+" for a window of time read up to its limit. */
export function countLabel(item: QueueCountsResponse['items'][number] | undefined): string {
  if (!item) return '';
  return item.more ? `${item.count}+` : String(item.count);
}
