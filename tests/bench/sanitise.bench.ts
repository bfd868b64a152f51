/**
 * `npm run bench:sanitise` — what sanitising a phone photo costs: a 4000×3000 JPEG (12 MP, EXIF
 * with GPS, device and orientation, noisy pixels so it compresses like a photo) through the same
 * adapter the complete route uses (sharp: rotate, scale to ≤ 4096 px, JPEG q85, no metadata, plus a
 * 320 px thumbnail). Prints wall time per image (p50/p90 over runs) and the process's peak RSS.
 * Each run is a fresh decode (sharp's cache is off), as on Lambda where every upload is new.
 */
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import sharp from 'sharp';
import { sharpSanitiser } from '../../functions/src/adapters/images/sharp';
import { IMAGE_MAX_SIDE, THUMB_MAX_SIDE } from '@minsheng/shared';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function phonePhoto(width: number, height: number): Promise<Buffer> {
  // Random noise compresses like a real photo's detail (a flat colour would be unrealistically cheap).
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (Math.random() * 256) | 0;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'Apple', Model: 'iPhone 15 Pro' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const input = await phonePhoto(4000, 3000);
const rssBefore = process.memoryUsage().rss;
console.log(`input: 4000×3000 JPEG, ${mb(input.length)} MB, EXIF orientation 6 with GPS; sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}; concurrency ${sharp.concurrency()} threads`);
const times: number[] = [];
let out: Awaited<ReturnType<typeof sharpSanitiser.sanitise>> | undefined;
for (let i = 0; i < RUNS + 1; i++) {
  const t0 = performance.now();
  out = await sharpSanitiser.sanitise(input, { maxSide: IMAGE_MAX_SIDE, thumbSide: THUMB_MAX_SIDE });
  const ms = performance.now() - t0;
  if (i > 0) times.push(ms); // the first run loads libvips: reported apart
  else console.log(`first run (loads libvips): ${ms.toFixed(0)} ms`);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
const meta = await sharp(out!.full).metadata();
console.log(`output: ${out!.width}×${out!.height} JPEG ${mb(out!.full.length)} MB (exif: ${meta.exif ? 'present' : 'none'}), thumbnail ${(out!.thumb.length / 1024).toFixed(0)} KB`);
console.log(`sanitise time over ${RUNS} runs: p50 ${pct(50).toFixed(0)} ms, p90 ${pct(90).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`);
console.log(`peak RSS ${mb(resourceUsage().maxRSS * 1024)} MB (RSS before the runs ${mb(rssBefore)} MB, after ${mb(process.memoryUsage().rss)} MB)`);
