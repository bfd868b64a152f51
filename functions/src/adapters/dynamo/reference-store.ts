import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import type { Category, Department, ReferenceStore, Unit } from '../../ports/reference-data';
import type { UnitLevel } from '@minsheng/shared';
import { referenceEntities } from './entities';
import { key } from './keys';
import { ON_CONFLICT_ONLY, retryTransaction } from './errors';
import type { MinshengTable } from './table';

/** Categories and departments, each kind in one partition. */
export function createDynamoReferenceStore(table: MinshengTable): ReferenceStore {
  const { CategoryEntity, DepartmentEntity, UnitEntity, DispatchRuleEntity } = referenceEntities(table);
  const allDispatchRules = DispatchRuleEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.dispatchRules }))
    .options({ maxPages: Infinity });
  const allCategories = CategoryEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.categories }))
    .options({ maxPages: Infinity });
  const allDepartments = DepartmentEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.departments }))
    .options({ maxPages: Infinity });
  const allUnits = UnitEntity.build(AccessPattern)
    .pattern(() => ({ partition: key.units }))
    .options({ maxPages: Infinity });

  return {
    async getCategory(id) {
      const { Item } = await CategoryEntity.build(GetItemCommand).key({ id }).send();
      return Item ? toCategory(Item) : undefined;
    },

    async listCategories() {
      const { Items = [] } = await allCategories.query({}).send();
      return Items.map(toCategory).sort((a, b) => a.sortOrder - b.sortOrder);
    },

    async listDepartments() {
      const { Items = [] } = await allDepartments.query({}).send();
      return Items.map(toDepartment).sort((a, b) => a.sortOrder - b.sortOrder);
    },

    async listUnits() {
      const { Items = [] } = await allUnits.query({}).send();
      return Items.map(toUnit).sort((a, b) => a.level - b.level || a.sortOrder - b.sortOrder);
    },

    async getUnit(id) {
      const { Item } = await UnitEntity.build(GetItemCommand).key({ id }).send();
      return Item ? toUnit(Item) : undefined;
    },

    async putUnit(unit) {
      await UnitEntity.build(PutItemCommand).item(unit).send();
    },

    async putUnits(units) {
      // TransactWriteItems takes at most 100 items.
      for (let i = 0; i < units.length; i += 100) {
        const puts = units.slice(i, i + 100).map((u) => UnitEntity.build(PutTransaction).item(u));
        if (puts.length) await retryTransaction(() => execute(...puts), ON_CONFLICT_ONLY);
      }
    },

    async putCategory(category) {
      await CategoryEntity.build(PutItemCommand).item(category).send();
    },

    async putDepartment(department) {
      await DepartmentEntity.build(PutItemCommand).item(department).send();
    },

    async listDispatchRules() {
      const { Items = [] } = await allDispatchRules.query({}).send();
      return Items.map((i) => ({ categoryId: i.categoryId, unitId: i.unitId, departmentId: i.departmentId }));
    },

    async putDispatchRule(rule) {
      await DispatchRuleEntity.build(PutItemCommand).item(rule).send();
    },

    async deleteDispatchRule(categoryId, unitId) {
      const { Attributes } = await DispatchRuleEntity.build(DeleteItemCommand).key({ categoryId, unitId }).options({ returnValues: 'ALL_OLD' }).send();
      return Attributes !== undefined;
    },
  };
}

function toCategory(item: Category): Category {
  return {
    id: item.id,
    name: item.name,
    types: item.types,
    sortOrder: item.sortOrder,
    active: item.active,
    ...(item.description ? { description: item.description } : {}),
    ...(item.defaultDepartmentId ? { defaultDepartmentId: item.defaultDepartmentId } : {}),
  };
}

function toDepartment(item: Department): Department {
  return { id: item.id, name: item.name, sortOrder: item.sortOrder, active: item.active, ...(item.unitId ? { unitId: item.unitId } : {}) };
}

function toUnit(item: { id: string; name: string; level: number; parentId?: string; path: string; sortOrder: number; active: boolean }): Unit {
  return {
    id: item.id,
    name: item.name,
    level: item.level as UnitLevel,
    ...(item.parentId ? { parentId: item.parentId } : {}),
    path: item.path,
    sortOrder: item.sortOrder,
    active: item.active,
  };
}
