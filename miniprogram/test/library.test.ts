import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryItemSummaryDto } from '@minsheng/shared';
import { searchPath } from '../src/features/library/api';
import { splitHighlights } from '../src/features/library/highlight';
import { SUGGEST_CONTENT_MAX, createSuggester, meaningfulLength, scrubQuery, suggestionQuery, usefulSuggestions } from '../src/features/library/suggest';
import { formatDay } from '../src/lib/format';

vi.mock('@tarojs/taro', () => ({ default: {} }));

const item = (id: string, match?: number): LibraryItemSummaryDto => ({
  id,
  kind: 'qa',
  kindLabel: '咨询问答',
  title: id,
  issuedAt: '2025-04-03',
  tags: [],
  snippet: '',
  ...(match === undefined ? {} : { match }),
});

describe('highlighted snippets: plain text segments', () => {
  it('marks the searched words and keeps everything else as it is', () => {
    expect(splitHighlights('在外地打零工，养老保险怎么交？', ['打零工', '养老保险'])).toEqual([
      { text: '在外地', hit: false },
      { text: '打零工', hit: true },
      { text: '，', hit: false },
      { text: '养老保险', hit: true },
      { text: '怎么交？', hit: false },
    ]);
  });

  it('joins back into exactly the text, marks every occurrence, and merges overlapping words', () => {
    const text = '…拖欠工资的，可拨打12333；拖欠工资超过一个月的…';
    const segments = splitHighlights(text, ['拖欠工资', '欠工资', '工资']);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual(['拖欠工资', '拖欠工资']);
  });

  it('ignores case and full-width forms, like the search does', () => {
    expect(splitHighlights('手机ＡＰＰ申请', ['app'])).toEqual([
      { text: '手机', hit: false },
      { text: 'ＡＰＰ', hit: true },
      { text: '申请', hit: false },
    ]);
  });

  it('never turns markup into anything but text', () => {
    const text = '<b>工资</b><script>alert(1)</script>';
    const segments = splitHighlights(text, ['工资']);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments).toContainEqual({ text: '工资', hit: true });
  });

  it('has nothing to mark without words, and nothing at all for empty text', () => {
    expect(splitHighlights('低保怎么申请', undefined)).toEqual([{ text: '低保怎么申请', hit: false }]);
    expect(splitHighlights('低保怎么申请', ['', ' '])).toEqual([{ text: '低保怎么申请', hit: false }]);
    expect(splitHighlights('', ['低保'])).toEqual([]);
  });
});

describe('suggestions while a consultation is typed', () => {
  it('counts Chinese characters, letters and digits, not spaces or punctuation', () => {
    expect(meaningfulLength('  ，。？！')).toBe(0);
    expect(meaningfulLength('社保？ ')).toBe(2);
    expect(meaningfulLength('12333 App')).toBe(8);
  });

  it('waits for about four meaningful characters; without a usable title, asks with the start of the content', () => {
    expect(suggestionQuery('', '')).toBeUndefined();
    expect(suggestionQuery('社保？', '')).toBeUndefined();
    expect(suggestionQuery('社保', '咋交')).toBe('社保 咋交');
    expect(suggestionQuery('', '  社保   怎么交 ')).toBe('社保 怎么交');
    const fromContent = suggestionQuery('低保', '我父亲七十多岁，'.repeat(40))!;
    expect(Array.from(fromContent).length).toBeLessThanOrEqual(SUGGEST_CONTENT_MAX);
    expect(fromContent.startsWith('低保 我父亲七十多岁')).toBe(true);
  });

  it('asks with the title alone once it says enough, however long the description grows', () => {
    expect(suggestionQuery('  在外地打零工\n', '  社保   怎么交 ')).toBe('在外地打零工');
    const description = '我在外地打零工好几年了，老家的社保一直没有交，现在想补交，不知道应该去哪里办理，需要带什么材料。'.repeat(10);
    expect(suggestionQuery('灵活就业社保怎么交', description)).toBe('灵活就业社保怎么交');
    expect(suggestionQuery('灵活就业社保怎么交', '')).toBe(suggestionQuery('灵活就业社保怎么交', description));
  });

  it("never puts the citizen's own name, phone or place, or any long number, in the query", () => {
    const own = { name: '王建国', phone: '138 0013 8000', place: '幸福小区3号楼2单元' };
    const queries = [
      suggestionQuery('王建国问低保怎么申请', '', own),
      suggestionQuery('低保', '我叫王建国，电话13800138000，住在幸福小区3号楼2单元，想问低保怎么申请', own),
      suggestionQuery('低保', '王建国 138-0013-8000 幸福小区3号楼2单元 低保怎么申请', own),
      suggestionQuery('低保怎么申请（身份证210102195001011234）', '', own),
    ];
    for (const q of queries) {
      expect(q).toBeDefined();
      expect(q).not.toContain('王建国');
      expect(q).not.toContain('幸福小区');
      expect(q!.replace(/\D/g, '')).not.toMatch(/\d{5}/);
      expect(q).not.toContain('已隐去');
      expect(q).toContain('低保');
    }
    // A name the form does not know, guessed from how it is introduced; bank cards and QQ numbers.
    expect(scrubQuery('我叫李秀兰 卡号6222 0212 3456 7890 QQ 12345 工资被拖欠')).not.toMatch(/李秀兰|\d{4}/);
    // Short numbers stay: they are often what the question is about.
    expect(scrubQuery('12333 热线')).toBe('热线');
    expect(scrubQuery('2024年 60岁 养老金')).toBe('2024年 60岁 养老金');
  });

  it('drops the own details and long numbers even where the full anonymisation cannot run (no RegExp look-behind)', async () => {
    vi.resetModules();
    vi.doMock('@minsheng/shared', async (importOriginal) => ({
      ...(await importOriginal<typeof import('@minsheng/shared')>()),
      anonymiseText: () => {
        throw new SyntaxError('Invalid regular expression: invalid group specifier name');
      },
    }));
    try {
      const { suggestionQuery: query } = await import('../src/features/library/suggest');
      const q = query('王建国问低保怎么申请', '', { name: '王建国', phone: '13800138000', place: '幸福小区' });
      expect(q).toBe('问低保怎么申请');
      expect(query('低保', '王建国 电话 138 0013 8000 住幸福小区', { name: '王建国', phone: '13800138000', place: '幸福小区' })).toBe('低保 电话 住');
    } finally {
      vi.doUnmock('@minsheng/shared');
      vi.resetModules();
    }
  });

  it('shows at most three items, and none that match less than a quarter of the query', () => {
    expect(usefulSuggestions([item('a', 0.69), item('b', 0.22), item('c', 0.25), item('d'), item('e', 1), item('f', 0.9)]).map((i) => i.id)).toEqual(['a', 'c', 'e']);
    expect(usefulSuggestions([])).toEqual([]);
  });
});

describe('the suggester', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A search whose answers the test releases one by one, in any order. */
  function controlledSearch() {
    const calls: { q: string; resolve: (items: LibraryItemSummaryDto[]) => void; reject: (e: unknown) => void }[] = [];
    const search = vi.fn(
      (q: string) =>
        new Promise<{ items: LibraryItemSummaryDto[] }>((resolve, reject) => {
          calls.push({ q, resolve: (items) => resolve({ items }), reject });
        }),
    );
    return { search, calls };
  }

  it('searches once typing pauses (~400 ms), not at every keystroke', async () => {
    const { search } = controlledSearch();
    const s = createSuggester({ search, onResult: () => undefined });
    s.update('在外地');
    await vi.advanceTimersByTimeAsync(200);
    s.update('在外地打零工');
    await vi.advanceTimersByTimeAsync(399);
    expect(search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith('在外地打零工');
    s.update('在外地打零工'); // the same query again: nothing new to ask
    await vi.advanceTimersByTimeAsync(1000);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('never lets a slow earlier answer overwrite a newer one', async () => {
    const { search, calls } = controlledSearch();
    const onResult = vi.fn();
    const s = createSuggester({ search, onResult });
    s.update('社保');
    await vi.advanceTimersByTimeAsync(400);
    s.update('社保怎么交');
    await vi.advanceTimersByTimeAsync(400);
    expect(calls.map((c) => c.q)).toEqual(['社保', '社保怎么交']);
    calls[1]!.resolve([item('new', 0.8)]);
    await vi.advanceTimersByTimeAsync(0);
    calls[0]!.resolve([item('old', 0.9)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(onResult).toHaveBeenCalledTimes(1);
    expect(onResult).toHaveBeenLastCalledWith([expect.objectContaining({ id: 'new' })]);
  });

  it('is silent when the network fails, and clears when too little is typed', async () => {
    const { search, calls } = controlledSearch();
    const onResult = vi.fn();
    const s = createSuggester({ search, onResult });
    s.update('低保申请');
    await vi.advanceTimersByTimeAsync(400);
    calls[0]!.reject(new Error('network'));
    await vi.advanceTimersByTimeAsync(0);
    expect(onResult).not.toHaveBeenCalled();
    s.update(undefined);
    expect(onResult).toHaveBeenLastCalledWith([]);
  });

  it('stops after dispose: no search, no late answer', async () => {
    const { search, calls } = controlledSearch();
    const onResult = vi.fn();
    const s = createSuggester({ search, onResult });
    s.update('惠农补贴');
    await vi.advanceTimersByTimeAsync(400);
    s.update('惠农补贴发放');
    s.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(search).toHaveBeenCalledTimes(1);
    calls[0]!.resolve([item('late', 1)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(onResult).not.toHaveBeenCalled();
  });
});

describe('library requests and dates', () => {
  it('sends only what is set, encoded', () => {
    expect(searchPath({})).toBe('/api/policies');
    expect(searchPath({ q: '  ', limit: 10 })).toBe('/api/policies?limit=10');
    expect(searchPath({ q: '社保 咋交&kind=qa', kind: 'policy', limit: 3, offset: 20 })).toBe(
      `/api/policies?q=${encodeURIComponent('社保 咋交&kind=qa')}&kind=policy&limit=3&offset=20`,
    );
  });

  it('writes library days as people read them', () => {
    expect(formatDay('2025-06-10')).toBe('2025年6月10日');
    expect(formatDay('不是日期')).toBe('不是日期');
  });
});
