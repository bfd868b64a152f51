import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { pageUrl } from '@minsheng/shared';
import { Screen } from '../../components/screen';
import { Btn, DisplaySettings, Section } from '../../components/ui';
import { getPublicStats } from '../../features/cases/api';
import { CASE_TYPE_GUIDE, CASE_TYPE_ORDER } from '../../features/cases/case-types';
import { rememberedCases } from '../../features/cases/device';
import { fileFormUrl } from '../../features/library/links';
import type { PublicStats } from '../../features/cases/types';
import { setHighContrast, setLargeText, useHighContrast, useLargeText } from '../../lib/large-text';
import { keyboardTappable, role } from '../../lib/a11y';
import './index.scss';

/** The API's rates are percentages with one decimal: 93.5 → "93.5%". */
function percent(rate: number): string {
  return `${Number.isInteger(rate) ? rate : rate.toFixed(1)}%`;
}

function StatsBlock({ stats }: { stats: PublicStats }) {
  if (typeof stats.filed !== 'number' || typeof stats.answered !== 'number') return null;
  const items = [
    // `filed` counts every case submitted (收件), accepted or not: 受理 would overstate it.
    { label: '累计收件', value: `${stats.filed} 件` },
    { label: '已答复', value: `${stats.answered} 件` },
    stats.onTimeRate !== undefined ? { label: '按时答复率', value: percent(stats.onTimeRate) } : undefined,
    stats.satisfactionRate !== undefined ? { label: '群众满意率', value: percent(stats.satisfactionRate) } : undefined,
  ].filter((x): x is { label: string; value: string } => x !== undefined);
  return (
    <Section title='办理情况公开' className='stats'>
      <View className='stats__grid'>
        {items.map((item) => (
          <View className='stats__item' key={item.label}>
            <Text className='stats__value'>{item.value}</Text>
            <Text className='stats__label'>{item.label}</Text>
          </View>
        ))}
      </View>
    </Section>
  );
}

export default function Home() {
  const large = useLargeText();
  const contrast = useHighContrast();
  const [stats, setStats] = useState<PublicStats>();
  const [myCount, setMyCount] = useState(0);

  useEffect(() => {
    // Totals are a courtesy: when the platform does not publish them (404) or the network fails, the block stays hidden.
    getPublicStats()
      .then(setStats)
      .catch(() => setStats(undefined));
  }, []);
  useDidShow(() => setMyCount(rememberedCases().length));

  return (
    <Screen>
      <View className='home__hero'>
        <Text className='home__title' {...role('heading')} aria-level={1}>
          有诉求，找民声
        </Text>
        <Text className='home__intro'>反映问题、咨询政策、提出建议，都可以在这里办。提交后马上得到案件编号和查询密码，随时查看办理进度。</Text>
      </View>

      <DisplaySettings large={large} contrast={contrast} onLarge={setLargeText} onContrast={setHighContrast} className='home__large' />

      <Section title='您想办什么事？'>
        {CASE_TYPE_ORDER.map((type) => (
          <View
            key={type}
            className={`kind kind--${type}`}
            onClick={() => Taro.navigateTo({ url: fileFormUrl(type) })}
            {...role('link')}
            {...keyboardTappable(() => Taro.navigateTo({ url: fileFormUrl(type) }))}
          >
            <View className='kind__head'>
              <Text className='kind__name'>我要{CASE_TYPE_GUIDE[type].short}</Text>
              <Text className='kind__go' aria-hidden='true'>
                ›
              </Text>
            </View>
            <Text className='kind__what'>{CASE_TYPE_GUIDE[type].what}</Text>
            <Text className='kind__next'>{CASE_TYPE_GUIDE[type].next}</Text>
          </View>
        ))}
      </Section>

      <Section title='先查一查'>
        <View
          className='kind kind--library'
          onClick={() => Taro.navigateTo({ url: pageUrl('librarySearch') })}
          {...role('link')}
          {...keyboardTappable(() => Taro.navigateTo({ url: pageUrl('librarySearch') }))}
        >
          <View className='kind__head'>
            <Text className='kind__name'>政策问答库</Text>
            <Text className='kind__go' aria-hidden='true'>
              ›
            </Text>
          </View>
          <Text className='kind__what'>先查一查，也许已有答案：政策文件和已经答复的咨询，用自己的话搜索。</Text>
        </View>
      </Section>

      <Section title='已经提交过？'>
        <Btn kind='primary' onClick={() => Taro.navigateTo({ url: pageUrl('track') })}>
          查询进度{myCount > 0 ? `（本机保存了 ${myCount} 件）` : ''}
        </Btn>
        <Text className='home__note'>凭案件编号和查询密码即可查看，无需注册。</Text>
      </Section>

      <Section title='公开监督'>
        <View
          className='kind kind--ranking'
          onClick={() => Taro.navigateTo({ url: pageUrl('ranking') })}
          {...role('link')}
          {...keyboardTappable(() => Taro.navigateTo({ url: pageUrl('ranking') }))}
        >
          <View className='kind__head'>
            <Text className='kind__name'>部门排行</Text>
            <Text className='kind__go' aria-hidden='true'>
              ›
            </Text>
          </View>
          <Text className='kind__what'>各部门、各单位每月的考核得分和名次：响应率、解决率、满意率。</Text>
        </View>
      </Section>

      {stats ? <StatsBlock stats={stats} /> : null}
    </Screen>
  );
}
