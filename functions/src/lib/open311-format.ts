/**
 * The spec's two formats (wiki.open311.org/GeoReport_v2, "Format Support"): JSON, and XML mapped from
 * it by element name (the Spark convention). A small serializer with escaping; nothing is ever parsed from XML.
 */
export type Open311Format = 'json' | 'xml';
export type Open311Value = string | number | boolean | null;
export type Open311Row = Record<string, Open311Value>;

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** Text as XML character data: the five specials escaped, and characters XML 1.0 cannot hold dropped. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<root><item><field>…</field>…</item>…</root>`: null is an empty element. */
export function toXml(root: string, item: string, rows: Open311Row[]): string {
  const fields = (row: Open311Row) => Object.entries(row).map(([k, v]) => (v === null ? `<${k}/>` : `<${k}>${xmlText(String(v))}</${k}>`)).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${rows.map((r) => `<${item}>${fields(r)}</${item}>`).join('')}</${root}>`;
}

/** A list of rows in the asked format. */
export function render(format: Open311Format, root: string, item: string, rows: Open311Row[]): { contentType: string; body: string } {
  return { contentType: CONTENT_TYPES[format], body: format === 'json' ? JSON.stringify(rows) : toXml(root, item, rows) };
}

/**
 * An error as the spec has it (its "Errors" section): `[{ code, description }]`, XML
 * `<errors><error><code/><description/></error></errors>`, with the HTTP status as the code —
 * 404 for what does not exist, 403 for a missing or wrong api_key, 400 for anything else.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 500 | 503,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

export function renderError(format: Open311Format, status: number, description: string): { contentType: string; body: string } {
  return render(format, 'errors', 'error', [{ code: status, description }]);
}
