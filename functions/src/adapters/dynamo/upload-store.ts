import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { UpdateItemCommand, $remove, $set } from 'dynamodb-toolbox/entity/actions/update';
import type { UploadRecord, UploadStore } from '../../ports/uploads';
import { uploadEntities } from './entities';
import { isConditionFailed } from './errors';
import { LATEST, type MinshengTable } from './table';

/** Seconds an upload's item is kept after it was asked for (the bucket's uploads/ objects expire after a day). */
const UPLOAD_TTL_SECONDS = 2 * 24 * 60 * 60;

export function createDynamoUploadStore(table: MinshengTable): UploadStore {
  const { UploadEntity } = uploadEntities(table);

  async function conditional(run: () => Promise<unknown>): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  return {
    async put(upload) {
      await UploadEntity.build(PutItemCommand)
        .item({ ...upload, ttl: Math.floor(Date.parse(upload.createdAt) / 1000) + UPLOAD_TTL_SECONDS })
        .options({ condition: { attr: 'uploadId', exists: false } })
        .send();
    },

    async get(uploadId) {
      const { Item } = await UploadEntity.build(GetItemCommand).key({ uploadId }).options(LATEST).send();
      if (!Item) return undefined;
      const { ttl: _ttl, ...upload } = Item;
      return upload as UploadRecord;
    },

    markReady(uploadId, file) {
      return conditional(() =>
        UploadEntity.build(UpdateItemCommand)
          // $set: the whole object replaces the attribute (a plain object would be a deep update of a missing one).
          .item({ uploadId, status: 'ready', file: $set(file) as never })
          .options({ condition: { attr: 'status', eq: 'pending' } })
          .send(),
      );
    },

    claim(uploadId, owner, caseNo) {
      return conditional(() =>
        UploadEntity.build(UpdateItemCommand)
          .item({ uploadId, status: 'attached', caseNo })
          .options({ condition: { and: [{ attr: 'status', eq: 'ready' }, { attr: 'owner', eq: owner }] } })
          .send(),
      );
    },

    async release(uploadId) {
      await UploadEntity.build(UpdateItemCommand)
        .item({ uploadId, status: 'ready', caseNo: $remove() })
        .options({ condition: { attr: 'status', eq: 'attached' } })
        .send()
        .catch((error: unknown) => {
          if (!isConditionFailed(error)) throw error;
        });
    },
  };
}
