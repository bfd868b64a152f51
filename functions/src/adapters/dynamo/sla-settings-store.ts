import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import type { SlaSettingsStore } from '../../ports/sla-settings';
import { slaSettingsEntities } from './entities';
import { key } from './keys';
import type { MinshengTable } from './table';

/** SLA policies per case type and holiday-calendar overrides by date, each in one partition. */
export function createDynamoSlaSettingsStore(table: MinshengTable): SlaSettingsStore {
  const { CalendarOverrideEntity, SlaPolicyEntity } = slaSettingsEntities(table);
  const allOverrides = CalendarOverrideEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.calendarOverrides }))
    .options({ maxPages: Infinity });
  const allPolicies = SlaPolicyEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.slaPolicies }))
    .options({ maxPages: Infinity });

  return {
    async listCalendarOverrides() {
      const { Items = [] } = await allOverrides.query({}).send();
      return Items.map((o) => ({ date: o.date, work: o.work, ...(o.note ? { note: o.note } : {}) }));
    },

    async putCalendarOverride(override) {
      await CalendarOverrideEntity.build(PutItemCommand).item(override).send();
    },

    async deleteCalendarOverride(date) {
      await CalendarOverrideEntity.build(DeleteItemCommand).key({ date }).send();
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
