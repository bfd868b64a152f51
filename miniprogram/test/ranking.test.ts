import { describe, expect, it, vi } from 'vitest';
import { basisText, monthLabel, rankChangeText, rankText, rateText, scoreText } from '../src/features/ranking/format';

vi.mock('@tarojs/taro', () => ({ default: {} }));

describe('部门排行: what a citizen reads on a ranking card', () => {
  it('names the month, the rank and the score, and says when there are none', () => {
    expect(monthLabel('2026-05')).toBe('2026年5月');
    expect(monthLabel('2025-12')).toBe('2025年12月');
    expect(rankText(1)).toBe('第 1 名');
    expect(rankText(undefined)).toBe('未排名');
    expect(scoreText(88.44)).toBe('88.4 分');
    expect(scoreText(undefined)).toBe('暂无得分');
  });

  it('shows rates with one decimal and 暂无 where nothing was counted (never 0%)', () => {
    expect(rateText(95)).toBe('95.0%');
    expect(rateText(87.5)).toBe('87.5%');
    expect(rateText(0)).toBe('0.0%');
    expect(rateText(undefined)).toBe('暂无');
  });

  it('says the change of rank in words, with the arrow only beside them', () => {
    expect(rankChangeText({ rank: 1, rankChange: 2 })).toEqual({ text: '↑ 比上月上升 2 名', trend: 'up' });
    expect(rankChangeText({ rank: 4, rankChange: -3 })).toEqual({ text: '↓ 比上月下降 3 名', trend: 'down' });
    expect(rankChangeText({ rank: 2, rankChange: 0 })).toEqual({ text: '与上月持平', trend: 'same' });
    expect(rankChangeText({ rank: 5 })).toEqual({ text: '上月未排名', trend: 'new' });
    expect(rankChangeText({ rankChange: 1 })).toBeUndefined();
  });

  it('names what the rates rest on', () => {
    expect(basisText({ answered: 120, ratings: 80 })).toBe('答复 120 件，评价 80 条');
  });
});
