import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { UpdateItemCommand } from 'dynamodb-toolbox/entity/actions/update';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import type { CaseLink, CitizenLinkStore } from '../../ports/citizen-links';
import { citizenLinkEntities } from './entities';
import { isConditionFailed } from './errors';
import { key } from './keys';
import type { MinshengTable } from './table';

/** One item per (identity, case); an identity's cases are one Query, newest case number first. */
export function createDynamoCitizenLinkStore(table: MinshengTable): CitizenLinkStore {
  const { CaseLinkEntity } = citizenLinkEntities(table);
  const toLink = (i: CaseLink): CaseLink => ({
    identity: i.identity,
    caseNo: i.caseNo,
    via: i.via,
    linkedAt: i.linkedAt,
    ...(i.seenProgressAt ? { seenProgressAt: i.seenProgressAt } : {}),
  });
  return {
    async link(link) {
      try {
        await CaseLinkEntity.build(PutItemCommand)
          .item(link)
          .options({ condition: { attr: 'caseNo', exists: false } })
          .send();
      } catch (error) {
        if (!isConditionFailed(error)) throw error; // linked already: keep what it has seen
      }
    },

    async unlink(identity, caseNo) {
      const { Attributes } = await CaseLinkEntity.build(DeleteItemCommand).key({ identity, caseNo }).options({ returnValues: 'ALL_OLD' }).send();
      return Attributes !== undefined;
    },

    async getLink(identity, caseNo) {
      const { Item } = await CaseLinkEntity.build(GetItemCommand).key({ identity, caseNo }).options({ consistent: true }).send();
      return Item ? toLink(Item as CaseLink) : undefined;
    },

    async listLinks(identity, limit) {
      const { Items = [] } = await table.build(QueryCommand).entities(CaseLinkEntity).query({ partition: key.caseLinks(identity) }).options({ limit, reverse: true }).send();
      return Items.map((i) => toLink(i as CaseLink));
    },

    async markSeen(identity, caseNo, progressAt) {
      try {
        await CaseLinkEntity.build(UpdateItemCommand)
          .item({ identity, caseNo, seenProgressAt: progressAt })
          .options({ condition: { attr: 'caseNo', exists: true } })
          .send();
      } catch (error) {
        if (!isConditionFailed(error)) throw error; // unlinked meanwhile
      }
    },
  };
}
