import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { UpdateItemCommand, $remove } from 'dynamodb-toolbox/entity/actions/update';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { MAX_OVERRIDES_REMOVED_WITH_YEAR, type CalendarChange, type RetimeJob, type SlaSettingsStore } from '../../ports/sla-settings';
import { slaSettingsEntities } from './entities';
import { isConditionFailed, ON_CONFLICT_ONLY, retryTransaction } from './errors';
import { key } from './keys';
import { LATEST, type MinshengTable } from './table';

/**
 * SLA policies per case type, holiday-calendar overrides by date and entered years' schedules,
 * each in one partition; the calendar's change log in its own (written in the same transaction as
 * the change it records), and the re-timing job each calendar change queues (same transaction).
 */
export function createDynamoSlaSettingsStore(table: MinshengTable): SlaSettingsStore {
  const { CalendarOverrideEntity, SlaPolicyEntity, CalendarYearEntity, CalendarChangeEntity, RetimeJobEntity } = slaSettingsEntities(table);
  const latestJobs = RetimeJobEntity.build(AccessPattern).pattern(() => ({ partition: key.retimeJobs }));
  const allOverrides = CalendarOverrideEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.calendarOverrides }))
    .options({ maxPages: Infinity });
  const allYears = CalendarYearEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.calendarYears }))
    .options({ maxPages: Infinity });
  const latestChanges = CalendarChangeEntity.build(AccessPattern).pattern(() => ({ partition: key.calendarChanges }));
  const allPolicies = SlaPolicyEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.slaPolicies }))
    .options({ maxPages: Infinity });

  const logEntry = (change: CalendarChange) => CalendarChangeEntity.build(PutTransaction).item({ ...change });
  const newJob = (job: RetimeJob) => RetimeJobEntity.build(PutTransaction).item({ ...job }).options({ condition: { attr: 'id', exists: false } });
  const toJob = (j: RetimeJob & Record<string, unknown>): RetimeJob => ({
    id: j.id,
    status: j.status,
    total: j.total,
    done: j.done,
    rescheduled: j.rescheduled,
    queuedAt: j.queuedAt,
    by: j.by,
    byName: j.byName,
    summary: j.summary,
    attempts: j.attempts,
    ...(j.startedAt ? { startedAt: j.startedAt } : {}),
    ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
    ...(j.reason ? { reason: j.reason } : {}),
    ...(j.cursor ? { cursor: j.cursor } : {}),
  });

  return {
    async listCalendarOverrides() {
      const { Items = [] } = await allOverrides.query({}).send();
      return Items.map((o) => ({ date: o.date, work: o.work, ...(o.note ? { note: o.note } : {}) }));
    },

    async putCalendarOverride(override, change, job) {
      await retryTransaction(() => execute(CalendarOverrideEntity.build(PutTransaction).item(override), logEntry(change), newJob(job)), ON_CONFLICT_ONLY);
    },

    async deleteCalendarOverride(date, change, job) {
      await retryTransaction(() => execute(CalendarOverrideEntity.build(DeleteTransaction).key({ date }), logEntry(change), newJob(job)), ON_CONFLICT_ONLY);
    },

    async listYearSchedules() {
      const { Items = [] } = await allYears.query({}).send();
      return Items.map((y) => ({ year: y.year, holidays: y.holidays, source: y.source, enteredAt: y.enteredAt, enteredBy: y.enteredBy, enteredByName: y.enteredByName }));
    },

    async putYearSchedule(schedule, change, removeOverrides, job) {
      // TransactWriteItems takes at most 100 items: the year, its log entry, the job and 97 deletions.
      if (removeOverrides.length > MAX_OVERRIDES_REMOVED_WITH_YEAR) throw new RangeError(`too many overrides to remove at once: ${removeOverrides.length}`);
      await retryTransaction(
        () =>
          execute(
            CalendarYearEntity.build(PutTransaction).item({ ...schedule }),
            logEntry(change),
            newJob(job),
            ...removeOverrides.map((date) => CalendarOverrideEntity.build(DeleteTransaction).key({ date })),
          ),
        ON_CONFLICT_ONLY,
      );
    },

    async listCalendarChanges(limit) {
      const { Items = [] } = await latestChanges.query({}).options({ reverse: true, limit }).send();
      return Items.map((c) => ({
        at: c.at,
        id: c.id,
        by: c.by,
        byName: c.byName,
        kind: c.kind,
        summary: c.summary,
        ...(c.year !== undefined ? { year: c.year } : {}),
        ...(c.date !== undefined ? { date: c.date } : {}),
        ...(c.work !== undefined ? { work: c.work } : {}),
        ...(c.daysOff !== undefined ? { daysOff: c.daysOff } : {}),
        ...(c.workdays !== undefined ? { workdays: c.workdays } : {}),
      }));
    },

    async getRetimeJob(id) {
      const { Item } = await RetimeJobEntity.build(GetItemCommand).key({ id }).options(LATEST).send();
      return Item ? toJob(Item as RetimeJob & Record<string, unknown>) : undefined;
    },

    async listRetimeJobs(limit) {
      const { Items = [] } = await latestJobs.query({}).options({ reverse: true, limit, consistent: true }).send();
      return Items.map((j) => toJob(j as RetimeJob & Record<string, unknown>));
    },

    async updateRetimeJob(id, update, whileStatus) {
      const { cursor, ...fields } = update;
      try {
        await RetimeJobEntity.build(UpdateItemCommand)
          .item({ id, ...fields, ...(cursor === null ? { cursor: $remove() } : cursor !== undefined ? { cursor } : {}) })
          .options({ condition: { and: [{ attr: 'id', exists: true }, { attr: 'status', in: whileStatus }] } })
          .send();
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async listSlaPolicies() {
      const { Items = [] } = await allPolicies.query({}).send();
      return Object.fromEntries(Items.map((p) => [p.type, { answerDays: p.answerDays, warnDays: p.warnDays, severeDays: p.severeDays, dayMode: p.dayMode, ...(p.revisitDays ? { revisitDays: p.revisitDays } : {}) }]));
    },

    async putSlaPolicy(type, policy) {
      await SlaPolicyEntity.build(PutItemCommand).item({ type, ...policy }).send();
    },
  };
}
