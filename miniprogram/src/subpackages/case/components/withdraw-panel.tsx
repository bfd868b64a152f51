import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { LIMITS, charCount } from '@minsheng/shared';
import { Btn, Counter, Field, Notice, TextArea } from '../../../components/ui';
import { role } from '../../../lib/a11y';

/**
 * 撤回诉求, only while the case waits for acceptance: a quiet button, then a confirmation that says
 * it cannot be undone (an in-page dialog, the same on weapp and H5), with an optional reason.
 */
export function WithdrawPanel({ onWithdraw }: { onWithdraw: (reason: string) => Promise<string | undefined> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <View className='withdraw'>
        <Btn kind='plain' className='withdraw__open' onClick={() => setOpen(true)}>
          撤回诉求
        </Btn>
        <Text className='muted withdraw__hint'>受理之前，您可以撤回这件诉求。</Text>
      </View>
    );
  }
  const confirm = async () => {
    if (charCount(reason.trim()) > LIMITS.withdrawReasonMax) return setError(`撤回原因最多 ${LIMITS.withdrawReasonMax} 个字`);
    setBusy(true);
    const failure = await onWithdraw(reason.trim());
    setBusy(false);
    setError(failure);
  };
  return (
    <View className='card withdraw withdraw--confirm' {...role('alertdialog')} aria-label='确认撤回诉求'>
      <Text className='withdraw__title' {...role('heading')} aria-level={2}>
        确定撤回这件诉求吗？
      </Text>
      <Text className='withdraw__warn'>撤回后不能恢复，这件诉求将不再办理。如还有问题，需要重新提交。</Text>
      <Field label='撤回原因' optional counter={<Counter value={reason} max={LIMITS.withdrawReasonMax} />}>
        <TextArea className='withdraw__reason' label='撤回原因（选填）' value={reason} onChange={setReason} placeholder='例如：问题已经解决' />
      </Field>
      {error ? <Notice kind='error'>{error}</Notice> : null}
      <Btn kind='primary' className='withdraw__confirm' onClick={confirm} loading={busy}>
        确认撤回
      </Btn>
      <Btn className='withdraw__cancel' onClick={() => (setOpen(false), setError(undefined))}>
        不撤回
      </Btn>
    </View>
  );
}
