import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';
import { CHINESE, show } from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
  // What an administrator might leave behind: a retired category and department, and a new
  // category meant to be listed first.
  await stack.deps.reference.putCategory({ id: 'old-retired', name: '已停用的类别', types: ['complaint'], sortOrder: 2.5, active: false });
  await stack.deps.reference.putCategory({ id: 'a-top', name: '置顶类别', types: ['suggestion'], sortOrder: 0, active: true });
  await stack.deps.reference.putDepartment({ id: 'chexiao', name: '已撤销的部门', sortOrder: 3.5, active: false });
});

describe('GET /api/categories', () => {
  it('lists the active categories with Chinese names and the case types each allows', async () => {
    const res = await stack.request('GET', '/api/categories');
    expect(res.status, show(res)).toBe(200);
    const items = res.body.items as { id: string; name: string; types: string[] }[];
    expect(items.length).toBeGreaterThanOrEqual(13);
    for (const item of items) {
      expect(item.id).toEqual(expect.any(String));
      expect(item.name).toMatch(CHINESE);
      expect(item.types.length).toBeGreaterThan(0);
    }
    expect(items.find((c) => c.id === 'tuoqian-gongzi')).toMatchObject({
      name: '拖欠农民工工资',
      types: ['consultation', 'complaint', 'report'],
    });
    expect(items.find((c) => c.id === 'luan-shoufei')).toMatchObject({ name: '乱收费', types: ['complaint', 'report'] });
  });

  it('lists them in the administrators\' order, not alphabetically', async () => {
    const res = await stack.request('GET', '/api/categories');
    const ids = (res.body.items as { id: string }[]).map((c) => c.id);
    expect(ids.slice(0, 4)).toEqual(['a-top', 'zhengdi-chaiqian', 'tuoqian-gongzi', 'huinong-zhengce']);
    expect(ids.at(-1)).toBe('qita');
  });

  it('hides inactive categories', async () => {
    const res = await stack.request('GET', '/api/categories');
    const items = res.body.items as { id: string; name: string }[];
    expect(items.map((c) => c.id)).not.toContain('old-retired');
    expect(JSON.stringify(res.body)).not.toContain('已停用的类别');
  });

  it('does not expose internal fields (sortOrder, active, default department)', async () => {
    const res = await stack.request('GET', '/api/categories');
    for (const item of res.body.items) {
      expect(item).not.toHaveProperty('sortOrder');
      expect(item).not.toHaveProperty('active');
      expect(item).not.toHaveProperty('defaultDepartmentId');
    }
  });
});

describe('GET /api/departments', () => {
  it('lists the active departments, in order, with Chinese names', async () => {
    const res = await stack.request('GET', '/api/departments');
    expect(res.status, show(res)).toBe(200);
    const items = res.body.items as { id: string; name: string }[];
    expect(items.slice(0, 3)).toEqual([
      { id: 'zjj', name: '住房和城乡建设局' },
      { id: 'rsj', name: '人力资源和社会保障局' },
      { id: 'nyncj', name: '农业农村局' },
    ]);
    // The city's ten bureaus first, then the districts', the county's and the townships' own (the demo tree).
    expect(items).toHaveLength(20);
    expect(items.slice(10, 12)).toEqual([
      { id: 'hexi-rsj', name: '河西区人力资源和社会保障局' },
      { id: 'hexi-zjj', name: '河西区住房和城乡建设局' },
    ]);
    expect(items.at(-1)).toEqual({ id: 'qs-shuangmiao-nyb', name: '双庙乡农业服务中心' });
    for (const item of items) expect(item.name).toMatch(CHINESE);
  });

  it('hides inactive departments', async () => {
    const res = await stack.request('GET', '/api/departments');
    expect((res.body.items as { id: string }[]).map((d) => d.id)).not.toContain('chexiao');
    expect(JSON.stringify(res.body)).not.toContain('已撤销的部门');
  });
});
