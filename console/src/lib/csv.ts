export type Cell = string | number | undefined | null;

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function field(value: Cell): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text (CRLF line ends), starting with a UTF-8 byte-order mark so Excel reads Chinese correctly. */
export function toCsv(rows: Cell[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(filename: string, rows: Cell[][]): void {
  saveFile(filename, new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
}

/** Hand a file to the browser's download (a link clicked; the object URL released once it has been taken). */
export function saveFile(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
