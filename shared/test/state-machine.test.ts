import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  DomainError,
  TRANSITION_RULES,
  canAttempt,
  deadlines,
  decide,
  formatShanghaiIso,
  pauseClock,
  slaLevel,
  stopClock,
  type Actor,
  type ActorRole,
  type CaseAction,
  type CaseCommand,
  type CaseEventKind,
  type CaseRecord,
  FINAL_STATUSES,
  statsDeltas,
  type CaseStatus,
  type Extension,
  type Rating,
} from '../src';
import { DAY, DEPT_A, DEPT_B, FILED_AT, HOUR, actors, at, expectDomainError, makeCase, step } from './fixtures';

const ALL_ROLES: ActorRole[] = ['intake', 'handler', 'supervisor', 'admin', 'citizen', 'system'];

/** One actor per role; the handler belongs to the case's department (DEPT_A). */
const ACTOR_BY_ROLE: Record<ActorRole, Actor> = {
  intake: actors.intake,
  handler: actors.handlerA,
  supervisor: actors.supervisor,
  admin: actors.admin,
  citizen: actors.citizen,
  system: actors.system,
};

type Same = 'same';

interface ExpectedRule {
  from: CaseStatus[];
  roles: ActorRole[];
  ownDepartment: boolean;
  /** A command with valid inputs. */
  command: CaseCommand;
  /** Status after a successful decision ('same' = unchanged). */
  to: CaseStatus | Same;
  kind: CaseEventKind;
  public: boolean;
}

const OPEN: CaseStatus[] = ['in_progress', 'awaiting_citizen'];

/** The lifecycle of DESIGN.md "Case lifecycle", written out independently of TRANSITION_RULES. */
const EXPECTED: Record<CaseAction, ExpectedRule> = {
  accept: { from: ['submitted'], roles: ['intake'], ownDepartment: false, command: { action: 'accept', departmentId: DEPT_B }, to: 'in_progress', kind: 'accepted', public: true },
  reject: { from: ['submitted'], roles: ['intake'], ownDepartment: false, command: { action: 'reject', reason: '不属于受理范围' }, to: 'rejected', kind: 'rejected', public: true },
  merge: { from: ['submitted', 'in_progress'], roles: ['intake'], ownDepartment: false, command: { action: 'merge', intoCaseNo: '20260309000001' }, to: 'merged', kind: 'merged', public: true },
  transfer: { from: OPEN, roles: ['intake', 'supervisor'], ownDepartment: false, command: { action: 'transfer', departmentId: DEPT_B, reason: '职责调整' }, to: 'same', kind: 'transferred', public: true },
  send_back: { from: ['in_progress'], roles: ['handler'], ownDepartment: true, command: { action: 'send_back', reasonCode: 'not_our_duty', reason: '非本部门职责' }, to: 'submitted', kind: 'sent_back', public: true },
  request_info: { from: ['in_progress'], roles: ['handler'], ownDepartment: true, command: { action: 'request_info', question: '请提供具体门牌号' }, to: 'awaiting_citizen', kind: 'info_requested', public: true },
  reply: { from: ['in_progress'], roles: ['handler'], ownDepartment: true, command: { action: 'reply', result: 'resolved', answer: '已安排维修' }, to: 'replied', kind: 'replied', public: true },
  request_extension: { from: OPEN, roles: ['handler'], ownDepartment: true, command: { action: 'request_extension', days: 5, reason: '需现场勘查' }, to: 'same', kind: 'extension_requested', public: false },
  approve_extension: { from: OPEN, roles: ['supervisor'], ownDepartment: false, command: { action: 'approve_extension', note: '同意' }, to: 'same', kind: 'extension_approved', public: true },
  deny_extension: { from: OPEN, roles: ['supervisor'], ownDepartment: false, command: { action: 'deny_extension', reason: '理由不充分' }, to: 'same', kind: 'extension_denied', public: false },
  urge: { from: ['submitted', 'in_progress', 'awaiting_citizen'], roles: ['supervisor'], ownDepartment: false, command: { action: 'urge', note: '请尽快办理' }, to: 'same', kind: 'urged', public: true },
  exempt: { from: ['submitted', 'in_progress', 'awaiting_citizen', 'replied', 'closed', 'rejected', 'merged'], roles: ['supervisor'], ownDepartment: false, command: { action: 'exempt', reason: '反复诉求已多次答复，属不合理诉求' }, to: 'same', kind: 'exempted', public: false },
  close: { from: ['replied'], roles: ['intake', 'supervisor'], ownDepartment: false, command: { action: 'close', reason: '已答复' }, to: 'closed', kind: 'closed', public: true },
  supplement: { from: ['awaiting_citizen'], roles: ['citizen'], ownDepartment: false, command: { action: 'supplement', content: '门牌号是 12 号' }, to: 'in_progress', kind: 'supplemented', public: true },
  rate: { from: ['replied'], roles: ['citizen'], ownDepartment: false, command: { action: 'rate', rating: 'satisfied' }, to: 'closed', kind: 'rated', public: true },
  // 回访 (issue #16): intake records the citizen's rating by phone, exactly as the citizen's own.
  revisit: { from: ['replied'], roles: ['intake'], ownDepartment: false, command: { action: 'revisit', outcome: 'satisfied', note: '电话回访，群众表示满意' }, to: 'closed', kind: 'rated', public: true },
  auto_close: { from: ['replied'], roles: ['system'], ownDepartment: false, command: { action: 'auto_close' }, to: 'closed', kind: 'closed', public: true },
  withdraw: { from: ['submitted'], roles: ['citizen'], ownDepartment: false, command: { action: 'withdraw', reason: '问题已自行解决' }, to: 'withdrawn', kind: 'withdrawn', public: true },
  // Moving a case in the jurisdiction tree (issue #15).
  escalate_up: { from: ['submitted'], roles: ['intake'], ownDepartment: false, command: { action: 'escalate_up', reason: '涉及跨区协调', toUnitId: 'county' }, to: 'same', kind: 'escalated_up', public: true },
  dispute: { from: ['in_progress'], roles: ['handler'], ownDepartment: true, command: { action: 'dispute', reason: '已退单两次，仍非本部门职责' }, to: 'same', kind: 'dispatch_disputed', public: false },
  decide_dispute: { from: OPEN, roles: ['intake'], ownDepartment: false, command: { action: 'decide_dispute', uphold: true, note: '属本部门职责' }, to: 'same', kind: 'dispute_upheld', public: false },
};

const ANSWERED_AT = at('2026-03-12T10:00:00+08:00');
/** Well after the 7-day rating window of ANSWERED_AT, so close/auto_close are not blocked by it. */
const TABLE_NOW = at('2026-03-20T10:00:00+08:00');

const pendingExtension = (): Extension => ({
  status: 'pending',
  days: 5,
  reason: '需现场勘查',
  requestedAt: at('2026-03-11T09:00:00+08:00').toISOString(),
  requestedBy: actors.handlerA.id,
});

/** A case in `status`, with everything `action` needs besides the status (a pending extension to decide, an answer). */
function caseFor(status: CaseStatus, action: CaseAction): CaseRecord {
  const c = makeCase({
    status,
    version: 7,
    departmentId: DEPT_A,
    ownerId: actors.intake.id,
    answer: { text: '已安排维修', at: ANSWERED_AT.toISOString(), departmentId: DEPT_A, officialId: actors.handlerA.id },
  });
  if (status === 'awaiting_citizen') {
    c.pendingQuestion = '请提供具体门牌号';
    c.clock = pauseClock(c.clock, at('2026-03-11T12:00:00+08:00'));
  }
  if (['replied', 'closed', 'rejected', 'merged', 'withdrawn'].includes(status)) c.clock = stopClock(c.clock, ANSWERED_AT);
  if (action === 'approve_extension' || action === 'deny_extension') c.extension = pendingExtension();
  if (action === 'decide_dispute') {
    c.dispatch = { unitId: 'root', by: actors.intake.id, at: ANSWERED_AT.toISOString(), sendBacks: 2, dispute: { departmentId: DEPT_A, reason: '非本部门职责', by: actors.handlerA.id, at: ANSWERED_AT.toISOString() } };
  }
  return c;
}

describe('TRANSITION_RULES', () => {
  it('covers exactly the 21 actions of the lifecycle', () => {
    expect([...CASE_ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(CASE_ACTIONS).toHaveLength(21);
    expect(CASE_STATUSES).toHaveLength(8);
  });

  it.each(Object.keys(EXPECTED) as CaseAction[])('%s: from-statuses, roles and department rule match the design', (action) => {
    const rule = TRANSITION_RULES[action];
    const want = EXPECTED[action];
    expect([...rule.from].sort()).toEqual([...want.from].sort());
    expect([...rule.roles].sort()).toEqual([...want.roles].sort());
    expect(Boolean(rule.ownDepartment)).toBe(want.ownDepartment);
  });
});

describe('decide: every action × every status (actor of an allowed role)', () => {
  const rows = CASE_ACTIONS.flatMap((action) => CASE_STATUSES.map((status) => [action, status] as const));

  it.each(rows)('%s from %s', (action, status) => {
    const want = EXPECTED[action];
    const actor = ACTOR_BY_ROLE[want.roles[0]!];
    const c = caseFor(status, action);
    const before = structuredClone(c);
    const allowed = want.from.includes(status);

    expect(canAttempt(c, action, actor)).toBe(allowed);

    if (!allowed) {
      expectDomainError(() => decide(c, want.command, actor, TABLE_NOW), 'INVALID_TRANSITION');
      return;
    }
    const d = decide(c, want.command, actor, TABLE_NOW);
    const to = want.to === 'same' ? status : want.to;
    expect(d.fromStatus).toBe(status);
    expect(d.toStatus).toBe(to);
    expect(d.next.status).toBe(to);
    expect(d.next.version).toBe(c.version + 1);
    expect(d.next.updatedAt).toBe(TABLE_NOW.toISOString());
    expect(d.event.kind).toBe(want.kind);
    expect(d.event.public).toBe(want.public);
    // decide is pure: the case it was given is left as it was.
    expect(c).toEqual(before);
  });

  it.each(CASE_STATUSES.filter((s) => s !== 'replied'))(
    'rate from %s when the current round is already rated → ALREADY_RATED',
    (status) => {
      const c = caseFor(status, 'rate');
      c.ratings = [{ rating: 'satisfied', at: TABLE_NOW.toISOString(), round: c.round }];
      expectDomainError(() => decide(c, { action: 'rate', rating: 'satisfied' }, actors.citizen, TABLE_NOW), 'ALREADY_RATED');
    },
  );
});

describe('decide: roles', () => {
  const rows = CASE_ACTIONS.flatMap((action) =>
    ALL_ROLES.filter((role) => !EXPECTED[action].roles.includes(role)).map((role) => [action, role] as const),
  );

  it('has a forbidden role for every action (sanity of the table)', () => {
    expect(new Set(rows.map(([a]) => a)).size).toBe(CASE_ACTIONS.length);
  });

  it.each(rows)('%s by %s → FORBIDDEN', (action, role) => {
    const want = EXPECTED[action];
    const c = caseFor(want.from[0]!, action);
    const actor = ACTOR_BY_ROLE[role];
    expect(canAttempt(c, action, actor)).toBe(false);
    expectDomainError(() => decide(c, want.command, actor, TABLE_NOW), 'FORBIDDEN');
  });

  it('admin can change no case through the lifecycle', () => {
    for (const action of CASE_ACTIONS) {
      for (const status of CASE_STATUSES) {
        expect(canAttempt(caseFor(status, action), action, actors.admin)).toBe(false);
      }
    }
  });
});

describe('decide: own department', () => {
  const ownDeptActions = CASE_ACTIONS.filter((a) => EXPECTED[a].ownDepartment);

  it('the handler-only actions are the own-department ones', () => {
    expect([...ownDeptActions].sort()).toEqual(['dispute', 'reply', 'request_extension', 'request_info', 'send_back']);
  });

  it.each(ownDeptActions)('%s by a handler of another department → NOT_YOUR_DEPARTMENT', (action) => {
    const want = EXPECTED[action];
    for (const status of want.from) {
      const c = caseFor(status, action);
      expect(canAttempt(c, action, actors.handlerB)).toBe(false);
      expectDomainError(() => decide(c, want.command, actors.handlerB, TABLE_NOW), 'NOT_YOUR_DEPARTMENT');
    }
  });

  it.each(ownDeptActions)('%s by a handler without a department → NOT_YOUR_DEPARTMENT', (action) => {
    const want = EXPECTED[action];
    const c = caseFor(want.from[0]!, action);
    const noDept: Actor = { role: 'handler', id: 'handler-x' };
    expectDomainError(() => decide(c, want.command, noDept, TABLE_NOW), 'NOT_YOUR_DEPARTMENT');
  });

  it('after a transfer only the new department may reply', () => {
    const c = caseFor('in_progress', 'transfer');
    const moved = step(c, { action: 'transfer', departmentId: DEPT_B, reason: '职责调整' }, actors.supervisor, TABLE_NOW).next;
    expect(moved.departmentId).toBe(DEPT_B);
    expectDomainError(() => decide(moved, { action: 'reply', result: 'resolved', answer: 'x' }, actors.handlerA, TABLE_NOW), 'NOT_YOUR_DEPARTMENT');
    expect(decide(moved, { action: 'reply', result: 'resolved', answer: 'x' }, actors.handlerB, TABLE_NOW).next.status).toBe('replied');
  });
});

// ---- A consultation followed through its lifecycle ----

const T = {
  accept: at('2026-03-10T11:00:00+08:00'),
  ask: at('2026-03-11T09:00:00+08:00'),
  supplement: at('2026-03-13T12:30:00+08:00'),
  reply: at('2026-03-15T16:00:00+08:00'),
};

function submitted(): CaseRecord {
  return makeCase({}, { type: 'consultation' });
}

function accepted(): CaseRecord {
  return step(submitted(), { action: 'accept', departmentId: DEPT_A }, actors.intake, T.accept).next;
}

function replied(): CaseRecord {
  return step(accepted(), { action: 'reply', result: 'resolved', answer: '政策规定如下……' }, actors.handlerA, T.reply).next;
}

function rate(c: CaseRecord, rating: Rating, now: Date, comment?: string) {
  return step(c, { action: 'rate', rating, ...(comment ? { comment } : {}) }, actors.citizen, now);
}

describe('accept and send_back', () => {
  it('accept dispatches to the department and makes the intake officer the owner', () => {
    const d = step(submitted(), { action: 'accept', departmentId: DEPT_A }, actors.intake, T.accept);
    expect(d.next.status).toBe('in_progress');
    expect(d.next.departmentId).toBe(DEPT_A);
    expect(d.next.ownerId).toBe(actors.intake.id);
    expect(d.event).toEqual({ kind: 'accepted', public: true, data: { departmentId: DEPT_A } });
  });

  it('send_back returns the case to triage without a department, but keeps its owner', () => {
    const d = step(accepted(), { action: 'send_back', reasonCode: 'not_our_duty', reason: '非本部门职责' }, actors.handlerA, at('2026-03-10T15:00:00+08:00'));
    expect(d.next.status).toBe('submitted');
    expect(d.next.departmentId).toBeUndefined();
    expect(d.next.ownerId).toBe(actors.intake.id);
    expect(d.event.data).toMatchObject({ fromDepartmentId: DEPT_A, reason: '非本部门职责' });
  });

  it('re-accept by another intake officer re-dispatches but keeps the first owner (首问负责)', () => {
    const back = step(accepted(), { action: 'send_back', reasonCode: 'not_our_duty', reason: '非本部门职责' }, actors.handlerA, at('2026-03-10T15:00:00+08:00')).next;
    const again = step(back, { action: 'accept', departmentId: DEPT_B }, actors.intake2, at('2026-03-10T16:00:00+08:00')).next;
    expect(again.status).toBe('in_progress');
    expect(again.departmentId).toBe(DEPT_B);
    expect(again.ownerId).toBe(actors.intake.id);
  });

  it('a sent-back case has no department, so no handler may act on it', () => {
    const back = step(accepted(), { action: 'send_back', reasonCode: 'not_our_duty', reason: 'x' }, actors.handlerA, T.ask).next;
    expectDomainError(() => decide(back, { action: 'reply', result: 'resolved', answer: 'x' }, actors.handlerA, T.ask), 'NOT_YOUR_DEPARTMENT');
  });
});

describe('version', () => {
  it('increments by exactly 1 per decision along a whole lifecycle', () => {
    let c = submitted();
    expect(c.version).toBe(1);
    const steps: [CaseCommand, Actor, Date][] = [
      [{ action: 'urge', note: '请尽快受理' }, actors.supervisor, at('2026-03-10T10:30:00+08:00')],
      [{ action: 'accept', departmentId: DEPT_A }, actors.intake, T.accept],
      [{ action: 'request_info', question: '请提供门牌号' }, actors.handlerA, T.ask],
      [{ action: 'supplement', content: '12 号' }, actors.citizen, T.supplement],
      [{ action: 'request_extension', days: 3, reason: '需勘查' }, actors.handlerA, at('2026-03-14T09:00:00+08:00')],
      [{ action: 'approve_extension' }, actors.supervisor, at('2026-03-14T10:00:00+08:00')],
      [{ action: 'reply', result: 'resolved', answer: '已答复' }, actors.handlerA, T.reply],
      [{ action: 'rate', rating: 'basically_satisfied' }, actors.citizen, at('2026-03-16T08:00:00+08:00')],
    ];
    for (const [i, [command, actor, now]] of steps.entries()) {
      const d = decide(c, command, actor, now);
      expect(d.next.version, `after ${command.action}`).toBe(c.version + 1);
      expect(d.next.version).toBe(i + 2);
      expect(d.next.updatedAt).toBe(now.toISOString());
      c = d.next;
    }
    expect(c.status).toBe('closed');
  });

  it('a refused decision changes nothing (the input is not mutated)', () => {
    const c = replied();
    const before = structuredClone(c);
    expectDomainError(() => decide(c, { action: 'close' }, actors.intake, at('2026-03-16T00:00:00+08:00')), 'RATING_WINDOW_OPEN');
    expect(c).toEqual(before);
  });
});

describe('request_info and supplement: the clock pauses while awaiting the citizen', () => {
  it('request_info pauses the clock and records the question', () => {
    const d = step(accepted(), { action: 'request_info', question: '请提供门牌号' }, actors.handlerA, T.ask);
    expect(d.next.status).toBe('awaiting_citizen');
    expect(d.next.pendingQuestion).toBe('请提供门牌号');
    expect(d.next.clock.pausedSince).toBe(T.ask.toISOString());
    expect(d.next.clock.pausedMs).toBe(0);
    expect(d.event).toEqual({ kind: 'info_requested', public: true, data: { question: '请提供门牌号' } });
  });

  it('supplement resumes the clock: pausedMs grows by the paused time and the due date moves later', () => {
    const asked = step(accepted(), { action: 'request_info', question: '请提供门牌号' }, actors.handlerA, T.ask).next;
    const d = step(asked, { action: 'supplement', content: '12 号' }, actors.citizen, T.supplement);
    expect(d.next.status).toBe('in_progress');
    expect(d.next.pendingQuestion).toBeUndefined();
    expect(d.next.supplements).toEqual([{ content: '12 号', at: T.supplement.toISOString() }]);
    expect(d.next.clock.pausedSince).toBeUndefined();
    expect(d.next.clock.pausedMs).toBe(T.supplement.getTime() - T.ask.getTime()); // 2 days 3.5 hours
    expect(d.event).toEqual({ kind: 'supplemented', public: true, data: { content: '12 号' } });

    const later = at('2026-03-14T00:00:00+08:00');
    // Filed 03-10 10:00, paused 51.5 h → 3 whole days given back → due 03-20 (was 03-17).
    expect(formatShanghaiIso(deadlines(accepted().clock, later).dueAt)).toBe('2026-03-17T23:59:59+08:00');
    expect(formatShanghaiIso(deadlines(d.next.clock, later).dueAt)).toBe('2026-03-20T23:59:59+08:00');
  });

  it('a second pause adds to the first', () => {
    let c = accepted();
    c = step(c, { action: 'request_info', question: 'q1' }, actors.handlerA, at('2026-03-11T09:00:00+08:00')).next;
    c = step(c, { action: 'supplement', content: 'a1' }, actors.citizen, at('2026-03-11T19:00:00+08:00')).next;
    c = step(c, { action: 'request_info', question: 'q2' }, actors.handlerA, at('2026-03-12T09:00:00+08:00')).next;
    c = step(c, { action: 'supplement', content: 'a2' }, actors.citizen, at('2026-03-12T14:00:00+08:00')).next;
    expect(c.clock.pausedMs).toBe(15 * HOUR);
    expect(c.supplements.map((s) => s.content)).toEqual(['a1', 'a2']);
  });
});

describe('reply', () => {
  it('stops the clock and records the answer with its department and official', () => {
    const d = step(accepted(), { action: 'reply', result: 'resolved', answer: '政策规定如下……' }, actors.handlerA, T.reply);
    expect(d.next.status).toBe('replied');
    expect(d.next.answer).toEqual({ text: '政策规定如下……', at: T.reply.toISOString(), departmentId: DEPT_A, officialId: actors.handlerA.id, result: 'resolved' });
    expect(d.next.clock.stoppedAt).toBe(T.reply.toISOString());
    expect(d.event).toEqual({ kind: 'replied', public: true, data: { answer: '政策规定如下……', departmentId: DEPT_A, round: 1, result: 'resolved', resultLabel: '解决' } });
  });

  it('requires a known 答复结果, and stores an amount recovered as fen (on the answer and in the audit event)', () => {
    for (const result of [undefined, '', 'solved', 'RESOLVED']) {
      const error = expectDomainError(() => decide(accepted(), { action: 'reply', answer: '已处理', result } as never, actors.handlerA, T.reply), 'VALIDATION_FAILED');
      expect(error.fields?.result).toMatch(/答复结果/);
    }
    for (const amountRecovered of [-1, 1.005, Number.NaN, Infinity, 1e10 + 1, '12' as unknown as number]) {
      const error = expectDomainError(() => decide(accepted(), { action: 'reply', answer: '已处理', result: 'resolved', amountRecovered }, actors.handlerA, T.reply), 'VALIDATION_FAILED');
      expect(error.fields?.amountRecovered, String(amountRecovered)).toMatch(/两位小数/);
    }
    const d = step(accepted(), { action: 'reply', answer: '已追回工资', result: 'partly_resolved', amountRecovered: 2511.1 }, actors.handlerA, T.reply);
    expect(d.next.answer).toMatchObject({ result: 'partly_resolved', amountRecoveredFen: 251110 });
    expect(d.event.data).toMatchObject({ result: 'partly_resolved', resultLabel: '部分解决', amountRecoveredFen: 251110 });
    expect(step(accepted(), { action: 'reply', answer: '无', result: 'explained', amountRecovered: 0 }, actors.handlerA, T.reply).next.answer?.amountRecoveredFen).toBe(0);
    expect(step(accepted(), { action: 'reply', answer: '大额', result: 'resolved', amountRecovered: 1e10 }, actors.handlerA, T.reply).next.answer?.amountRecoveredFen).toBe(1e12);
  });

  it('an answer on time stays "on time" however long the citizen takes to rate', () => {
    const c = replied();
    // Replied on 03-15 16:00 (day 5: warning). Months later it is still warning, never overdue.
    expect(slaLevel(c.clock, at('2026-06-01T00:00:00+08:00'))).toBe('warning');
  });
});

describe('rate', () => {
  it.each([
    ['satisfied', '满意'],
    ['basically_satisfied', '基本满意'],
  ] as const)('%s closes the case with closeReason "rated"', (rating, label) => {
    const now = at('2026-03-16T09:00:00+08:00');
    const d = rate(replied(), rating, now, '谢谢');
    expect(d.next.status).toBe('closed');
    expect(d.next.closeReason).toBe('rated');
    expect(d.next.closedAt).toBe(now.toISOString());
    expect(d.next.reviewRequired).toBeFalsy();
    expect(d.next.ratings).toEqual([{ rating, comment: '谢谢', at: now.toISOString(), round: 1 }]);
    expect(d.event).toEqual({ kind: 'rated', public: true, data: { rating, label, round: 1, comment: '谢谢' } });
  });

  it('a first "unsatisfied" reopens the case for round 2 on a fresh clock', () => {
    const now = at('2026-03-17T09:00:00+08:00');
    const d = rate(replied(), 'unsatisfied', now);
    expect(d.next.status).toBe('in_progress');
    expect(d.next.round).toBe(2);
    expect(d.next.closedAt).toBeUndefined();
    expect(d.next.departmentId).toBe(DEPT_A);
    expect(d.next.ratings).toEqual([{ rating: 'unsatisfied', at: now.toISOString(), round: 1 }]);
    expect(d.next.clock).toMatchObject({ startedAt: now.toISOString(), pausedMs: 0, extensionDays: 0, answerDays: 7, dayMode: 'natural' });
    expect(d.next.clock.stoppedAt).toBeUndefined();
    expect(d.next.clock.pausedSince).toBeUndefined();
    // A new 7-day promise counted from the reopening.
    expect(formatShanghaiIso(deadlines(d.next.clock, now).dueAt)).toBe('2026-03-24T23:59:59+08:00');
    expect(slaLevel(d.next.clock, now)).toBe('normal');
  });

  it('a second "unsatisfied" closes the case for supervisor review', () => {
    const reopened = rate(replied(), 'unsatisfied', at('2026-03-17T09:00:00+08:00')).next;
    const answered2 = step(reopened, { action: 'reply', result: 'resolved', answer: '补充答复' }, actors.handlerA, at('2026-03-19T09:00:00+08:00'));
    expect(answered2.event.data.round).toBe(2);
    const now = at('2026-03-20T09:00:00+08:00');
    const d = rate(answered2.next, 'unsatisfied', now);
    expect(d.next.status).toBe('closed');
    expect(d.next.closeReason).toBe('rated');
    expect(d.next.reviewRequired).toBe(true);
    expect(d.next.round).toBe(2);
    expect(d.next.ratings.map((r) => [r.rating, r.round])).toEqual([
      ['unsatisfied', 1],
      ['unsatisfied', 2],
    ]);
  });

  it('a satisfied rating in round 2 closes without review', () => {
    const reopened = rate(replied(), 'unsatisfied', at('2026-03-17T09:00:00+08:00')).next;
    const answered2 = step(reopened, { action: 'reply', result: 'resolved', answer: '补充答复' }, actors.handlerA, at('2026-03-19T09:00:00+08:00')).next;
    const d = rate(answered2, 'satisfied', at('2026-03-20T09:00:00+08:00'));
    expect(d.next.status).toBe('closed');
    expect(d.next.reviewRequired).toBeFalsy();
  });

  it('cannot be given twice for the same answer', () => {
    const closed = rate(replied(), 'satisfied', at('2026-03-16T09:00:00+08:00')).next;
    expectDomainError(() => rate(closed, 'unsatisfied', at('2026-03-16T10:00:00+08:00')), 'ALREADY_RATED');
  });

  it('cannot be given twice after a review-closing second rating either', () => {
    const reopened = rate(replied(), 'unsatisfied', at('2026-03-17T09:00:00+08:00')).next;
    const answered2 = step(reopened, { action: 'reply', result: 'resolved', answer: '补充答复' }, actors.handlerA, at('2026-03-19T09:00:00+08:00')).next;
    const closed = rate(answered2, 'unsatisfied', at('2026-03-20T09:00:00+08:00')).next;
    expectDomainError(() => rate(closed, 'satisfied', at('2026-03-20T10:00:00+08:00')), 'ALREADY_RATED');
  });

  it('a reopened case cannot be rated again before its new answer: the citizen is told it is already rated', () => {
    const reopened = rate(replied(), 'unsatisfied', at('2026-03-17T09:00:00+08:00')).next;
    expectDomainError(() => rate(reopened, 'satisfied', at('2026-03-17T10:00:00+08:00')), 'ALREADY_RATED');
  });

  it('a case never answered cannot be rated (INVALID_TRANSITION)', () => {
    expectDomainError(() => rate(makeCase({ status: 'in_progress', departmentId: 'rsj' }), 'satisfied', at('2026-03-17T10:00:00+08:00')), 'INVALID_TRANSITION');
  });
});

describe('close and auto_close wait for the 7-day rating window', () => {
  const answeredAt = T.reply.getTime();
  const cases = [
    ['close', 'intake', actors.intake, 'official'],
    ['close', 'supervisor', actors.supervisor, 'official'],
    ['auto_close', 'system', actors.system, 'unrated'],
  ] as const;

  it.each(cases)('%s by %s before 7 days after the answer → RATING_WINDOW_OPEN', (action, _role, actor) => {
    for (const now of [answeredAt + HOUR, answeredAt + 6 * DAY, answeredAt + 7 * DAY - 1000]) {
      expectDomainError(() => decide(replied(), { action }, actor, new Date(now)), 'RATING_WINDOW_OPEN');
    }
  });

  it.each(cases)('%s by %s after 7 days closes the case (closeReason %s)', (action, _role, actor, closeReason) => {
    const now = new Date(answeredAt + 7 * DAY + 1000);
    const d = decide(replied(), { action }, actor, now);
    expect(d.next.status).toBe('closed');
    expect(d.next.closeReason).toBe(closeReason);
    expect(d.next.closedAt).toBe(now.toISOString());
    expect(d.event.kind).toBe('closed');
    expect(d.event.public).toBe(true);
  });

  it('close records the official reason; auto_close says the rating period ended', () => {
    const now = new Date(answeredAt + 8 * DAY);
    expect(decide(replied(), { action: 'close', reason: '群众未评价' }, actors.intake, now).event.data.reason).toBe('群众未评价');
    expect(decide(replied(), { action: 'auto_close' }, actors.system, now).event.data.reason).toBe('评价期满，自动办结');
  });

  it('an unrated closed case can no longer be rated', () => {
    const closed = decide(replied(), { action: 'auto_close' }, actors.system, new Date(answeredAt + 8 * DAY)).next;
    expectDomainError(() => rate(closed, 'satisfied', new Date(answeredAt + 9 * DAY)), 'INVALID_TRANSITION');
  });
});

describe('extensions', () => {
  const ask = (c: CaseRecord, days = 5, actor: Actor = actors.handlerA) =>
    decide(c, { action: 'request_extension', days, reason: '需现场勘查' }, actor, at('2026-03-12T09:00:00+08:00'));
  const approve = (c: CaseRecord) => decide(c, { action: 'approve_extension', note: '同意' }, actors.supervisor, at('2026-03-12T15:00:00+08:00'));
  const deny = (c: CaseRecord) => decide(c, { action: 'deny_extension', reason: '理由不充分' }, actors.supervisor, at('2026-03-12T15:00:00+08:00'));

  it('request_extension records a pending request, visible to officials only', () => {
    const d = ask(accepted());
    expect(d.next.status).toBe('in_progress');
    expect(d.next.extension).toEqual({
      status: 'pending',
      days: 5,
      reason: '需现场勘查',
      requestedAt: at('2026-03-12T09:00:00+08:00').toISOString(),
      requestedBy: actors.handlerA.id,
    });
    expect(d.next.clock.extensionDays).toBe(0);
    expect(d.event).toEqual({ kind: 'extension_requested', public: false, data: { days: 5, reason: '需现场勘查' } });
  });

  it('may be requested while awaiting the citizen too', () => {
    const asked = step(accepted(), { action: 'request_info', question: 'q' }, actors.handlerA, T.ask).next;
    expect(ask(asked).next.extension?.status).toBe('pending');
  });

  it('a second request while one is pending → EXTENSION_NOT_ALLOWED', () => {
    expectDomainError(() => ask(ask(accepted()).next), 'EXTENSION_NOT_ALLOWED');
  });

  it('a second request after an approval → EXTENSION_NOT_ALLOWED', () => {
    expectDomainError(() => ask(approve(ask(accepted()).next).next), 'EXTENSION_NOT_ALLOWED');
  });

  it('after a denial the handler may ask again', () => {
    const denied = deny(ask(accepted()).next).next;
    expect(denied.extension?.status).toBe('denied');
    const again = ask(denied, 3).next;
    expect(again.extension).toMatchObject({ status: 'pending', days: 3 });
    expect(approve(again).next.clock.extensionDays).toBe(3);
  });

  it.each([0, 31, -1, 2.5, Number.NaN, 100])('days = %s → VALIDATION_FAILED on "days"', (days) => {
    const error = expectDomainError(() => ask(accepted(), days), 'VALIDATION_FAILED');
    expect(error.fields?.days).toContain('30');
  });

  it.each([1, 30])('days = %s is accepted', (days) => {
    expect(ask(accepted(), days).next.extension?.days).toBe(days);
  });

  it('approve extends the clock by the requested days and moves the due date', () => {
    const pending = ask(accepted()).next;
    const d = approve(pending);
    expect(d.next.extension).toMatchObject({ status: 'approved', days: 5, decidedBy: actors.supervisor.id, decisionNote: '同意' });
    expect(d.next.clock.extensionDays).toBe(5);
    const now = at('2026-03-12T16:00:00+08:00');
    expect(formatShanghaiIso(deadlines(pending.clock, now).dueAt)).toBe('2026-03-17T23:59:59+08:00');
    expect(formatShanghaiIso(deadlines(d.next.clock, now).dueAt)).toBe('2026-03-22T23:59:59+08:00');
    expect(d.event).toEqual({ kind: 'extension_approved', public: true, data: { days: 5, reason: '需现场勘查', note: '同意' } });
  });

  it('deny leaves the clock as it was and is not shown to the citizen', () => {
    const pending = ask(accepted()).next;
    const d = deny(pending);
    expect(d.next.extension).toMatchObject({ status: 'denied', decidedBy: actors.supervisor.id, decisionNote: '理由不充分' });
    expect(d.next.clock).toEqual(pending.clock);
    expect(d.event).toEqual({ kind: 'extension_denied', public: false, data: { days: 5, reason: '需现场勘查', note: '理由不充分' } });
  });

  it.each([
    ['nothing requested', (c: CaseRecord) => c],
    ['already approved', (c: CaseRecord) => approve(ask(c).next).next],
    ['already denied', (c: CaseRecord) => deny(ask(c).next).next],
  ])('approve/deny with %s → INVALID_TRANSITION', (_label, prepare) => {
    const c = prepare(accepted());
    expectDomainError(() => approve(c), 'INVALID_TRANSITION');
    expectDomainError(() => deny(c), 'INVALID_TRANSITION');
  });

  it('only a handler of the case department may ask', () => {
    expectDomainError(() => ask(accepted(), 5, actors.handlerB), 'NOT_YOUR_DEPARTMENT');
    expectDomainError(() => ask(accepted(), 5, actors.supervisor), 'FORBIDDEN');
  });
});

describe('transfer, merge, reject, urge', () => {
  it('transfer to the same department → VALIDATION_FAILED on departmentId', () => {
    const error = expectDomainError(
      () => decide(accepted(), { action: 'transfer', departmentId: DEPT_A, reason: 'x' }, actors.supervisor, T.ask),
      'VALIDATION_FAILED',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['departmentId']);
  });

  it('transfer to another department keeps the status and records both departments', () => {
    const d = decide(accepted(), { action: 'transfer', departmentId: DEPT_B, reason: '职责调整' }, actors.intake, T.ask);
    expect(d.next.status).toBe('in_progress');
    expect(d.next.departmentId).toBe(DEPT_B);
    expect(d.next.ownerId).toBe(actors.intake.id);
    expect(d.event).toEqual({ kind: 'transferred', public: true, data: { fromDepartmentId: DEPT_A, departmentId: DEPT_B, reason: '职责调整' } });
  });

  it('merge into itself → VALIDATION_FAILED on intoCaseNo', () => {
    const c = submitted();
    const error = expectDomainError(() => decide(c, { action: 'merge', intoCaseNo: c.caseNo }, actors.intake, T.accept), 'VALIDATION_FAILED');
    expect(Object.keys(error.fields ?? {})).toEqual(['intoCaseNo']);
  });

  it('merge into another case points at it and stops the clock', () => {
    const d = decide(submitted(), { action: 'merge', intoCaseNo: '20260309000001' }, actors.intake, T.accept);
    expect(d.next.status).toBe('merged');
    expect(d.next.mergedInto).toBe('20260309000001');
    expect(d.next.clock.stoppedAt).toBe(T.accept.toISOString());
    expect(d.event).toEqual({ kind: 'merged', public: true, data: { intoCaseNo: '20260309000001' } });
  });

  it('reject records the reason and stops the clock', () => {
    const d = decide(submitted(), { action: 'reject', reason: '不属于受理范围' }, actors.intake, T.accept);
    expect(d.next.status).toBe('rejected');
    expect(d.next.rejectReason).toBe('不属于受理范围');
    expect(d.next.clock.stoppedAt).toBe(T.accept.toISOString());
    expect(d.event).toEqual({ kind: 'rejected', public: true, data: { reason: '不属于受理范围' } });
  });

  it('withdraw (the citizen, before acceptance) is final, stops the clock, records the reason if given, and is counted as withdrawn, not answered or closed', () => {
    const d = decide(submitted(), { action: 'withdraw', reason: '问题已自行解决' }, actors.citizen, T.accept);
    expect(d.next.status).toBe('withdrawn');
    expect(FINAL_STATUSES).toContain('withdrawn');
    expect(d.next.withdrawReason).toBe('问题已自行解决');
    expect(d.next.clock.stoppedAt).toBe(T.accept.toISOString());
    expect(d.event).toEqual({ kind: 'withdrawn', public: true, data: { reason: '问题已自行解决' } });
    const deltas = statsDeltas(submitted(), d.next, 'withdrawn');
    expect(deltas.map((x) => x.metric)).toEqual(['withdrawn', 'asCases']);
    // Out of the assessment: the unit no longer answers for it.
    expect(deltas.find((x) => x.metric === 'asCases')?.by).toBe(-1);
    expect(decide(submitted(), { action: 'withdraw' }, actors.citizen, T.accept).event.data).toEqual({});
  });

  it('withdraw after acceptance, or twice, is refused with a plain message; no official can withdraw for the citizen', () => {
    const after = expectDomainError(() => decide(accepted(), { action: 'withdraw' }, actors.citizen, T.ask), 'INVALID_TRANSITION');
    expect(after.message).toContain('已受理，不能再撤回');
    const gone = decide(submitted(), { action: 'withdraw' }, actors.citizen, T.accept).next;
    expect(expectDomainError(() => decide(gone, { action: 'withdraw' }, actors.citizen, T.ask), 'INVALID_TRANSITION').message).toBe('这件诉求已经撤回');
    expectDomainError(() => decide(gone, { action: 'accept', departmentId: DEPT_A }, actors.intake, T.ask), 'INVALID_TRANSITION');
    expectDomainError(() => decide(submitted(), { action: 'withdraw' }, actors.intake, T.ask), 'FORBIDDEN');
  });

  it('urge changes nothing but the version and is public', () => {
    const c = accepted();
    const d = decide(c, { action: 'urge', note: '请尽快办理' }, actors.supervisor, T.ask);
    expect(d.next).toEqual({ ...c, version: c.version + 1, updatedAt: T.ask.toISOString() });
    expect(d.event).toEqual({ kind: 'urged', public: true, data: { note: '请尽快办理' } });
  });
});

describe('DomainError', () => {
  it('carries a plain-Chinese message for the code', () => {
    const error = expectDomainError(() => decide(submitted(), { action: 'reply', result: 'resolved', answer: 'x' }, actors.citizen, T.accept), 'FORBIDDEN');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toBe('您没有权限进行此操作');
  });

  it('the filing instant used by the fixtures is 10:00 Beijing time', () => {
    expect(formatShanghaiIso(FILED_AT)).toBe('2026-03-10T10:00:00+08:00');
  });
});
