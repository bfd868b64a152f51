import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadOne, type UploadPurpose } from './upload-transport';
import { addFiles, fromDraft, failed, progressed, removed, retried, succeeded, toDraft, type DraftUpload, type LocalFile, type UploadItem } from './uploads';

let counter = 0;
const newLocalId = () => `u${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * The attachments of one form: add picked files (each uploads at once), retry, remove. `onDone`
 * hears the completed uploads whenever they change (the filing form keeps them in its draft).
 */
export function useUploads(opts: { purpose: UploadPurpose; allowPdf: boolean; initial?: DraftUpload[]; caseToken?: () => Promise<string>; onDone?: (uploads: DraftUpload[]) => void }) {
  const [items, setItems] = useState<UploadItem[]>(() => fromDraft(opts.initial, newLocalId));
  // Every change goes through here, so async callbacks always work on the latest list.
  const current = useRef(items);
  const commit = useCallback((change: (list: UploadItem[]) => UploadItem[]) => {
    current.current = change(current.current);
    setItems(current.current);
  }, []);
  const optsRef = useRef(opts);
  optsRef.current = opts;

  const doneKey = JSON.stringify(toDraft(items));
  const firstDone = useRef(true);
  useEffect(() => {
    // Not on mount: the draft already holds what it was opened with.
    if (firstDone.current) return void (firstDone.current = false);
    optsRef.current.onDone?.(JSON.parse(doneKey) as DraftUpload[]);
  }, [doneKey]);

  const start = useCallback(
    (row: UploadItem) => {
      const { purpose, caseToken } = optsRef.current;
      const source = row.source;
      if (!source) return;
      void (async () => {
        try {
          const token = caseToken ? await caseToken() : undefined;
          const result = await uploadOne(purpose, source, (p) => commit((list) => progressed(list, row.localId, p)), token);
          commit((list) => succeeded(list, row.localId, { uploadId: result.uploadId, ...(result.uploadToken ? { uploadToken: result.uploadToken } : {}) }));
        } catch (e) {
          commit((list) => failed(list, row.localId, e instanceof Error && e.message ? e.message : '上传没有成功，请点“重试”'));
        }
      })();
    },
    [commit],
  );

  /** Add picked files; answers how many did not fit (9 at most). */
  const add = useCallback(
    (picked: { file: LocalFile; preview?: string }[]): number => {
      const before = current.current.length;
      const next = addFiles(current.current, picked.map((p) => p.file), { allowPdf: optsRef.current.allowPdf, newId: newLocalId });
      // The thumbnail shows at once; the draft keeps it once the upload completes.
      const withPreviews = next.items.map((item, i) => {
        const preview = i >= before ? picked[i - before]?.preview : undefined;
        return preview ? { ...item, preview } : item;
      });
      commit(() => withPreviews);
      for (const row of next.started) start(row);
      return next.dropped;
    },
    [commit, start],
  );

  const retry = useCallback(
    (localId: string) => {
      const next = retried(current.current, localId, optsRef.current.allowPdf);
      commit(() => next.items);
      if (next.started) start(next.started);
    },
    [commit, start],
  );

  const remove = useCallback((localId: string) => commit((list) => removed(list, localId)), [commit]);
  const replace = useCallback((list: UploadItem[]) => commit(() => list), [commit]);

  return { items, add, retry, remove, replace, current };
}
