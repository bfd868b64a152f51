/**
 * Admins manage the library through the console routes, and search keeps in step with the table:
 * in the process that made the change at once, and in another warm "Lambda" (its own index, its
 * own clock) within its check interval — catching up item by item, or rebuilding when synonyms change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiDate } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { show } from '../../support/console';
import { expectApiError, Session } from '../console/console-kit';
import { seedDemoLibrary } from '../../../infra/src/demo-library';
import { ids, otherLambda, q, type OtherLambda } from './library-kit';

let stack: TestStack;
let session: Session;
let admin: string;
let other: OtherLambda;

const policy = (overrides: Record<string, unknown> = {}) => ({
  title: '民安县蜂农养殖补贴试点方案',
  issuer: '民安县农业农村局',
  // Today: the newest item in the library, and not in the future (which is refused).
  issuedAt: toShanghaiDate(new Date()),
  docNo: '民安农发〔2026〕5号',
  body: '对在本县从事中蜂养殖、存栏50群以上的蜂农，每群补贴80元，由乡镇核实后发放。',
  tags: ['惠农补贴', '养殖'],
  categoryId: 'huinong-zhengce',
  ...overrides,
});

beforeAll(async () => {
  stack = await createTestStack();
  await seedDemoLibrary(stack.deps);
  session = await Session.start(stack);
  admin = await session.token('admin');
  other = otherLambda(stack);
  // The other Lambda is warm: its index is built before any of the changes below.
  expect((await other.search('q=低保')).body.total).toBeGreaterThan(0);
});

describe('a policy created, edited and deleted by an admin', () => {
  let id: string;

  it('is found at once where it was created, and within the check interval in another warm process', async () => {
    expect(ids((await stack.request('GET', q('蜂农'))).body)).toEqual([]);
    const created = await stack.request('POST', '/api/console/admin/policies', { token: admin, body: policy() });
    expect(created.status, show(created)).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ kind: 'policy', revision: 1, createdBy: 'admin', updatedBy: 'admin', docNo: '民安农发〔2026〕5号', categoryName: '惠农政策落实' });

    expect(ids((await stack.request('GET', q('蜂农养殖补贴'))).body)[0]).toBe(id);

    // The other process trusts its index for 3 s of its clock, then sees the change.
    expect(ids((await other.search(`q=${encodeURIComponent('蜂农')}`)).body)).toEqual([]);
    other.advance(3001);
    expect(ids((await other.search(`q=${encodeURIComponent('蜂农')}`)).body)[0]).toBe(id);
    // It caught up with the one changed item, without rebuilding.
    expect(other.index.stats).toMatchObject({ fullBuilds: 1, incrementalUpdates: 1 });

    const publicView = await stack.request('GET', `/api/policies/${id}`);
    expect(publicView.status, show(publicView)).toBe(200);
    expect(publicView.body.title).toBe('民安县蜂农养殖补贴试点方案');
  });

  it('an edit at a stale revision is refused (409); at the current one it replaces the item everywhere', async () => {
    const stale = await stack.request('POST', `/api/console/admin/policies/${id}`, { token: admin, body: { kind: 'policy', ...policy({ title: '旧版本上的修改' }), expectedRevision: 7 } });
    expectApiError(stale, 409, 'VERSION_CONFLICT');

    // An admin reads the item as stored now (what a 409 sends them back to).
    const one = await stack.request('GET', `/api/console/admin/policies/${id}`, { token: admin });
    expect(one.status, show(one)).toBe(200);
    expect(one.body).toMatchObject({ id, revision: 1, title: '民安县蜂农养殖补贴试点方案', createdBy: 'admin' });
    expectApiError(await stack.request('GET', '/api/console/admin/policies/p-no-such-item', { token: admin }), 404, 'NOT_FOUND');

    const edited = await stack.request('POST', `/api/console/admin/policies/${id}`, {
      token: admin,
      body: { kind: 'policy', ...policy({ title: '民安县中蜂产业扶持办法', body: '对中蜂养殖户按存栏群数给予扶持资金。' }), expectedRevision: 1 },
    });
    expect(edited.status, show(edited)).toBe(200);
    expect(edited.body).toMatchObject({ id, revision: 2, title: '民安县中蜂产业扶持办法' });

    expect(ids((await stack.request('GET', q('中蜂产业扶持'))).body)[0]).toBe(id);
    // The words only the old version had find nothing any more.
    expect(ids((await stack.request('GET', q('蜂农'))).body)).not.toContain(id);
    other.advance(3001);
    expect(ids((await other.search(`q=${encodeURIComponent('中蜂产业扶持')}`)).body)[0]).toBe(id);
    expect(ids((await other.search(`q=${encodeURIComponent('蜂农')}`)).body)).not.toContain(id);
  });

  it('once deleted it is no longer found, nor opened, nor listed — here and in the other process', async () => {
    // Deleting what the admin saw at revision 1: the item has been edited since (revision 2) — refused, still there.
    expectApiError(await stack.request('DELETE', `/api/console/admin/policies/${id}?expectedRevision=1`, { token: admin }), 409, 'VERSION_CONFLICT');
    expect(ids((await stack.request('GET', q('中蜂产业扶持'))).body)).toContain(id);
    const deleted = await stack.request('DELETE', `/api/console/admin/policies/${id}?expectedRevision=2`, { token: admin });
    expect(deleted.status, show(deleted)).toBe(200);
    expect(deleted.body).toEqual({ id, deleted: true });

    expect(ids((await stack.request('GET', q('中蜂产业扶持'))).body)).not.toContain(id);
    expectApiError(await stack.request('GET', `/api/policies/${id}`), 404, 'NOT_FOUND');
    const listed = await stack.request('GET', '/api/console/admin/policies?limit=200', { token: admin });
    expect(ids(listed.body)).not.toContain(id);
    other.advance(3001);
    expect(ids((await other.search(`q=${encodeURIComponent('中蜂产业扶持')}`)).body)).not.toContain(id);

    expectApiError(await stack.request('DELETE', `/api/console/admin/policies/${id}`, { token: admin }), 404, 'NOT_FOUND');
  });
});

describe('synonyms configured by admins', () => {
  it('start as the built-in list; a saved list is used by every index (which rebuilds)', async () => {
    const before = await stack.request('GET', '/api/console/admin/synonyms', { token: admin });
    expect(before.status, show(before)).toBe(200);
    expect(before.body.isDefault).toBe(true);
    expect(before.body.groups).toEqual(expect.arrayContaining([expect.arrayContaining(['社会保险', '社保'])]));

    const created = await stack.request('POST', '/api/console/admin/policies', {
      token: admin,
      body: policy({ title: '关于开展农村“厕所革命”改厕补助的通知', body: '农户自愿改造卫生厕所的，每户补助1200元。', tags: ['农村人居环境'] }),
    });
    expect(created.status, show(created)).toBe(201);
    // A colloquial word the document never uses finds nothing yet.
    expect(ids((await stack.request('GET', q('旱厕'))).body)).toEqual([]);

    const groups = [...before.body.groups, ['卫生厕所', '旱厕', '茅房']];
    const saved = await stack.request('POST', '/api/console/admin/synonyms', { token: admin, body: { groups } });
    expect(saved.status, show(saved)).toBe(200);
    expect(saved.body).toMatchObject({ isDefault: false, updatedBy: 'admin' });
    expect((await stack.request('GET', '/api/console/admin/synonyms', { token: admin })).body.groups).toEqual(groups);

    expect(ids((await stack.request('GET', q('旱厕'))).body)[0]).toBe(created.body.id);
    expect(ids((await stack.request('GET', q('旱厕改造有补助吗'))).body)[0]).toBe(created.body.id);
    expect(ids((await other.search(`q=${encodeURIComponent('茅房')}`)).body)).toEqual([]);
    other.advance(3001);
    const builds = other.index.stats.fullBuilds;
    expect(ids((await other.search(`q=${encodeURIComponent('茅房')}`)).body)[0]).toBe(created.body.id);
    expect(other.index.stats.fullBuilds).toBe(builds + 1);
  });

  it('two admins editing at once: the second save, made on the list the first replaced, is refused (409); back to the built-in list', async () => {
    const seen = (await stack.request('GET', '/api/console/admin/synonyms', { token: admin })).body;
    expect(seen.isDefault).toBe(false);
    const first = await stack.request('POST', '/api/console/admin/synonyms', {
      token: admin,
      body: { groups: [...seen.groups, ['蜂农', '养蜂人']], expectedRevision: seen.revision },
    });
    expect(first.status, show(first)).toBe(200);
    const second = await stack.request('POST', '/api/console/admin/synonyms', {
      token: admin,
      body: { groups: [...seen.groups, ['医保卡', '社保卡']], expectedRevision: seen.revision },
    });
    expectApiError(second, 409, 'VERSION_CONFLICT');
    expect(second.body.error.message).toContain('其他管理员');
    expect((await stack.request('GET', '/api/console/admin/synonyms', { token: admin })).body.groups).toEqual(first.body.groups);

    // Resetting what someone else has just saved is refused too; at the current list it goes back to the built-in one.
    expectApiError(await stack.request('DELETE', `/api/console/admin/synonyms?expectedRevision=${seen.revision}`, { token: admin }), 409, 'VERSION_CONFLICT');
    const reset = await stack.request('DELETE', `/api/console/admin/synonyms?expectedRevision=${first.body.revision}`, { token: admin });
    expect(reset.status, show(reset)).toBe(200);
    expect(reset.body.isDefault).toBe(true);
    expect((await stack.request('GET', '/api/console/admin/synonyms', { token: admin })).body.isDefault).toBe(true);
    // The admins' own group is gone from search with it.
    expect(ids((await stack.request('GET', q('茅房'))).body)).toEqual([]);
    // Saving on top of the built-in list expects no saved list (null); a second such save is stale.
    const onDefault = await stack.request('POST', '/api/console/admin/synonyms', { token: admin, body: { groups: seen.groups, expectedRevision: null } });
    expect(onDefault.status, show(onDefault)).toBe(200);
    expectApiError(await stack.request('POST', '/api/console/admin/synonyms', { token: admin, body: { groups: seen.groups, expectedRevision: null } }), 409, 'VERSION_CONFLICT');
  });

  it('a term in two groups, or a group of one, is refused', async () => {
    const twice = await stack.request('POST', '/api/console/admin/synonyms', { token: admin, body: { groups: [['社保', '社会保险'], ['医保', '社保']] } });
    expectApiError(twice, 400, 'VALIDATION_FAILED');
    expect(twice.body.error.fields['groups.1.1']).toContain('第 1 组');
    expectApiError(await stack.request('POST', '/api/console/admin/synonyms', { token: admin, body: { groups: [['低保']] } }), 400, 'VALIDATION_FAILED');
  });
});

describe('admin input checks', () => {
  it('bad dates, links, unknown categories, unknown fields and a kind that is not the item’s are refused', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [policy({ issuedAt: '2030-13-01' }), 400, 'VALIDATION_FAILED', 'issuedAt'],
      [policy({ issuedAt: '2025-02-31' }), 400, 'VALIDATION_FAILED', 'issuedAt'],
      [policy({ issuedAt: '0000-01-01' }), 400, 'VALIDATION_FAILED', 'issuedAt'],
      // A mistyped future year would sit on top of the newest-first list for decades.
      [policy({ issuedAt: '2099-12-31' }), 400, 'VALIDATION_FAILED', 'issuedAt'],
      [policy({ sourceUrl: 'javascript:alert(1)' }), 400, 'VALIDATION_FAILED', 'sourceUrl'],
      [policy({ title: '' }), 400, 'VALIDATION_FAILED', 'title'],
      [policy({ secret: 1 }), 400, 'VALIDATION_FAILED', 'secret'],
      [policy({ categoryId: 'no-such-category' }), 400, 'UNKNOWN_CATEGORY', 'categoryId'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await stack.request('POST', '/api/console/admin/policies', { token: admin, body });
      expectApiError(res, status, code);
      expect(res.body.error.fields?.[field], show(res)).toBeTruthy();
    }
    const wrongKind = await stack.request('POST', '/api/console/admin/policies/demo-qa-baogongtou-paole', { token: admin, body: { kind: 'policy', ...policy() } });
    expectApiError(wrongKind, 400, 'VALIDATION_FAILED');
    expect(wrongKind.body.error.fields.kind).toContain('qa');
    expectApiError(await stack.request('POST', '/api/console/admin/policies/no-such-item', { token: admin, body: { kind: 'policy', ...policy() } }), 404, 'NOT_FOUND');
  });

  it('the admin list searches and filters like the public one, with bookkeeping', async () => {
    const res = await stack.request('GET', `/api/console/admin/policies?q=${encodeURIComponent('异地就医')}&kind=policy&limit=5`, { token: admin });
    expect(res.status, show(res)).toBe(200);
    expect(res.body.items[0]).toMatchObject({ id: 'demo-yidi-jiuyi-jiesuan', revision: 1, createdBy: 'admin' });
    for (const item of res.body.items) expect(item.kind).toBe('policy');
  });
});
