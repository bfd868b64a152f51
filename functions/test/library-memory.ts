/**
 * In-memory stand-ins for the library's table and the snapshot bucket (not a test file): the live
 * index's snapshot tests count what each would be asked.
 */
import type { LibraryChange, LibraryItemRecord, LibraryStore, StoredSynonyms } from '../src/ports/library-store';
import type { SnapshotObjects } from '../src/adapters/search/library-snapshot';

export function memoryLibrary(initial: LibraryItemRecord[]) {
  const itemsById = new Map(initial.map((i) => [i.id, i]));
  const log: LibraryChange[] = [];
  let synonyms: StoredSynonyms | undefined;
  const calls = { listItems: 0, getItems: 0, itemsRead: 0 };
  const bump = (change: Omit<LibraryChange, 'version'>) => log.push({ version: log.length + 1, ...change });
  const store: LibraryStore = {
    getVersion: async () => log.length,
    listChangesSince: async (v, limit) => log.filter((c) => c.version > v).slice(0, limit),
    listItems: async () => (calls.listItems++, [...itemsById.values()]),
    getItem: async (id) => itemsById.get(id),
    getItems: async (ids) => {
      calls.getItems++;
      calls.itemsRead += ids.length;
      return ids.flatMap((id) => (itemsById.has(id) ? [itemsById.get(id)!] : []));
    },
    getPublishedItemId: async () => undefined,
    saveItem: async (i) => (itemsById.set(i.id, i), bump({ op: 'put', itemId: i.id }), { ok: true, version: log.length }),
    deleteItem: async (i) => (itemsById.delete(i.id), bump({ op: 'delete', itemId: i.id }), { ok: true, version: log.length }),
    importItems: async (list) => {
      list.forEach((i) => itemsById.set(i.id, i));
      bump({ op: 'bulk' });
    },
    getSynonyms: async () => synonyms,
    putSynonyms: async (s) => {
      synonyms = s;
      bump({ op: 'synonyms' });
      return { ok: true, version: log.length };
    },
    deleteSynonyms: async () => {
      synonyms = undefined;
      bump({ op: 'synonyms' });
      return { ok: true, version: log.length };
    },
  };
  return { store, calls, items: itemsById };
}

export function memoryObjects() {
  const objects = new Map<string, Buffer>();
  const reads: string[] = [];
  const bucket: SnapshotObjects = {
    read: async (key) => (reads.push(key), objects.get(key)),
    write: async (key, body) => void objects.set(key, Buffer.from(body)),
    remove: async (keys) => keys.forEach((k) => objects.delete(k)),
  };
  return { bucket, objects, reads };
}
