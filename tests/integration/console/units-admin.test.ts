/**
 * The jurisdiction tree as admins keep it (issue #15), through the real handlers on DynamoDB Local:
 * units created under an active parent (at most four levels), renamed, moved with everything below
 * them, disabled only when nothing in their subtree is in use; departments and officials placed in
 * units; and no one but an admin touching any of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminUnitDto } from '@minsheng/shared';
import { createTestStack, type ApiResponse, type TestStack } from '../../support/stack';
import { act, complaintBody, consoleLogin, fileAs, show } from '../../support/console';
import { expectApiError, expectOk, Session, T0 } from './console-kit';

let stack: TestStack;
let session: Session;
let admin: string;

const putUnit = (body: Record<string, unknown>, token = admin) => stack.request('POST', '/api/console/admin/units', { token, body });
const putDepartment = (body: Record<string, unknown>) => stack.request('POST', '/api/console/admin/departments', { token: admin, body });
const createOfficial = (body: Record<string, unknown>) => stack.request('POST', '/api/console/admin/officials', { token: admin, body: { password: 'unit-test-password-1', ...body } });

async function tree(): Promise<Map<string, AdminUnitDto>> {
  const res = await stack.request('GET', '/api/console/admin/units', { token: admin });
  expectOk(res);
  return new Map((res.body.items as AdminUnitDto[]).map((u) => [u.id, u]));
}

async function unit(id: string): Promise<AdminUnitDto | undefined> {
  return (await tree()).get(id);
}

/** A message refused with its code, and the words the admin reads. */
function expectRefusal(res: ApiResponse, status: number, code: string, words: string): void {
  expectApiError(res, status, code);
  expect(JSON.stringify(res.body.error), show(res)).toContain(words);
}

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  admin = await session.token('admin');
});

describe('the tree as listed', () => {
  it('lists every unit with its path, level, parent and what is in it', async () => {
    const units = await tree();
    expect(units.get('root')).toMatchObject({ name: '兴辽市', level: 1, path: 'root', active: true });
    expect(units.get('root')!.parentId).toBeUndefined();
    expect(units.get('qingshan')).toMatchObject({ name: '青山县', level: 2, parentId: 'root', path: 'root/qingshan' });
    expect(units.get('qs-chengnan-xingfu')).toMatchObject({ name: '幸福社区', level: 4, parentId: 'qs-chengnan', path: 'root/qingshan/qs-chengnan/qs-chengnan-xingfu' });
    // 城南镇: 综治办 and 社会保障所, their two handlers and the town's intake officer.
    expect(units.get('qs-chengnan')).toMatchObject({ departments: 2, officials: 3 });
    // The city: ten bureaus, their handlers, and the city's intake officer, supervisor and admin.
    expect(units.get('root')).toMatchObject({ departments: 10, officials: 13 });
    expect(units.get('qs-chengnan-xingfu')).toMatchObject({ departments: 0, officials: 0 });
  });
});

describe('creating units', () => {
  it('adds a 社区 under 城南镇: level 4, its path below the town', async () => {
    const res = await putUnit({ id: 'qs-chengnan-heping', name: '和平社区', parentId: 'qs-chengnan' });
    expectOk(res);
    expect(res.body).toMatchObject({ id: 'qs-chengnan-heping', level: 4, parentId: 'qs-chengnan', path: 'root/qingshan/qs-chengnan/qs-chengnan-heping', active: true });
    expect(await unit('qs-chengnan-heping')).toMatchObject({ name: '和平社区', level: 4, departments: 0, officials: 0 });
  });

  it('refuses a unit below a 社区/村, in words', async () => {
    const res = await putUnit({ id: 'too-deep', name: '第五级', parentId: 'qs-chengnan-xingfu' });
    expectRefusal(res, 400, 'VALIDATION_FAILED', '社区/村以下不能再设下级单位');
    expect(await unit('too-deep')).toBeUndefined();
  });

  it('needs an existing, active parent', async () => {
    expectRefusal(await putUnit({ id: 'orphan', name: '无上级' }), 400, 'VALIDATION_FAILED', '请选择上级单位');
    expectRefusal(await putUnit({ id: 'orphan', name: '无上级', parentId: 'nowhere' }), 400, 'UNKNOWN_UNIT', '上级单位不存在');
    expectOk(await putUnit({ id: 'hexi-old', name: '旧街道', parentId: 'hexi' }));
    expectOk(await putUnit({ id: 'hexi-old', name: '旧街道', active: false }));
    expectRefusal(await putUnit({ id: 'hexi-old-a', name: '旧社区', parentId: 'hexi-old' }), 400, 'UNKNOWN_UNIT', '已停用');
    const units = await tree();
    expect(units.has('orphan')).toBe(false);
    expect(units.has('hexi-old-a')).toBe(false);
  });

  it('refuses bad ids and names field by field', async () => {
    for (const body of [
      { id: 'Has Spaces', name: '单位', parentId: 'hexi' },
      { id: 'a/b', name: '单位', parentId: 'hexi' },
      { id: 'okid', name: '', parentId: 'hexi' },
      { id: 'okid', name: '单'.repeat(51), parentId: 'hexi' },
      { id: 'okid', name: '单位', parentId: 'hexi', level: 2 },
      { id: 'okid', name: '单位', parentId: 'hexi', path: 'root/x' },
    ]) {
      expectApiError(await putUnit(body), 400, 'VALIDATION_FAILED');
    }
    expect(await unit('okid')).toBeUndefined();
  });
});

describe('renaming and moving', () => {
  it('renames a unit in place; its officials see the new name', async () => {
    const res = await putUnit({ id: 'beihu', name: '北湖新区' });
    expectOk(res);
    expect(res.body).toMatchObject({ id: 'beihu', name: '北湖新区', level: 2, parentId: 'root', path: 'root/beihu' });
    const me = await stack.request('GET', '/api/console/me', { token: await consoleLogin(stack, 'beihu-shouli') });
    expect(me.body.official).toMatchObject({ role: 'intake', unitId: 'beihu', unitName: '北湖新区' });
  });

  it('moves a street with its community to another district: the descendants\' paths and levels follow', async () => {
    expectOk(await putUnit({ id: 'hexi-moving', name: '迁移街道', parentId: 'hexi' }));
    expectOk(await putUnit({ id: 'hexi-moving-a', name: '迁移社区', parentId: 'hexi-moving' }));
    const res = await putUnit({ id: 'hexi-moving', name: '迁移街道', parentId: 'beihu' });
    expectOk(res);
    expect(res.body).toMatchObject({ parentId: 'beihu', path: 'root/beihu/hexi-moving', level: 3 });
    const units = await tree();
    expect(units.get('hexi-moving')).toMatchObject({ parentId: 'beihu', path: 'root/beihu/hexi-moving', level: 3 });
    expect(units.get('hexi-moving-a')).toMatchObject({ parentId: 'hexi-moving', path: 'root/beihu/hexi-moving/hexi-moving-a', level: 4 });
  });

  it('moves a town with 150 villages (more than one transaction of 100): every village follows, and sending the move again after a failure half-way finishes it', async () => {
    expectOk(await putUnit({ id: 'big-town', name: '大镇', parentId: 'qingshan' }));
    const villages = Array.from({ length: 150 }, (_, i) => ({ id: `big-town-v${i}`, name: `村${i}`, level: 4 as const, parentId: 'big-town', path: `root/qingshan/big-town/big-town-v${i}`, sortOrder: i, active: true }));
    await stack.deps.reference.putUnits(villages);
    expectOk(await putUnit({ id: 'big-town', name: '大镇', parentId: 'hexi' }));
    let units = await tree();
    expect(units.get('big-town')).toMatchObject({ parentId: 'hexi', path: 'root/hexi/big-town', level: 3 });
    expect(villages.filter((v) => units.get(v.id)?.path !== `root/hexi/big-town/${v.id}`).map((v) => v.id)).toEqual([]);

    // A move interrupted after its first transaction (100 villages at the new place, the town and 50 villages not yet).
    const putUnits = stack.deps.reference.putUnits.bind(stack.deps.reference);
    let calls = 0;
    stack.deps.reference.putUnits = async (us) => {
      await putUnits(us.slice(0, 100));
      calls++;
      throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
    };
    try {
      const failed = await putUnit({ id: 'big-town', name: '大镇', parentId: 'beihu' });
      expect(failed.status, show(failed)).toBe(503);
    } finally {
      stack.deps.reference.putUnits = putUnits;
    }
    expect(calls).toBe(1);
    expect((await tree()).get('big-town')).toMatchObject({ parentId: 'hexi' }); // the town is written last
    // The admin sends it again: everything ends up below 北湖区.
    expectOk(await putUnit({ id: 'big-town', name: '大镇', parentId: 'beihu' }));
    units = await tree();
    expect(units.get('big-town')).toMatchObject({ parentId: 'beihu', path: 'root/beihu/big-town', level: 3 });
    expect(villages.filter((v) => units.get(v.id)?.path !== `root/beihu/big-town/${v.id}`).map((v) => v.id)).toEqual([]);
  });

  it('moves a street up to the city: a level higher, its community too', async () => {
    expectOk(await putUnit({ id: 'hexi-up', name: '上移街道', parentId: 'hexi' }));
    expectOk(await putUnit({ id: 'hexi-up-a', name: '上移社区', parentId: 'hexi-up' }));
    expectOk(await putUnit({ id: 'hexi-up', name: '上移街道', parentId: 'root' }));
    const units = await tree();
    expect(units.get('hexi-up')).toMatchObject({ path: 'root/hexi-up', level: 2 });
    expect(units.get('hexi-up-a')).toMatchObject({ path: 'root/hexi-up/hexi-up-a', level: 3 });
  });

  it('refuses a move below a unit\'s own subtree, or one that would make more than four levels; nothing moves', async () => {
    const before = await tree();
    expectRefusal(await putUnit({ id: 'qingshan', name: '青山县', parentId: 'qingshan' }), 400, 'VALIDATION_FAILED', '不能把单位移到它自己或它的下级单位之下');
    expectRefusal(await putUnit({ id: 'qingshan', name: '青山县', parentId: 'qs-chengnan' }), 400, 'VALIDATION_FAILED', '不能把单位移到它自己或它的下级单位之下');
    // 城南镇 has a 社区 below it: under a district's street it would reach level 5.
    expectRefusal(await putUnit({ id: 'qs-chengnan', name: '城南镇', parentId: 'hexi-xinhua' }), 400, 'VALIDATION_FAILED', '超过四级');
    // The root stays the root.
    expectRefusal(await putUnit({ id: 'root', name: '兴辽市', parentId: 'hexi' }), 400, 'VALIDATION_FAILED', '不能移动');
    expectRefusal(await putUnit({ id: 'hexi-xinhua', name: '新华街道', parentId: 'nowhere' }), 400, 'UNKNOWN_UNIT', '上级单位不存在');
    const after = await tree();
    for (const id of ['qingshan', 'qs-chengnan', 'qs-chengnan-xingfu', 'qs-chengnan-heping', 'root', 'hexi-xinhua']) {
      expect(after.get(id)).toEqual(before.get(id));
    }
  });
});

describe('disabling units', () => {
  it('the root cannot be disabled', async () => {
    expectRefusal(await putUnit({ id: 'root', name: '兴辽市', active: false }), 400, 'VALIDATION_FAILED', '不能停用');
    expect((await unit('root'))!.active).toBe(true);
  });

  it('is refused while active departments remain in the subtree, naming them', async () => {
    const res = await putUnit({ id: 'qingshan', name: '青山县', active: false });
    expectRefusal(res, 409, 'UNIT_IN_USE', '城南镇综治办');
    expect((await unit('qingshan'))!.active).toBe(true);
    expect((await unit('qs-chengnan'))!.active).toBe(true);
  });

  it('is refused while an enabled official works there; disabling the account lets it go', async () => {
    expectOk(await putUnit({ id: 'hexi-tmp', name: '临时街道', parentId: 'hexi' }));
    expectOk(await createOfficial({ username: 'tmp-shouli', displayName: '临时受理员', role: 'intake', unitId: 'hexi-tmp' }), 201);
    expect(await unit('hexi-tmp')).toMatchObject({ officials: 1 });
    expectRefusal(await putUnit({ id: 'hexi-tmp', name: '临时街道', active: false }), 409, 'UNIT_IN_USE', '临时受理员（tmp-shouli）');
    expectOk(await stack.request('POST', '/api/console/admin/officials/tmp-shouli/disable', { token: admin }));
    const res = await putUnit({ id: 'hexi-tmp', name: '临时街道', active: false });
    expectOk(res);
    expect(res.body.active).toBe(false);
    // Inactive units are still listed (their history stays), with the disabled account counted.
    expect(await unit('hexi-tmp')).toMatchObject({ active: false, officials: 1 });
  });

  it('disables the whole subtree; a unit below is re-enabled only once its parent is', async () => {
    expectOk(await putUnit({ id: 'qs-tmp', name: '临时乡', parentId: 'qingshan' }));
    expectOk(await putUnit({ id: 'qs-tmp-a', name: '临时村', parentId: 'qs-tmp' }));
    expectOk(await putUnit({ id: 'qs-tmp', name: '临时乡', active: false }));
    let units = await tree();
    expect(units.get('qs-tmp')!.active).toBe(false);
    expect(units.get('qs-tmp-a')!.active).toBe(false);
    expectRefusal(await putUnit({ id: 'qs-tmp-a', name: '临时村', active: true }), 400, 'VALIDATION_FAILED', '请先启用上级单位');
    expectOk(await putUnit({ id: 'qs-tmp', name: '临时乡', active: true }));
    expectOk(await putUnit({ id: 'qs-tmp-a', name: '临时村', active: true }));
    units = await tree();
    expect(units.get('qs-tmp')!.active).toBe(true);
    expect(units.get('qs-tmp-a')!.active).toBe(true);
  });

  it('is refused (409) while a department below holds open cases — even an inactive one — and the subtree does not move either', async () => {
    expectOk(await putUnit({ id: 'beihu-busy', name: '繁忙街道', parentId: 'beihu' }));
    expectOk(await putUnit({ id: 'beihu-busy-a', name: '繁忙社区', parentId: 'beihu-busy' }));
    expectOk(await putDepartment({ id: 'beihu-busy-a-jwh', name: '繁忙社区居委会', unitId: 'beihu-busy-a' }));
    const { caseNo } = await fileAs(stack, complaintBody({ title: '社区楼道堆放杂物' }));
    const accepted = await act(stack, await session.token('shouli'), caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'beihu-busy-a-jwh' });
    expect(accepted.status, show(accepted)).toBe(200);
    // The department itself is switched off; its open case is still there.
    expectOk(await putDepartment({ id: 'beihu-busy-a-jwh', name: '繁忙社区居委会', active: false }));

    expectRefusal(await putUnit({ id: 'beihu-busy', name: '繁忙街道', active: false }), 409, 'UNIT_IN_USE', '未办结的案件');
    expectRefusal(await putUnit({ id: 'beihu-busy', name: '繁忙街道', parentId: 'hexi' }), 409, 'UNIT_IN_USE', '未办结的案件');
    expectRefusal(await putDepartment({ id: 'beihu-busy-a-jwh', name: '繁忙社区居委会', unitId: 'beihu-dongfeng' }), 409, 'UNIT_IN_USE', '未办结的案件');
    const units = await tree();
    expect(units.get('beihu-busy')).toMatchObject({ active: true, path: 'root/beihu/beihu-busy' });
    expect(units.get('beihu-busy-a')).toMatchObject({ active: true, departments: 1 });
  });

  it('is refused (409) while a case filed there still awaits acceptance at its intake desk', async () => {
    expectOk(await putUnit({ id: 'beihu-waiting', name: '候理街道', parentId: 'beihu' }));
    const filed = await stack.request('POST', '/api/cases', { body: complaintBody({ title: '街道路灯不亮', location: { text: '候理街道', unitId: 'beihu-waiting' } }) });
    expect(filed.status, show(filed)).toBe(201);
    expectRefusal(await putUnit({ id: 'beihu-waiting', name: '候理街道', active: false }), 409, 'UNIT_IN_USE', '待受理的诉求（候理街道）');
    expectRefusal(await putUnit({ id: 'beihu-waiting', name: '候理街道', parentId: 'hexi' }), 409, 'UNIT_IN_USE', '待受理');
    expect(await unit('beihu-waiting')).toMatchObject({ active: true, path: 'root/beihu/beihu-waiting' });
  });
});

describe('departments in units', () => {
  it('a department is placed in an active unit, keeps it on update, and defaults to the city', async () => {
    const created = await putDepartment({ id: 'qs-chengnan-cgb', name: '城南镇城管办', unitId: 'qs-chengnan' });
    expectOk(created);
    expect(created.body).toMatchObject({ id: 'qs-chengnan-cgb', unitId: 'qs-chengnan', active: true });
    const renamed = await putDepartment({ id: 'qs-chengnan-cgb', name: '城南镇综合执法办' });
    expect(renamed.body).toMatchObject({ name: '城南镇综合执法办', unitId: 'qs-chengnan' });
    const list = await stack.request('GET', '/api/console/admin/departments', { token: admin });
    expect((list.body.items as { id: string; unitId?: string }[]).find((d) => d.id === 'qs-chengnan-cgb')).toMatchObject({ unitId: 'qs-chengnan' });
    expect(await unit('qs-chengnan')).toMatchObject({ departments: 3 });

    const cityLevel = await putDepartment({ id: 'city-new', name: '市信访局' });
    expect(cityLevel.body).toMatchObject({ unitId: 'root' });
  });

  it('refuses an unknown or disabled unit', async () => {
    expectRefusal(await putDepartment({ id: 'lost-dept', name: '迷路部门', unitId: 'nowhere' }), 400, 'UNKNOWN_UNIT', '单位不存在');
    expectRefusal(await putDepartment({ id: 'lost-dept', name: '迷路部门', unitId: 'hexi-old' }), 400, 'UNKNOWN_UNIT', '已停用');
    const list = await stack.request('GET', '/api/console/admin/departments', { token: admin });
    expect((list.body.items as { id: string }[]).some((d) => d.id === 'lost-dept')).toBe(false);
  });
});

describe('officials in units', () => {
  it('an intake officer is placed in a unit and sees it on /me; a handler takes the department\'s unit', async () => {
    const created = await createOfficial({ username: 'qs-shouli2', displayName: '青山县受理员二', role: 'intake', unitId: 'qingshan' });
    expect(created.status, show(created)).toBe(201);
    expect(created.body).toMatchObject({ unitId: 'qingshan', unitName: '青山县' });
    const me = await stack.request('GET', '/api/console/me', { token: await consoleLogin(stack, 'qs-shouli2', 'unit-test-password-1') });
    expect(me.body.official).toMatchObject({ username: 'qs-shouli2', role: 'intake', unitId: 'qingshan', unitName: '青山县' });

    const list = await stack.request('GET', '/api/console/admin/officials', { token: admin });
    const byName = new Map((list.body.items as { username: string; unitId: string; unitName: string }[]).map((o) => [o.username, o]));
    expect(byName.get('qs-rsj')).toMatchObject({ unitId: 'qingshan', unitName: '青山县' });
    expect(byName.get('qs-chengnan-zzb')).toMatchObject({ unitId: 'qs-chengnan', unitName: '城南镇' });
    expect(byName.get('shouli')).toMatchObject({ unitId: 'root', unitName: '兴辽市' });
    expect(byName.get('cn-shouli')).toMatchObject({ unitId: 'qs-chengnan', unitName: '城南镇' });
    const handlerMe = await stack.request('GET', '/api/console/me', { token: await consoleLogin(stack, 'qs-rsj') });
    expect(handlerMe.body.official).toMatchObject({ role: 'handler', departmentName: '青山县人力资源和社会保障局', unitName: '青山县' });
  });

  it('refuses a unit for a handler, and an unknown or disabled unit', async () => {
    const handler = await createOfficial({ username: 'qs-handler2', displayName: '承办人二', role: 'handler', departmentId: 'qs-rsj', unitId: 'qingshan' });
    expectRefusal(handler, 400, 'VALIDATION_FAILED', '承办人的所属单位随其部门');
    expectRefusal(await createOfficial({ username: 'lost-shouli', displayName: '迷路受理员', role: 'intake', unitId: 'nowhere' }), 400, 'UNKNOWN_UNIT', '单位不存在');
    expectRefusal(await createOfficial({ username: 'lost-shouli', displayName: '迷路受理员', role: 'supervisor', unitId: 'hexi-old' }), 400, 'UNKNOWN_UNIT', '已停用');
    const list = await stack.request('GET', '/api/console/admin/officials', { token: admin });
    const names = (list.body.items as { username: string }[]).map((o) => o.username);
    expect(names).not.toContain('qs-handler2');
    expect(names).not.toContain('lost-shouli');
  });
});

describe('moving an official (a personnel change)', () => {
  const assign = (username: string, body: Record<string, unknown>) => stack.request('POST', `/api/console/admin/officials/${username}/assignment`, { token: admin, body });

  it('an intake officer moved to another county: their sessions end, they see the new county only, and 我受理的 no longer lists the old one\'s cases', async () => {
    expect((await createOfficial({ username: 'mv-shouli', displayName: '调动受理员', role: 'intake', unitId: 'qingshan' })).status).toBe(201);
    const before = await consoleLogin(stack, 'mv-shouli', 'unit-test-password-1');
    const filed = await fileAs(stack, complaintBody({ title: '调动前受理的案件', location: { text: '县城', unitId: 'qingshan' } }));
    expectOk(await act(stack, before, filed.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'qs-rsj' }));
    const mine = async (token: string) => ((await stack.request('GET', '/api/console/cases?queue=mine', { token })).body.items as { caseNo: string }[]).map((i) => i.caseNo);
    expect(await mine(before)).toContain(filed.caseNo);

    const moved = await assign('mv-shouli', { unitId: 'beihu' });
    expect(moved.status, show(moved)).toBe(200);
    expect(moved.body).toMatchObject({ username: 'mv-shouli', role: 'intake', unitId: 'beihu', unitName: expect.stringMatching(/^北湖/) });
    expect((await stack.request('GET', '/api/console/me', { token: before })).status).toBe(401);

    const after = await consoleLogin(stack, 'mv-shouli', 'unit-test-password-1');
    expect((await stack.request('GET', '/api/console/me', { token: after })).body.official).toMatchObject({ unitId: 'beihu', unitName: expect.stringMatching(/^北湖/) });
    expectApiError(await stack.request('GET', `/api/console/cases/${filed.caseNo}`, { token: after }), 404, 'CASE_NOT_FOUND');
    expect(await mine(after)).not.toContain(filed.caseNo);
    // The case stays where it is: 青山县's intake still has it.
    expect((await stack.request('GET', `/api/console/cases/${filed.caseNo}`, { token: await session.token('qs-shouli') })).status).toBe(200);
  });

  it('a handler moves to another department, their unit following it', async () => {
    expect((await createOfficial({ username: 'mv-handler', displayName: '调动承办人', role: 'handler', departmentId: 'qs-rsj' })).status).toBe(201);
    const moved = await assign('mv-handler', { departmentId: 'qs-chengnan-zzb' });
    expect(moved.status, show(moved)).toBe(200);
    expect(moved.body).toMatchObject({ departmentId: 'qs-chengnan-zzb', departmentName: '城南镇综治办', unitId: 'qs-chengnan', unitName: '城南镇' });
  });

  it('refuses, in words, a unit for a handler, a department for anyone else, both or neither, an unknown unit or account; nothing changes', async () => {
    expectRefusal(await assign('mv-handler', { unitId: 'qingshan' }), 400, 'VALIDATION_FAILED', '承办人请选择新的所属部门');
    expectRefusal(await assign('mv-shouli', { departmentId: 'qs-rsj' }), 400, 'VALIDATION_FAILED', '只有承办人属于部门');
    expectRefusal(await assign('mv-shouli', { unitId: 'qingshan', departmentId: 'qs-rsj' }), 400, 'VALIDATION_FAILED', '单位和部门只能选一项');
    expectRefusal(await assign('mv-shouli', {}), 400, 'VALIDATION_FAILED', '请选择新的所属单位或部门');
    expectRefusal(await assign('mv-shouli', { unitId: 'nowhere' }), 400, 'UNKNOWN_UNIT', '单位不存在');
    expectRefusal(await assign('mv-handler', { departmentId: 'no-such-dept' }), 400, 'UNKNOWN_DEPARTMENT', '部门不存在');
    expectRefusal(await assign('nobody-here', { unitId: 'qingshan' }), 404, 'NOT_FOUND', '账号不存在');
    const list = await stack.request('GET', '/api/console/admin/officials', { token: admin });
    const byName = new Map((list.body.items as { username: string; unitId: string; departmentId?: string }[]).map((o) => [o.username, o]));
    expect(byName.get('mv-shouli')).toMatchObject({ unitId: 'beihu' });
    expect(byName.get('mv-handler')).toMatchObject({ departmentId: 'qs-chengnan-zzb' });
  });
});

describe('only admins', () => {
  it('everyone else gets 403 on the tree, and nothing changes', async () => {
    const before = await tree();
    for (const username of ['shouli', 'duban', 'rsj', 'qs-shouli', 'qs-duban', 'cn-shouli']) {
      const token = await session.token(username);
      expectApiError(await stack.request('GET', '/api/console/admin/units', { token }), 403, 'FORBIDDEN');
      expectApiError(await putUnit({ id: 'qingshan', name: '被改名', active: false }, token), 403, 'FORBIDDEN');
      expectApiError(await putUnit({ id: `probe-${username}`, name: '越权单位', parentId: 'qingshan' }, token), 403, 'FORBIDDEN');
    }
    expectApiError(await stack.request('GET', '/api/console/admin/units'), 401, 'UNAUTHENTICATED');
    expect(await tree()).toEqual(before);
  });
});
