import { Text, View } from '@tarojs/components';
import { Btn, Notice } from '../../../components/ui';
import { role } from '../../../lib/a11y';

/** The case page before its data: a spinner and 加载中… (announced), or the error with one way forward. */
export function CaseLoading({ error, action }: { error?: string; action: { label: string; onClick: () => void } }) {
  if (error === undefined) {
    return (
      <View className='case-loading' {...role('status')}>
        <View className='case-loading__spinner' aria-hidden='true' />
        <Text className='case-loading__text'>加载中…</Text>
      </View>
    );
  }
  return (
    <View className='case-loading case-loading--error'>
      <Notice kind='error' title='没能打开这件诉求'>
        {error}
      </Notice>
      <Btn kind='primary' className='case-loading__retry' onClick={action.onClick}>
        {action.label}
      </Btn>
    </View>
  );
}
