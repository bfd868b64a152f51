/**
 * Lambda event filtering (an event source mapping's `filterPatterns`), the subset serverless.yml
 * uses, for the local streams runner (streams-local.ts). A pattern is an object whose keys follow
 * the record's (`eventName`, `dynamodb.NewImage.<attr>.S`, …); nested objects match nested
 * objects, and every leaf is an array of the values any one of which must match:
 *
 * - an exact value (string, number, boolean or null): `eventName: [INSERT]`;
 * - `{ prefix: 'EVT#' }`: a string that starts with it;
 * - `{ exists: true }` / `{ exists: false }`: the field is there (or not). As in Lambda, `exists`
 *   is tested on a leaf (`counters: { S: [{ exists: true }] }`), not on a map or a list.
 *
 * All keys of a pattern must match (and); any one of the function's patterns may match (or). A
 * record field that is an array matches when one of its elements does. Anything else Lambda knows
 * (`anything-but`, `numeric`, `suffix`, `equals-ignore-case`, `wildcard`, `cidr`, `$or`) throws, so
 * a pattern the runner would get wrong is never applied silently.
 */
export type FilterPattern = { [key: string]: FilterPattern | FilterLeaf[] };
export type FilterLeaf = string | number | boolean | null | { prefix: string } | { exists: boolean };

const MISSING = Symbol('missing');

function unsupported(path: string, what: unknown): never {
  throw new Error(`filter pattern at ${path || '(root)'}: ${JSON.stringify(what)} is not in the subset the local streams runner implements (exact values, prefix, exists)`);
}

/** Throws unless every part of the pattern is in the subset above. */
export function checkFilterPattern(pattern: unknown, path = ''): asserts pattern is FilterPattern {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) unsupported(path, pattern);
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key.startsWith('$')) unsupported(at, key);
    if (Array.isArray(value)) {
      if (!value.length) unsupported(at, value);
      for (const leaf of value) {
        if (leaf === null || ['string', 'number', 'boolean'].includes(typeof leaf)) continue;
        if (typeof leaf === 'object' && !Array.isArray(leaf)) {
          const keys = Object.keys(leaf);
          if (keys.length === 1 && keys[0] === 'prefix' && typeof (leaf as { prefix: unknown }).prefix === 'string') continue;
          if (keys.length === 1 && keys[0] === 'exists' && typeof (leaf as { exists: unknown }).exists === 'boolean') continue;
        }
        unsupported(at, leaf);
      }
    } else {
      checkFilterPattern(value, at);
    }
  }
}

function leafMatches(leaf: FilterLeaf, value: unknown): boolean {
  if (leaf !== null && typeof leaf === 'object') {
    if ('exists' in leaf) {
      const isLeafValue = value !== MISSING && (value === null || typeof value !== 'object');
      return leaf.exists ? isLeafValue : value === MISSING;
    }
    return typeof value === 'string' && value.startsWith(leaf.prefix);
  }
  return value === leaf;
}

function matchesAt(pattern: FilterPattern, record: unknown): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const value = record !== null && typeof record === 'object' && key in record ? (record as Record<string, unknown>)[key] : MISSING;
    if (Array.isArray(expected)) {
      const candidates = Array.isArray(value) ? (value.length ? value : [MISSING]) : [value];
      return expected.some((leaf) => candidates.some((v) => leafMatches(leaf, v)));
    }
    return value !== MISSING && matchesAt(expected, value);
  });
}

/** Whether a stream record (as Lambda hands it over) passes the function's filters; no filters: every record. */
export function compileFilters(patterns: unknown[] | undefined): (record: unknown) => boolean {
  const checked = (patterns ?? []).map((p) => (checkFilterPattern(p), p));
  if (!checked.length) return () => true;
  return (record) => checked.some((p) => matchesAt(p, record));
}
