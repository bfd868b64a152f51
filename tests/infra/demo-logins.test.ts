/** The `npm start` banner's demo logins: every demo account, grouped by the level of their unit. */
import { describe, expect, it } from 'vitest';
import { UNIT_LEVEL_LABELS } from '@minsheng/shared';
import { DEMO_OFFICIALS } from '../../infra/src/demo-data';
import { demoLoginLines } from '../../infra/src/demo-logins';

const usernameOf = (line: string) => line.trim().split(/\s+/)[0];

describe('demo logins in the banner', () => {
  const lines = demoLoginLines();
  const headers = lines.filter((l) => !l.startsWith('      ')).map((l) => l.trim());
  const section = (label: string) => {
    const start = lines.findIndex((l) => l.trim() === label);
    const end = lines.findIndex((l, i) => i > start && !l.startsWith('      '));
    return lines.slice(start + 1, end === -1 ? undefined : end).map(usernameOf);
  };

  it('lists every demo account once: intake officers, supervisors, the admin and every department\'s handler', () => {
    const listed = lines.filter((l) => l.startsWith('      ')).map(usernameOf);
    expect([...listed].sort()).toEqual(DEMO_OFFICIALS.map((o) => o.username).sort());
    for (const handler of ['rsj', 'qs-rsj', 'qs-chengnan-zzb', 'qs-shuangmiao-nyb']) expect(listed).toContain(handler);
  });

  it('groups them under 市, 区/县 and 街道/乡镇, each with its unit\'s name', () => {
    expect(headers).toEqual([UNIT_LEVEL_LABELS[1], UNIT_LEVEL_LABELS[2], UNIT_LEVEL_LABELS[3]]);
    expect(section('市')).toEqual(expect.arrayContaining(['shouli', 'duban', 'admin', 'rsj']));
    expect(section('区/县')).toEqual(expect.arrayContaining(['hexi-shouli', 'qs-shouli', 'qs-duban', 'qs-rsj']));
    expect(section('街道/乡镇')).toEqual(expect.arrayContaining(['cn-shouli', 'xinhua-shouli', 'qs-chengnan-zzb']));
    expect(lines.find((l) => usernameOf(l) === 'qs-chengnan-zzb')).toContain('城南镇 · 城南镇综治办承办人');
  });
});
