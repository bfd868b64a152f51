import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import type { CalendarChange, SlaSettingsStore } from '../../ports/sla-settings';
import { slaSettingsEntities } from './entities';
import { ON_CONFLICT_ONLY, retryTransaction } from './errors';
import { key } from './keys';
import type { MinshengTable } from './table';

/**
 * SLA policies per case type, holiday-calendar overrides by date and entered years' schedules,
 * each in one partition; the calendar's change log in its own (written in the same transaction as
 * the change it records).
 */
export function createDynamoSlaSettingsStore(table: MinshengTable): SlaSettingsStore {
  const { CalendarOverrideEntity, SlaPolicyEntity, CalendarYearEntity, CalendarChangeEntity } = slaSettingsEntities(table);
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

  return {
    async listCalendarOverrides() {
      const { Items = [] } = await allOverrides.query({}).send();
      return Items.map((o) => ({ date: o.date, work: o.work, ...(o.note ? { note: o.note } : {}) }));
    },

    async putCalendarOverride(override, change) {
      await retryTransaction(() => execute(CalendarOverrideEntity.build(PutTransaction).item(override), logEntry(change)), ON_CONFLICT_ONLY);
    },

    async deleteCalendarOverride(date, change) {
      await retryTransaction(() => execute(CalendarOverrideEntity.build(DeleteTransaction).key({ date }), logEntry(change)), ON_CONFLICT_ONLY);
    },

    async listYearSchedules() {
      const { Items = [] } = await allYears.query({}).send();
      return Items.map((y) => ({ year: y.year, holidays: y.holidays, source: y.source, enteredAt: y.enteredAt, enteredBy: y.enteredBy, enteredByName: y.enteredByName }));
    },

    async putYearSchedule(schedule, change, removeOverrides) {
      // TransactWriteItems takes at most 100 items: the year, its log entry and 98 deletions.
      if (removeOverrides.length > 98) throw new RangeError(`too many overrides to remove at once: ${removeOverrides.length}`);
      await retryTransaction(
        () =>
          execute(
            CalendarYearEntity.build(PutTransaction).item({ ...schedule }),
            logEntry(change),
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

    async listSlaPolicies() {
      const { Items = [] } = await allPolicies.query({}).send();
      return Object.fromEntries(Items.map((p) => [p.type, { answerDays: p.answerDays, warnDays: p.warnDays, severeDays: p.severeDays, dayMode: p.dayMode }]));
    },

    async putSlaPolicy(type, policy) {
      await SlaPolicyEntity.build(PutItemCommand).item({ type, ...policy }).send();
    },
  };
}
