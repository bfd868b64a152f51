import type { ConsoleQueue, QueueCountsResponse } from '@minsheng/shared';

/** The department's queues (待办, 已答复) need a department, except for handlers (theirs is implied). */
export function needsDepartment(queue: ConsoleQueue, role: string): boolean {
  return (queue === 'department' || queue === 'answered') && role !== 'handler';
}

/** A tab's count as shown: the exact number (every tab's count is exact, the windows of time too); nothing before it is known. */
export function countLabel(item: QueueCountsResponse['items'][number] | undefined): string {
  return item ? String(item.count) : '';
}
