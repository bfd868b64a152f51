import { Text, View } from '@tarojs/components';
import { role } from '../../../lib/a11y';
import type { CaseStep } from '../../../features/cases/steps';

const MARK: Record<CaseStep['state'], string> = { done: '✓', current: '●', todo: '' };
const SPOKEN: Record<CaseStep['state'], string> = { done: '已完成', current: '当前步骤', todo: '未开始' };

/** 提交 → 受理 → 办理 → 答复 → 评价, the current step marked (aria-current="step") and said in words too. */
export function CaseSteps({ steps }: { steps: CaseStep[] }) {
  return (
    <View className='steps' {...role('list')} aria-label='办理进度'>
      {steps.map((s, i) => (
        <View
          key={s.key}
          className={`steps__item steps__item--${s.state}${s.key === 'end' ? ' steps__item--end' : ''}`}
          {...role('listitem')}
          {...(s.state === 'current' ? { 'aria-current': 'step' } : {})}
          aria-label={`第${i + 1}步 ${s.label}，${SPOKEN[s.state]}${s.note ? `：${s.note}` : ''}`}
        >
          <Text className='steps__dot' aria-hidden='true'>
            {MARK[s.state] || String(i + 1)}
          </Text>
          <Text className='steps__label'>{s.label}</Text>
          {s.note && s.state === 'current' ? <Text className='steps__note'>{s.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}
