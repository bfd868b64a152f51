import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Btn, Notice } from '../../../components/ui';
import { role } from '../../../lib/a11y';
import { askForReminders, REMINDER_RULE, remindersOffered, type ReminderOutcome } from '../reminders';

/**
 * 接收进度提醒 (weapp, with templates configured; otherwise nothing): WeChat's one-time permission,
 * said plainly — one message per acceptance — and the result the server gives.
 */
export function ReminderButton({ caseToken, className, kind = 'primary' }: { caseToken: () => Promise<string>; className?: string; kind?: 'primary' | 'secondary' }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ReminderOutcome>();
  if (!remindersOffered()) return null;
  const ask = () => {
    setBusy(true);
    setOutcome(undefined);
    // No await before this call: WeChat shows its dialog only straight from a tap.
    void askForReminders(caseToken)
      .then(setOutcome)
      .finally(() => setBusy(false));
  };
  return (
    <View className={`reminder${className ? ` ${className}` : ''}`}>
      <Btn kind={kind} className='reminder__ask' onClick={ask} loading={busy}>
        接收进度提醒
      </Btn>
      <Text className='muted reminder__rule'>{REMINDER_RULE}</Text>
      {outcome ? (
        <View {...role('status')}>
          <Notice kind={outcome.kind}>{outcome.text}</Notice>
        </View>
      ) : null}
    </View>
  );
}
