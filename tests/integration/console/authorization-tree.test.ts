/**
 * Scope in the jurisdiction tree (issue #15 "Scope everywhere"): a generated matrix of every console
 * case route (each queue, detail, reveal, audit, actions, attachment link, statistics) × role
 * (intake, handler, supervisor) × where the case sits relative to the official (their own unit, its
 * parent, a child, a sibling subtree, another county) → allowed or refused as designed: a case out
 * of scope is 404 CASE_NOT_FOUND on every case route, absent from every queue, and not in the
 * official's figures. Officials stand at two places (a 区, 河西区, and a 街道 below it, 新华街道); the
 * cases are placed through the real API (filed with location.unitId, accepted to a department of
 * that unit by the city's intake `shouli`), on DynamoDB Local.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { childPath, isWithin, type Unit } from '@minsheng/shared';
import { createTestStack, type ApiResponse, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { DEMO_OFFICIAL_PASSWORD, DEMO_UNITS } from '../../../infra/src/demo-data';
import { hashPassword } from '../../../functions/src/lib/secrets';
import { sweepSla } from '../../../functions/src/services/sla/sweep';
import { deliverNotifications } from '../../../functions/src/services/notifications/notifier';
import { DAY, Session, T0 } from './console-kit';

type Role = 'intake' | 'supervisor' | 'handler';
type Relation = 'own' | 'parent' | 'child' | 'sibling' | 'otherCounty';
const ROLES: Role[] = ['intake', 'supervisor', 'handler'];
const RELATIONS: Relation[] = ['own', 'parent', 'child', 'sibling', 'otherCounty'];

/** A 社区 below 新华街道 and the departments the demo tree lacks for the matrix (a 社区's, 南湖街道's). */
const HONGQI: Unit = { id: 'hexi-xinhua-hongqi', name: '红旗社区', level: 4, parentId: 'hexi-xinhua', path: childPath('root/hexi/hexi-xinhua', 'hexi-xinhua-hongqi'), sortOrder: 99, active: true };
const EXTRA_DEPARTMENTS = [
  { id: 'hexi-xinhua-hongqi-jwh', name: '红旗社区居委会', unitId: HONGQI.id },
  { id: 'hexi-nanhu-sqfw', name: '南湖街道社区服务中心', unitId: 'hexi-nanhu' },
];

/** Where each official stands, and the unit (with a department of it) at each relation to them. */
const POSITIONS = [
  {
    at: 'hexi',
    officials: { intake: 'hexi-shouli', supervisor: 'hexi-duban', handler: 'hexi-rsj' },
    relations: { own: ['hexi', 'hexi-rsj'], parent: ['root', 'rsj'], child: ['hexi-xinhua', 'hexi-xinhua-sqfw'], sibling: ['beihu', 'beihu-scjgj'], otherCounty: ['qingshan', 'qs-rsj'] },
  },
  {
    at: 'hexi-xinhua',
    officials: { intake: 'xinhua-shouli', supervisor: 'xinhua-duban', handler: 'hexi-xinhua-sqfw' },
    relations: {
      own: ['hexi-xinhua', 'hexi-xinhua-sqfw'],
      parent: ['hexi', 'hexi-rsj'],
      child: [HONGQI.id, 'hexi-xinhua-hongqi-jwh'],
      sibling: ['hexi-nanhu', 'hexi-nanhu-sqfw'],
      otherCounty: ['qs-chengnan', 'qs-chengnan-zzb'],
    },
  },
] as const satisfies readonly { at: string; officials: Record<Role, string>; relations: Record<Relation, readonly [string, string]> }[];

const UNITS = [...DEMO_UNITS, HONGQI];
const pathOf = (unitId: string) => UNITS.find((u) => u.id === unitId)!.path;
/** The intake desk a filing at `unitId` goes to: a 社区/村 has none, its 街道/乡镇 takes it. */
const deskOf = (unitId: string) => (UNITS.find((u) => u.id === unitId)!.level === 4 ? UNITS.find((u) => u.id === unitId)!.parentId! : unitId);

let stack: TestStack;
let session: Session;
/** Per unit: a case left awaiting acceptance, one dispatched to the unit's department, one rejected. */
const cases = new Map<string, { submitted: string; running: string; rejected: string; dept: string }>();

async function fileAt(unitId: string): Promise<string> {
  return (await fileAs(stack, complaintBody({ title: `辖区测试：${unitId}`, ...(unitId === 'root' ? {} : { location: { text: '某地', unitId } }) }))).caseNo;
}

const get = async (username: string, path: string) => stack.request('GET', path, { token: await session.token(username) });
const listed = async (username: string, query: string, caseNo: string) => {
  const res = await get(username, `/api/console/cases?${query}&limit=100`);
  expect(res.status, `${username} ${query}: ${show(res)}`).toBe(200);
  return (res.body.items as { caseNo: string }[]).some((i) => i.caseNo === caseNo);
};
const errorCode = (res: ApiResponse) => res.body?.error?.code as string | undefined;

beforeAll(async () => {
  stack = await createTestStack({ with: ['caseIndexer'] });
  session = await Session.start(stack, T0);
  await stack.deps.reference.putUnit(HONGQI);
  for (const [i, d] of EXTRA_DEPARTMENTS.entries()) await stack.deps.reference.putDepartment({ ...d, sortOrder: 100 + i, active: true });
  const passwordHash = await hashPassword(DEMO_OFFICIAL_PASSWORD);
  const at = T0.toISOString();
  const extra = [
    { username: 'xinhua-duban', displayName: '新华街道督办', role: 'supervisor' as const, unitId: 'hexi-xinhua' },
    ...EXTRA_DEPARTMENTS.map((d) => ({ username: d.id, displayName: `${d.name}承办人`, role: 'handler' as const, departmentId: d.id })),
  ];
  for (const o of extra) await stack.deps.officials.createOfficial({ ...o, passwordHash, disabled: false, tokenVersion: 1, createdAt: at, updatedAt: at });

  const shouli = await session.token('shouli');
  const units = new Map<string, string>(POSITIONS.flatMap((p) => Object.values(p.relations).map(([u, d]) => [u, d] as [string, string])));
  for (const [unitId, dept] of units) {
    const [submitted, running, rejected] = [await fileAt(unitId), await fileAt(unitId), await fileAt(unitId)];
    const accepted = await act(stack, shouli, running, { action: 'accept', expectedVersion: 1, departmentId: dept });
    expect(accepted.status, show(accepted)).toBe(200);
    const refused = await act(stack, shouli, rejected, { action: 'reject', expectedVersion: 1, reason: '不属于受理范围的测试诉求' });
    expect(refused.status, show(refused)).toBe(200);
    cases.set(unitId, { submitted, running, rejected, dept });
  }
  // Past every due date: the running cases are overdue, and the timers escalate them (and tell the unit chain's supervisors).
  session.setNow(new Date(T0.getTime() + 40 * DAY));
  await sweepSla(stack.deps, session.now);
  await deliverNotifications(stack.deps);
  await stack.settle();
}, 240_000);

describe('where a case sits', () => {
  it('a filing sits at its place’s unit (a 社区 at its 街道); once dispatched, at the department’s unit', async () => {
    const c = cases.get(HONGQI.id)!;
    expect((await stack.deps.cases.getCase(c.submitted))).toMatchObject({ unitId: 'hexi-xinhua', unitPath: 'root/hexi/hexi-xinhua' });
    expect((await stack.deps.cases.getCase(c.running))).toMatchObject({ unitId: HONGQI.id, unitPath: HONGQI.path });
    const root = await stack.deps.cases.getCase(cases.get('root')!.running);
    expect(root?.unitPath).toBeUndefined();
  });

  it('a place that is not in the tree is refused with 400 所在地区不存在, and no case is filed', async () => {
    const res = await stack.request('POST', '/api/cases', { body: complaintBody({ location: { text: '某地', unitId: 'no-such-unit' } }), ip: '10.9.9.9' });
    expect(res.status, show(res)).toBe(400);
    expect(JSON.stringify(res.body)).toContain('所在地区不存在');
  });
});

for (const position of POSITIONS) {
  describe(`officials at ${position.at}`, () => {
    const viewerPath = pathOf(position.at);
    for (const role of ROLES) {
      const username = position.officials[role];
      for (const relation of RELATIONS) {
        const [unitId, dept] = position.relations[relation];
        /** The dispatched case: a handler sees their own department's; intake and supervisors their subtree. */
        const allowed = role === 'handler' ? relation === 'own' : relation === 'own' || relation === 'child';

        it(`${role} (${username}) × case at ${relation} (${unitId}): case routes ${allowed ? 'allowed' : '404'}`, async () => {
          const c = cases.get(unitId)!;
          const detail = await get(username, `/api/console/cases/${c.running}`);
          expect(detail.status, show(detail)).toBe(allowed ? 200 : 404);
          if (!allowed) expect(errorCode(detail)).toBe('CASE_NOT_FOUND');

          const reveal = await get(username, `/api/console/cases/${c.running}?reveal=1`);
          // The lead department's handler may call the citizen of a complaint (audited), as intake may.
          expect(reveal.status, show(reveal)).toBe(!allowed ? 404 : 200);

          const audit = await get(username, `/api/console/audit?caseNo=${c.running}`);
          expect(audit.status, show(audit)).toBe(allowed ? 200 : 404);

          // A stale version: in scope, the state machine is reached (409); out of scope, 404 before anything.
          const action = await stack.request('POST', `/api/console/cases/${c.running}/actions`, {
            token: await session.token(username),
            body: role === 'handler' ? { action: 'reply', result: 'resolved', expectedVersion: 1, answer: '测试答复' } : { action: 'urge', expectedVersion: 1, note: '请尽快办理' },
          });
          expect(action.status, show(action)).toBe(allowed ? 409 : 404);
          if (!allowed) expect(errorCode(action)).toBe('CASE_NOT_FOUND');

          // Search (issue #16): by number and by words, found only in scope (an empty list otherwise, never a 404 that says it exists).
          const byNo = await get(username, `/api/console/search?caseNo=${c.running}`);
          expect(byNo.status, show(byNo)).toBe(200);
          expect((byNo.body.items as { caseNo: string }[]).map((i) => i.caseNo)).toEqual(allowed ? [c.running] : []);
          const byWords = await get(username, `/api/console/search?q=${encodeURIComponent('辖区测试')}&limit=50`);
          expect(byWords.status, show(byWords)).toBe(200);
          expect((byWords.body.items as { caseNo: string }[]).some((i) => i.caseNo === c.running), 'search by words').toBe(allowed);
          const dupes = await get(username, `/api/console/cases/${c.running}/duplicates`);
          expect(dupes.status, show(dupes)).toBe(role === 'handler' ? 403 : allowed ? 200 : 404);

          // The case has no such file: in scope that is "附件不存在"; out of scope the case itself is not found.
          const file = await get(username, `/api/console/cases/${c.running}/attachments/01ARZ3NDEKTSV4RRFFQ69G5FAV`);
          expect(file.status, show(file)).toBe(404);
          expect(errorCode(file)).toBe(allowed ? 'NOT_FOUND' : 'CASE_NOT_FOUND');
        });

        it(`${role} (${username}) × case at ${relation} (${unitId}): queues list it only in scope`, async () => {
          const c = cases.get(unitId)!;
          expect(await listed(username, 'queue=overdue', c.running), 'overdue').toBe(allowed);
          if (role === 'handler') {
            expect(await listed(username, 'queue=department', c.running), 'department').toBe(allowed);
            expect(await listed(username, 'queue=closed', c.rejected), 'closed').toBe(false);
            expect((await get(username, '/api/console/cases?queue=intake')).status).toBe(403);
            expect((await get(username, '/api/console/cases?queue=escalated')).status).toBe(403);
            return;
          }
          const deptQueue = await get(username, `/api/console/cases?queue=department&departmentId=${dept}&limit=100`);
          expect(deptQueue.status, show(deptQueue)).toBe(allowed ? 200 : 403);
          if (allowed) expect((deptQueue.body.items as { caseNo: string }[]).map((i) => i.caseNo)).toContain(c.running);
          // 已答复 is a department's queue too: scoped the same way; and so are the tabs' counts of that department.
          const answeredQueue = await get(username, `/api/console/cases?queue=answered&departmentId=${dept}&limit=100`);
          expect(answeredQueue.status, show(answeredQueue)).toBe(allowed ? 200 : 403);
          const counts = await get(username, `/api/console/queue-counts?departmentId=${dept}`);
          expect(counts.status, show(counts)).toBe(allowed ? 200 : 403);
          // Rejected before dispatch: it stays where it was filed (its desk).
          expect(await listed(username, 'queue=closed', c.rejected), 'closed').toBe(isWithin(pathOf(deskOf(unitId)), viewerPath));
          // The intake queue is one unit's desk: the official's own unless a supervisor picks one below.
          expect(await listed(username, 'queue=intake', c.submitted), 'intake').toBe(deskOf(unitId) === position.at);
          if (role === 'supervisor') {
            expect(await listed(username, 'queue=escalated', c.running), 'escalated').toBe(allowed);
            const desk = await get(username, `/api/console/cases?queue=intake&unitId=${deskOf(unitId)}&limit=100`);
            const deskAllowed = isWithin(pathOf(deskOf(unitId)), viewerPath);
            expect(desk.status, show(desk)).toBe(deskAllowed ? 200 : 403);
            if (deskAllowed) expect((desk.body.items as { caseNo: string }[]).map((i) => i.caseNo)).toContain(c.submitted);
          } else {
            expect((await get(username, '/api/console/cases?queue=escalated')).status).toBe(403);
          }
        });
      }

      it(`${role} (${username}): statistics count exactly the cases of their subtree`, async () => {
        const res = await get(username, '/api/console/stats');
        if (role === 'handler') {
          expect(res.status, show(res)).toBe(403);
          return;
        }
        expect(res.status, show(res)).toBe(200);
        const all = [...cases.entries()];
        const within = (u: string) => isWithin(u === 'root' ? 'root' : pathOf(u), viewerPath);
        expect(res.body.unitId).toBe(position.at);
        // Filed and rejected where their desk is; accepted at the department's unit (the case's unit after the change).
        expect(res.body.totals.filed ?? 0).toBe(all.filter(([u]) => within(deskOf(u))).length * 3);
        expect(res.body.totals.rejected ?? 0).toBe(all.filter(([u]) => within(deskOf(u))).length);
        expect(res.body.totals.accepted ?? 0).toBe(all.filter(([u]) => within(u)).length);
        // The breakdown is by child unit and by the subtree's departments only.
        const children = UNITS.filter((u) => u.parentId === position.at).map((u) => u.id);
        expect((res.body.byUnit as { key: string }[]).map((r) => r.key).sort()).toEqual(children.sort());
        for (const row of res.body.byDepartment as { key: string }[]) {
          const d = (await stack.deps.reference.listDepartments()).find((x) => x.id === row.key)!;
          expect(isWithin(pathOf(d.unitId ?? 'root'), viewerPath), row.key).toBe(true);
        }
      });

      if (role !== 'handler') {
        it(`${role} (${username}): the inbox holds the escalations of their subtree and of no other`, async () => {
          const res = await get(username, '/api/console/inbox');
          expect(res.status, show(res)).toBe(200);
          const inbox = new Set((res.body.items as { caseNo: string }[]).map((i) => i.caseNo));
          for (const [unitId, c] of cases) {
            const within = isWithin(unitId === 'root' ? 'root' : pathOf(unitId), viewerPath);
            // Overdue goes to supervisors of the case's unit chain; intake hear of no running case's escalation.
            expect(inbox.has(c.running), `${unitId}`).toBe(role === 'supervisor' && within);
          }
        });
      }
    }
  });
}

describe('来电登记 (POST /api/console/cases) stays within the subtree', () => {
  for (const position of POSITIONS) {
    for (const relation of RELATIONS) {
      const [unitId] = position.relations[relation];
      const allowed = relation === 'own' || relation === 'child';
      it(`intake at ${position.at} files a call placed at ${relation} (${unitId}): ${allowed ? '201, at that place’s desk' : '400'}`, async () => {
        const res = await stack.request('POST', '/api/console/cases', {
          token: await session.token(position.officials.intake),
          body: { type: 'complaint', categoryId: 'tuoqian-gongzi', title: `来电登记辖区测试：${unitId}`, content: '来电反映欠薪。', channel: 'phone', placeUnitId: unitId },
        });
        expect(res.status, show(res)).toBe(allowed ? 201 : 400);
        if (allowed) expect((await stack.deps.cases.getCase(res.body.caseNo))?.unitId).toBe(deskOf(unitId));
        else expect(res.body.error.fields.placeUnitId).toBe('只能登记本级及下级辖区内的诉求');
      });
    }
    it(`the supervisor and the handler at ${position.at} cannot file a call: 403`, async () => {
      for (const role of ['supervisor', 'handler'] as const) {
        const res = await stack.request('POST', '/api/console/cases', {
          token: await session.token(position.officials[role]),
          body: { type: 'complaint', categoryId: 'tuoqian-gongzi', title: '越权登记', content: '来电反映欠薪。', channel: 'phone' },
        });
        expect(res.status, show(res)).toBe(403);
      }
    });
  }
});

describe('dispatch stays within the subtree', () => {
  it('新华街道 intake may dispatch to its own and a 社区 department, not to the 区 above: 400 只能派给本级及下级单位的部门', async () => {
    const token = await session.token('xinhua-shouli');
    const up = await fileAt('hexi-xinhua');
    const refused = await act(stack, token, up, { action: 'accept', expectedVersion: 1, departmentId: 'hexi-rsj' });
    expect(refused.status, show(refused)).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('只能派给本级及下级单位的部门');
    expect((await stack.deps.cases.getCase(up))?.status).toBe('submitted');
    const down = await act(stack, token, up, { action: 'accept', expectedVersion: 1, departmentId: 'hexi-xinhua-hongqi-jwh' });
    expect(down.status, show(down)).toBe(200);
    expect((await stack.deps.cases.getCase(up))?.unitPath).toBe(HONGQI.path);
  });
});
