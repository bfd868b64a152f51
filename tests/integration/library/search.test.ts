/**
 * The public library on DynamoDB Local through the real routes: the demo library seeded as
 * `npm start` seeds it, searched in Chinese, listed newest first, opened by id; bad queries refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_ID_PATTERN } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { show } from '../../support/console';
import { expectApiError } from '../console/console-kit';
import { DEMO_POLICIES, DEMO_QAS, seedDemoLibrary } from '../../../infra/src/demo-library';
import { ids, q } from './library-kit';

let stack: TestStack;
const total = DEMO_POLICIES.length + DEMO_QAS.length;

beforeAll(async () => {
  stack = await createTestStack();
  expect(await seedDemoLibrary(stack.deps)).toBe(total);
  // Seeding again leaves a library that exists alone.
  expect(await seedDemoLibrary(stack.deps)).toBe(0);
});

describe('GET /api/policies', () => {
  it('without q: every item, newest first, 10 a page, with offset', async () => {
    const first = await stack.request('GET', '/api/policies');
    expect(first.status, show(first)).toBe(200);
    expect(first.body.total).toBe(total);
    expect(first.body.items).toHaveLength(10);
    const dates = first.body.items.map((i: { issuedAt: string }) => i.issuedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const next = await stack.request('GET', '/api/policies?limit=10&offset=10');
    expect(next.body.items[0].issuedAt <= dates.at(-1)).toBe(true);
    expect(ids(next.body)).not.toContain(ids(first.body)[0]);
  });

  it('searches in Chinese: the right item first, with a snippet and highlights, and never internal fields', async () => {
    const res = await stack.request('GET', q('种粮补贴什么时候发', '&limit=3'));
    expect(res.status, show(res)).toBe(200);
    expect(res.body.q).toBe('种粮补贴什么时候发');
    expect(res.body.items).toHaveLength(3);
    expect(ids(res.body).some((id: string) => id.startsWith('demo-gengdi-butie') || id === 'demo-qa-gengdi-butie-shijian')).toBe(true);
    const top = res.body.items[0];
    expect(Object.keys(top).sort()).toEqual(
      expect.arrayContaining(['id', 'kind', 'kindLabel', 'title', 'issuedAt', 'tags', 'snippet', 'highlights', 'score', 'match']),
    );
    expect(top.snippet.length).toBeLessThanOrEqual(92);
    expect(top.highlights.length).toBeGreaterThan(0);
    expect(top.match).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/sourceCaseNo|revision|createdBy/);
  });

  it('highlights a short query the segmenter cuts into single characters (种粮 → 种|粮)', async () => {
    const res = await stack.request('GET', q('种粮'));
    expect(res.status, show(res)).toBe(200);
    const withWord = res.body.items.filter((i: { title: string; snippet: string }) => `${i.title}${i.snippet}`.includes('种粮'));
    expect(withWord.length).toBeGreaterThan(0);
    for (const item of withWord) expect(item.highlights).toContain('种粮');
  });

  it('finds nothing for markup or lone letters and digits, rather than everything that contains a "1"', async () => {
    for (const junk of ['<img src=x onerror=alert(1)>', '1', 'a b c 1 2 3']) {
      const res = await stack.request('GET', q(junk));
      expect(res.status, show(res)).toBe(200);
      expect(res.body.total, junk).toBe(0);
    }
    // A real number still finds what it names.
    expect((await stack.request('GET', q('12333'))).body.total).toBeGreaterThan(0);
  });

  it('finds answers by colloquial words through the built-in synonyms (社保 ↔ 社会保险, 欠薪 ↔ 农民工工资)', async () => {
    const social = await stack.request('GET', q('灵活就业怎么交社保'));
    expect(ids(social.body).slice(0, 3)).toContain('demo-linghuo-jiuye-canbao');
    const wages = await stack.request('GET', q('欠薪'));
    expect(ids(wages.body).slice(0, 5)).toEqual(expect.arrayContaining(['demo-baozhang-nmg-gongzi-tiaoli']));
  });

  it('finds nothing for questions about what the library does not hold, though they share a common word with it (补贴, 政策, 报销)', async () => {
    // Before the relevance floor: 外星人补贴 found 17 items (every subsidy), 火星移民政策 19, 量子纠缠报销 9.
    for (const nonsense of ['外星人补贴', '火星移民政策', '量子纠缠报销']) {
      const res = await stack.request('GET', q(nonsense));
      expect(res.status, show(res)).toBe(200);
      expect(res.body, nonsense).toEqual({ q: nonsense, total: 0, items: [] });
    }
    // The same common words in a real question still find their items.
    expect(ids((await stack.request('GET', q('残疾人有什么补贴'))).body)[0]).toBe('demo-canjiren-liangxiang-butie');
    expect(ids((await stack.request('GET', q('异地看病怎么报销'))).body).slice(0, 3)).toContain('demo-yidi-jiuyi-jiesuan');
  });

  it('filters by kind: answered questions only', async () => {
    const res = await stack.request('GET', q('低保', '&kind=qa'));
    expect(res.status, show(res)).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items) expect(item.kind).toBe('qa');
  });

  it('a query of nothing but question words finds nothing (rather than everything)', async () => {
    const res = await stack.request('GET', q('请问怎么办？'));
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toEqual({ q: '请问怎么办？', total: 0, items: [] });
  });

  it('answers suggestions (limit=3) fast enough to run while a citizen types', async () => {
    const queries = ['工地欠薪', '孩子学校要搬', '异地看病怎么报销', '拆迁补偿', '低保申请'];
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const res = await stack.request('GET', q(queries[i % queries.length]!, '&limit=3'));
      times.push(performance.now() - t0);
      expect(res.status).toBe(200);
    }
    times.sort((a, b) => a - b);
    const median = times[30]!;
    console.log(`suggestions through the handler (in-process, warm index): median ${median.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`);
    expect(median).toBeLessThan(50);
  });

  it('refuses bad queries with field messages', async () => {
    for (const query of ['limit=0', 'limit=51', 'limit=abc', 'offset=-1', 'kind=law', 'sort=date', `q=${'政'.repeat(501)}`]) {
      const res = await stack.request('GET', `/api/policies?${query}`);
      expectApiError(res, 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields ?? {}).length, show(res)).toBeGreaterThan(0);
    }
  });
});

describe('GET /api/policies/{id}', () => {
  it('a policy in full: body, issuer, date, document number, source link, category', async () => {
    const res = await stack.request('GET', '/api/policies/demo-baozhang-nmg-gongzi-tiaoli');
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toMatchObject({
      id: 'demo-baozhang-nmg-gongzi-tiaoli',
      kind: 'policy',
      kindLabel: '政策文件',
      title: '保障农民工工资支付条例',
      issuer: '国务院',
      issuedAt: '2019-12-30',
      docNo: '国务院令第724号',
      categoryId: 'tuoqian-gongzi',
      categoryName: '拖欠农民工工资',
    });
    expect(res.body.body).toContain('施工总承包单位');
    expect(res.body.sourceUrl).toMatch(/^https:\/\//);
    expect(res.body.updatedAt).toMatch(/\+08:00$/);
  });

  it('an answered question: question and answer', async () => {
    const res = await stack.request('GET', '/api/policies/demo-qa-baogongtou-paole');
    expect(res.status, show(res)).toBe(200);
    expect(res.body.kind).toBe('qa');
    expect(res.body.question).toContain('包工头');
    expect(res.body.answer).toBe(res.body.body);
  });

  it('unknown or malformed ids are 404 with a Chinese message', async () => {
    expectApiError(await stack.request('GET', '/api/policies/no-such-item'), 404, 'NOT_FOUND');
    expect(LIBRARY_ID_PATTERN.test('../x')).toBe(false);
    expectApiError(await stack.request('GET', `/api/policies/${encodeURIComponent('ITEM#x')}`), 404, 'NOT_FOUND');
  });
});
