/**
 * Search relevance on the demo library: realistic questions as citizens type them, each with the
 * item(s) a good answer would be. Measures, for each way of cutting Chinese text into terms:
 *
 *   precision@3 (as this issue defines it) = the share of queries for which at least one expected
 *   item is among the first three results — i.e. the citizen sees a right answer without scrolling.
 *
 * Also mean reciprocal rank (1 / rank of the first expected item, 0 if not in the top 10). The
 * figures are printed; the mode the service uses must reach 0.8.
 */
import { describe, expect, it } from 'vitest';
import { demoLibraryRecords } from '../../infra/src/demo-library';
import { buildLibraryIndex, DEFAULT_ANALYZER_MODE } from '../src/adapters/search/live-library-index';
import type { AnalyzerMode } from '../src/adapters/search/analyzer';
import { DEFAULT_SYNONYM_GROUPS } from '@minsheng/shared';

/** The query, and the items any one of which is a right answer ("demo-" prefix omitted). */
const QUERIES: [string, string[]][] = [
  // 惠农补贴
  ['种粮补贴什么时候发', ['gengdi-butie-2025', 'qa-gengdi-butie-shijian', 'shiji-zhongliang-butie']],
  ['今年地力补贴每亩多少钱', ['gengdi-butie-2025', 'qa-gengdi-butie-shijian']],
  ['买农机有补贴吗', ['nongji-butie']],
  ['惠农补贴到没到账怎么查', ['yikatong-guanli']],
  ['庄稼遭灾了保险怎么赔', ['nongye-baoxian']],
  ['老房子漏雨是危房能补助吗', ['nongcun-weifang']],
  // 拖欠农民工工资
  ['老板拖欠工资不给怎么办', ['qianxin-tousu-qudao', 'baozhang-nmg-gongzi-tiaoli', 'qa-baogongtou-paole', 'jubuzhifu-laodong-baochou']],
  ['包工头跑了工钱找谁要', ['qa-baogongtou-paole', 'baozhang-nmg-gongzi-tiaoli', 'jubuzhifu-laodong-baochou']],
  ['工地欠薪去哪里投诉', ['qianxin-tousu-qudao']],
  ['申请劳动仲裁要花钱吗', ['laodong-zhongcai-zhiyin']],
  // 学校搬迁
  ['孩子学校要搬走了', ['xuexiao-buju-guihua', 'chebing-chengxu', 'qa-xiaoxue-chebing-xiaoche']],
  ['村里小学撤了孩子上学太远', ['qa-xiaoxue-chebing-xiaoche', 'xiaoche-guanli', 'chebing-chengxu']],
  ['有没有校车接送', ['xiaoche-guanli', 'qa-xiaoxue-chebing-xiaoche']],
  ['外地打工孩子在县城怎么上学', ['zhaosheng-ruxue-2025']],
  ['学校收资料费合理吗', ['jiaoyu-shoufei-gongshi']],
  // 征地拆迁
  ['拆迁补偿标准', ['jiti-tudi-zhengshou-biaozhun', 'guoyou-tudi-fangwu-zhengshou']],
  ['征地一亩地补多少钱', ['jiti-tudi-zhengshou-biaozhun']],
  ['房子评估价太低不同意', ['fangwu-zhengshou-pinggu', 'qa-zhengshou-pinggu-yiyi']],
  ['回迁房迟迟不交房过渡费怎么算', ['anzhifang-guodu']],
  ['晚上有人来强拆我家房子', ['yanjin-weifa-qiangchai']],
  ['农村盖房子批宅基地', ['zhaijidi-guanli']],
  ['地被征了以后养老怎么办', ['beizhengdi-shebao']],
  // 社保、养老
  ['灵活就业怎么交社保', ['linghuo-jiuye-canbao', 'qa-waidi-dagong-yanglao', 'jiuye-kunnan-shebao-butie']],
  ['农村老人养老保险一年交多少', ['chengxiang-jumin-yanglao']],
  ['换了城市工作社保怎么转', ['yanglao-zhuanyi-jiexu']],
  ['今年退休金涨多少', ['yanglaojin-tiaozheng-2025']],
  ['被公司辞退了能领失业金吗', ['shiye-baoxianjin']],
  ['干活受伤老板不管', ['gongshang-rending']],
  ['社保卡丢了怎么补', ['shebaoka-banli']],
  // 医保
  ['异地看病怎么报销', ['yidi-jiuyi-jiesuan', 'qa-shengwai-zhuyuan-baoxiao']],
  ['医保今年交多少钱', ['jumin-yibao-jiaofei-2025']],
  ['住院能报销百分之多少', ['jumin-yibao-zhuyuan-baoxiao']],
  ['高血压吃药能报销吗', ['menzhen-manbing']],
  ['生大病花了很多钱有没有救助', ['yiliao-jiuzhu', 'dabing-baoxian']],
  // 低保、救助
  ['怎么申请低保', ['dibao-shenhe-queren', 'qa-dibao-shenqing']],
  ['低保一个月多少钱', ['dibao-biaozhun-2025']],
  ['家里着火了生活困难', ['linshi-jiuzhu']],
  ['残疾人有什么补贴', ['canjiren-liangxiang-butie']],
  ['五保户政策', ['tekun-gongyang']],
  // 乱收费
  ['村里乱收钱', ['shenong-shoufei']],
  ['医院多收费', ['yiyuan-shoufei']],
  ['物业费太贵乱涨价', ['wuye-shoufei']],
  ['商店标价和结账不一样', ['mingma-biaojia']],
  // 住房保障
  ['公租房怎么申请', ['gongzufang-shenqing']],
  ['租房子有补贴吗', ['zhufang-zulin-butie', 'gongjijin-tiqu']],
  ['公积金租房能取吗', ['gongjijin-tiqu']],
  ['老小区加装电梯', ['laojiu-xiaoqu-gaizao']],
  // 环境污染
  ['工地晚上施工噪音太吵', ['zaosheng-wuran-fangzhi-fa']],
  ['楼下饭店油烟太大', ['canyin-youyan-zhili']],
  ['工厂偷排污水', ['huanjing-jubao-jiangli', 'qiye-paiwu-xuke']],
  ['村里垃圾没人清理', ['nongcun-laji-zhili']],
  ['烧秸秆罚款吗', ['jiegan-jinshao']],
  // 政务服务
  ['打12345多久能回复', ['12345-rexian-guanli']],
];

const NOW = new Date('2025-12-01T02:00:00Z');
const items = demoLibraryRecords(new Date('2025-11-01T00:00:00Z'));

interface Measured {
  mode: AnalyzerMode;
  synonyms: boolean;
  precisionAt3: number;
  mrr: number;
  misses: string[];
}

function measure(mode: AnalyzerMode, synonyms: boolean): Measured {
  const index = buildLibraryIndex(items, synonyms ? DEFAULT_SYNONYM_GROUPS : [], mode);
  let hits = 0;
  let rr = 0;
  const misses: string[] = [];
  for (const [query, expected] of QUERIES) {
    const ids = index.search(query, { limit: 10, now: NOW }).hits.map((h) => h.doc.id.replace(/^demo-/, ''));
    const rank = ids.findIndex((id) => expected.includes(id));
    if (rank >= 0 && rank < 3) hits++;
    else misses.push(`${query} → [${ids.slice(0, 3).join(', ')}] (expected ${expected.join(' | ')}${rank >= 0 ? `, found at ${rank + 1}` : ''})`);
    rr += rank >= 0 ? 1 / (rank + 1) : 0;
  }
  return { mode, synonyms, precisionAt3: hits / QUERIES.length, mrr: rr / QUERIES.length, misses };
}

describe('library search relevance', () => {
  it('the queries name items that exist', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(30);
    const ids = new Set(items.map((i) => i.id.replace(/^demo-/, '')));
    for (const [query, expected] of QUERIES) for (const id of expected) expect(ids.has(id), `${query}: ${id}`).toBe(true);
  });

  it(`precision@3 ≥ 0.8 with the service's analyzer (${DEFAULT_ANALYZER_MODE} + synonyms); other modes measured for comparison`, () => {
    const rows = (['words', 'bigrams', 'words+bigrams', 'fast-bigrams'] as const).flatMap((mode) => [measure(mode, false), measure(mode, true)]);
    const lines = rows.map(
      (r) => `  ${r.mode.padEnd(14)} ${r.synonyms ? 'with synonyms   ' : 'without synonyms'}  precision@3 = ${r.precisionAt3.toFixed(3)}  MRR = ${r.mrr.toFixed(3)}`,
    );
    const chosen = rows.find((r) => r.mode === DEFAULT_ANALYZER_MODE && r.synonyms)!;
    console.log(
      [
        `Library search relevance: ${QUERIES.length} citizen queries over ${items.length} demo items (hit = an expected item in the top 3)`,
        ...lines,
        `  → service uses ${DEFAULT_ANALYZER_MODE} with synonyms: precision@3 = ${chosen.precisionAt3.toFixed(3)} (${Math.round(chosen.precisionAt3 * QUERIES.length)}/${QUERIES.length})`,
        ...(chosen.misses.length ? ['  misses:', ...chosen.misses.map((m) => `    ${m}`)] : []),
      ].join('\n'),
    );
    expect(chosen.precisionAt3).toBeGreaterThanOrEqual(0.8);
    // The choice is measured, not assumed: no other mode finds more right answers in the top 3 on
    // this set (the service's mode is preferred among equals for its 3× faster index build).
    for (const r of rows) expect(chosen.precisionAt3).toBeGreaterThanOrEqual(r.precisionAt3);
  });
});

describe('library search relevance through the index snapshot', () => {
  it('a search Lambda that loaded the snapshot (not the items) ranks exactly as the in-memory index: precision@3 ≥ 0.94', async () => {
    const { memoryLibrary, memoryObjects } = await import('./library-memory');
    const { LiveLibraryIndex, rebuildLibrarySnapshot } = await import('../src/adapters/search/live-library-index');
    const mem = memoryLibrary(items);
    const { bucket } = memoryObjects();
    await rebuildLibrarySnapshot(mem.store, bucket, { now: NOW });
    mem.calls.listItems = 0;
    const lambda = new LiveLibraryIndex(mem.store, { snapshots: bucket });
    const inMemory = buildLibraryIndex(items);
    let hits = 0;
    for (const [query, expected] of QUERIES) {
      const got = await lambda.search(query, { limit: 10, now: NOW });
      const want = inMemory.search(query, { limit: 10, now: NOW });
      expect(got.hits.map((h) => h.item.id), query).toEqual(want.hits.map((h) => h.doc.id));
      got.hits.forEach((h, i) => expect(Math.abs(h.score - want.hits[i]!.score), query).toBeLessThanOrEqual(1e-9));
      if (got.hits.slice(0, 3).some((h) => expected.includes(h.item.id.replace(/^demo-/, '')))) hits++;
    }
    expect(lambda.stats).toMatchObject({ snapshotLoads: 1, fullBuilds: 0 });
    expect(mem.calls.listItems).toBe(0);
    expect(hits / QUERIES.length).toBeGreaterThanOrEqual(0.94);
  });
});
