import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PublicRankingEntry, PublicRankingMonthsResponse, PublicRankingResponse } from '@minsheng/shared';
import { Screen } from '../../components/screen';
import { Btn, Choice, ChoiceGroup, Loading, Notice, Section } from '../../components/ui';
import { getRanking, listRankingMonths } from '../../features/ranking/api';
import { basisText, monthLabel, rankChangeText, rankText, rateText, scoreText } from '../../features/ranking/format';
import { role } from '../../lib/a11y';
import { formatDateTime } from '../../lib/format';
import { ApiError } from '../../lib/request';
import './index.scss';

/** The months offered as choices: the newest twelve published. */
const MONTHS_SHOWN = 12;
const RATES = [
  { key: 'responseRate', label: '响应率' },
  { key: 'resolutionRate', label: '解决率' },
  { key: 'satisfactionRate', label: '满意率' },
] as const;

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : '加载失败，请稍后重试');

function RankCard({ entry }: { entry: PublicRankingEntry }) {
  const change = rankChangeText(entry);
  return (
    <View className='rank-card' {...role('listitem')}>
      <View className='rank-card__head'>
        <Text className='rank-card__rank'>{rankText(entry.rank)}</Text>
        <Text className='rank-card__score'>{scoreText(entry.score)}</Text>
      </View>
      <Text className='rank-card__name'>{entry.name}</Text>
      <View className='rank-card__rates'>
        {RATES.map((r) => (
          <View className='rank-card__rate' key={r.key}>
            <Text className='rank-card__rate-label'>{r.label}</Text>
            <Text className='rank-card__rate-value'>{rateText(entry.rates[r.key])}</Text>
          </View>
        ))}
      </View>
      {change ? <Text className={`rank-card__change rank-card__change--${change.trend}`}>{change.text}</Text> : null}
      <Text className='rank-card__basis'>{basisText(entry)}</Text>
    </View>
  );
}

/** 部门排行: the monthly 考核 ranking as a supervisor published it — only the public endpoints, so no unpublished figure. */
export default function RankingPage() {
  const [months, setMonths] = useState<PublicRankingMonthsResponse['months']>();
  const [monthsError, setMonthsError] = useState<string>();
  const [month, setMonth] = useState<string>();
  const [level, setLevel] = useState<'departments' | 'units'>('departments');
  const [ranking, setRanking] = useState<PublicRankingResponse>();
  const [rankingError, setRankingError] = useState<string>();
  // Only the newest month chosen may fill the page: a slow earlier answer is dropped.
  const latest = useRef(0);

  const loadMonths = () => {
    setMonthsError(undefined);
    listRankingMonths()
      .then((res) => {
        setMonths(res.months);
        if (res.months[0]) void choose(res.months[0].month);
      })
      .catch((e) => setMonthsError(messageOf(e)));
  };

  const choose = async (m: string) => {
    const mine = ++latest.current;
    setMonth(m);
    setRanking(undefined);
    setRankingError(undefined);
    try {
      const res = await getRanking(m);
      if (mine === latest.current) setRanking(res);
    } catch (e) {
      if (mine === latest.current) setRankingError(messageOf(e));
    }
  };

  useEffect(loadMonths, []);

  const rows = ranking ? ranking[level] : [];

  return (
    <Screen>
      <View className='ranking__head'>
        <Text className='ranking__title' {...role('heading')} aria-level={1}>
          部门排行
        </Text>
        <Text className='ranking__intro'>各部门、各单位每月办理群众诉求的考核得分和名次，由监督部门审核后公开。</Text>
      </View>

      {!months ? (
        <Loading {...(monthsError !== undefined ? { error: monthsError } : {})} action={{ label: '重试', onClick: loadMonths, className: 'ranking__retry' }} />
      ) : months.length === 0 ? (
        <View {...role('status')}>
          <Notice kind='info' title='暂无已发布的排行'>
            每月的排行经监督部门审核发布后会显示在这里。
          </Notice>
        </View>
      ) : (
        <>
          <ChoiceGroup label='选择月份' className='ranking__months'>
            {months.slice(0, MONTHS_SHOWN).map((m) => (
              <Choice key={m.month} className='choice--ranking' selected={month === m.month} onSelect={() => void choose(m.month)}>
                {monthLabel(m.month)}
              </Choice>
            ))}
          </ChoiceGroup>
          <ChoiceGroup label='排行范围' className='ranking__levels'>
            <Choice className='choice--ranking-level' selected={level === 'departments'} onSelect={() => setLevel('departments')}>
              部门
            </Choice>
            <Choice className='choice--ranking-level' selected={level === 'units'} onSelect={() => setLevel('units')}>
              下级单位
            </Choice>
          </ChoiceGroup>

          {rankingError !== undefined ? (
            <View>
              <Notice kind='error'>{rankingError}</Notice>
              <Btn kind='primary' className='ranking__retry' onClick={() => month && void choose(month)}>
                重试
              </Btn>
            </View>
          ) : !ranking ? (
            <Loading action={{ label: '重试', onClick: () => month && void choose(month) }} />
          ) : (
            <Section title={`${monthLabel(ranking.month)}${level === 'departments' ? '部门' : '下级单位'}排行`}>
              {rows.length === 0 ? (
                <Text className='muted'>本月没有可排名的{level === 'departments' ? '部门' : '单位'}。</Text>
              ) : (
                <View {...role('list')} aria-label={`${monthLabel(ranking.month)}排行`}>
                  {rows.map((entry) => (
                    <RankCard key={entry.key} entry={entry} />
                  ))}
                </View>
              )}
              <Text className='ranking__note'>
                {formatDateTime(ranking.publishedAt)} 发布。综合得分依据：{ranking.weightsSource}。名次相同表示得分相同；“暂无”表示当月没有可计算的件数。
              </Text>
            </Section>
          )}
        </>
      )}
    </Screen>
  );
}
