import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { CASE_STATUS_LABELS, FINAL_STATUSES } from '@minsheng/shared';
import { formatDate, groupCaseNo } from '../../../lib/format';
import { caseTypeLabel } from '../case-types';
import type { MeCase } from '../types';
import { CaseStatusLine } from './case-status-line';

/** One of "my cases": title (masked by the server), number, status, due date, 有新进展; the page adds its buttons. */
export function MeCaseCard({ item, children }: { item: MeCase; children: ReactNode }) {
  const due = item.dueAt && !FINAL_STATUSES.includes(item.status) && item.status !== 'replied' ? `${formatDate(item.dueAt)}前答复` : undefined;
  return (
    <View className='card mine me-case'>
      <Text className='mine__title'>{item.title}</Text>
      <Text className='mine__meta'>
        {caseTypeLabel(item.type)} · <Text className='nowrap'>编号 {groupCaseNo(item.caseNo)}</Text> · <Text className='nowrap'>{formatDate(item.filedAt)}提交</Text>
      </Text>
      <CaseStatusLine status={item.status} label={CASE_STATUS_LABELS[item.status] ?? item.status} fresh={item.unread} {...(due ? { due } : {})} />
      <View className='btn-row'>{children}</View>
    </View>
  );
}
