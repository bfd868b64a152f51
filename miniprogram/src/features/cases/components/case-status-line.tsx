import { Text, View } from '@tarojs/components';
import type { CaseStatus } from '@minsheng/shared';

/** A case's status as a label, and 有新进展 when it moved since the citizen last looked. */
export function CaseStatusLine({ status, label, fresh, due }: { status: CaseStatus; label: string; fresh: boolean; due?: string }) {
  return (
    <View className='case-status'>
      <Text className={`case-status__label case-status__label--${status}`}>{label}</Text>
      {fresh ? <Text className='case-status__new'>有新进展</Text> : null}
      {due ? <Text className='case-status__due'>{due}</Text> : null}
    </View>
  );
}
