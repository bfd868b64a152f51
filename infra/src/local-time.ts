/**
 * Move the local stack's clock: `npm run local:time -- +5d` (also +12h, 0 to reset, or an ISO
 * date). Only the local stack reads this file; it lets a demo show warnings and escalations.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './table-definition';

const arg = process.argv[2] ?? '0';
const localDir = resolve(process.env.MINSHENG_LOCAL_DIR ?? resolve(REPO_ROOT, '.local'));
let offset: number;
const rel = /^\+?(\d+(?:\.\d+)?)([dhm])$/.exec(arg);
if (rel) {
  offset = Number(rel[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[rel[2] as 'd' | 'h' | 'm'];
} else if (arg === '0') {
  offset = 0;
} else if (!Number.isNaN(Date.parse(arg))) {
  offset = Date.parse(arg) - Date.now();
} else {
  console.error('usage: npm run local:time -- +5d | +12h | 0 | 2026-12-01T09:00:00+08:00');
  process.exit(2);
}
mkdirSync(localDir, { recursive: true });
// Write then rename, so a function never reads a half-written file.
writeFileSync(resolve(localDir, 'clock-offset.tmp'), String(Math.round(offset)));
renameSync(resolve(localDir, 'clock-offset.tmp'), resolve(localDir, 'clock-offset'));
console.log(`local clock now ${new Date(Date.now() + offset).toISOString()} (offset ${Math.round(offset / 3_600_000)} h)`);
