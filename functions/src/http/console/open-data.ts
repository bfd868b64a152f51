import { PATH_PARAMS, openDataQuerySchema, toCsv } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { openDataExport } from '../../services/opendata/export';

/** GET /api/console/open-data/{month}[?format=csv|json&k=5]: the month's anonymised open-data file (a download). */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), queues: wire.queues, reference: wire.reference }), {
  auth: officialIn(['supervisor', 'admin']),
  params: { month: PATH_PARAMS.month },
  query: openDataQuerySchema,
  handle: async (input) => {
    const month = input.pathParam('month');
    const { read: _read, ...doc } = await openDataExport(input.deps, input.auth, { month, ...(input.query.k !== undefined ? { k: input.query.k } : {}) });
    const file = `minsheng-open-data-${month}${doc.unitId === 'root' ? '' : `-${doc.unitId}`}`;
    const headers = { 'X-Open-Data-K': String(doc.k), 'X-Open-Data-Suppressed': String(doc.suppressed) };
    // Both as text, so a large file is gzipped (a city's month as JSON is ~3 MB per 10,000 rows; Lambda answers at most 6 MB).
    if (input.query.format === 'json') return { text: JSON.stringify(doc), headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.json"` } };
    return { text: toCsv(doc.rows), headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.csv"` } };
  },
});
