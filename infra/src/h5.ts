/**
 * The citizen mini-program's H5 build for the local stack: build it when its sources changed,
 * serve it with a small static server that also proxies /api/* to the local API, so the H5 app
 * (which calls a relative '/api') works on whatever port it is served from.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from './table-definition';
import { serveStaticSite, type StaticSite } from './static-site';
import { hashSources, listSources, runNodeTool } from './build-steps';

export const MINIPROGRAM_DIR = resolve(REPO_ROOT, 'miniprogram');
export type TaroTarget = 'h5' | 'weapp';

/** Where a build lands; `blank` is the empty Taro app the benchmark compares with. */
export function distDir(target: TaroTarget, variant: 'app' | 'blank' = 'app'): string {
  return resolve(MINIPROGRAM_DIR, 'dist', variant === 'blank' ? `blank-${target}` : target);
}

/** Everything a build depends on: the mini-program's sources and config, and shared/ (schemas, labels). */
function sourceFiles(): string[] {
  return listSources(
    [resolve(MINIPROGRAM_DIR, 'src'), resolve(MINIPROGRAM_DIR, 'config'), resolve(MINIPROGRAM_DIR, 'bench'), resolve(REPO_ROOT, 'shared', 'src')],
    ['package.json', 'babel.config.js', 'project.config.json'].map((f) => resolve(MINIPROGRAM_DIR, f)),
  );
}

/** A hash of the build's inputs and the variables it is built with. */
export function sourceHash(env: Record<string, string> = {}): string {
  return hashSources(sourceFiles(), env);
}

const STAMP = '.minsheng-build';

/** True when dist/<target> was built from the current sources. */
export function isBuildFresh(target: TaroTarget, options: { env?: Record<string, string>; variant?: 'app' | 'blank' } = {}): boolean {
  const variant = options.variant ?? 'app';
  const env = { ...options.env, ...(variant === 'blank' ? { MINSHENG_MP_BLANK: '1' } : {}) };
  const stamp = resolve(distDir(target, variant), STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash(env);
}

/**
 * `taro build --type <target>` into miniprogram/dist/<target>; rejects with Taro's output when
 * the build fails. `env` adds TARO_APP_* variables (e.g. the weapp's API origin).
 */
export async function buildMiniprogram(
  target: TaroTarget,
  options: { env?: Record<string, string>; onOutput?: (text: string) => void; variant?: 'app' | 'blank' } = {},
): Promise<void> {
  const variant = options.variant ?? 'app';
  const env = { ...options.env, ...(variant === 'blank' ? { MINSHENG_MP_BLANK: '1' } : {}) };
  const out = distDir(target, variant);
  // Build beside the old output and swap it in when complete: a server (npm start) or another
  // test may be reading the old one meanwhile.
  const building = resolve(MINIPROGRAM_DIR, 'dist', `.building-${target}-${variant}-${process.pid}-${Date.now()}`);
  const hash = sourceHash(env);
  const taro = resolve(REPO_ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro');
  const { code, output } = await runNodeTool(taro, ['build', '--type', target], {
    cwd: MINIPROGRAM_DIR,
    env: { ...env, MINSHENG_MP_OUT: relative(MINIPROGRAM_DIR, building), NODE_ENV: 'production', BROWSERSLIST_IGNORE_OLD_DATA: '1' },
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
  });
  // Taro exits 0 even when webpack reported errors: look at what it said too.
  if (code !== 0 || /Compiled with (some )?errors|✖ Errors|ERROR in /.test(output) || !existsSync(resolve(building, target === 'h5' ? 'index.html' : 'app.json'))) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`taro build --type ${target} failed (exit ${code}):\n${output.slice(-6000)}`);
  }
  writeFileSync(resolve(building, STAMP), hash);
  if (target === 'h5') {
    installBuild(building, out);
  } else {
    // Nobody serves the weapp folder, and WeChat counts every file in it: replace it whole.
    rmSync(out, { recursive: true, force: true });
    renameSync(building, out);
  }
}

/** Files under `dir`, as paths relative to it. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path).map((f) => join(name, f)) : [name];
  });
}

/**
 * Move a finished build into place file by file (each rename is atomic), index.html and the stamp
 * last. Assets of the previous build stay a while: their names are content hashes, and a page
 * loaded before the swap still asks for them when it opens its next page.
 */
function installBuild(building: string, out: string) {
  const fresh = listFiles(building);
  const last = new Set(['index.html', STAMP, 'app.json']);
  const order = [...fresh.filter((f) => !last.has(f)), ...fresh.filter((f) => last.has(f))];
  for (const file of order) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    renameSync(join(building, file), join(out, file));
  }
  rmSync(building, { recursive: true, force: true });
  const keep = new Set(fresh);
  const cutoff = Date.now() - 30 * 60 * 1000;
  for (const file of listFiles(out)) {
    const path = join(out, file);
    if (!keep.has(file) && statSync(path).mtimeMs < cutoff) unlinkSync(path);
  }
}

/** Build dist/h5 unless it is already built from these sources. Returns whether it built. */
export async function ensureH5Build(onOutput?: (text: string) => void): Promise<boolean> {
  if (isBuildFresh('h5')) return false;
  await buildMiniprogram('h5', onOutput ? { onOutput } : {});
  return true;
}

export type H5Server = StaticSite;

/** Serve the H5 dist on `port` (0: any free one) and proxy /api/* to `apiUrl`. */
export function serveH5(options: { apiUrl: string; port?: number; root?: string; host?: string }): Promise<H5Server> {
  return serveStaticSite({ ...options, root: options.root ?? distDir('h5') });
}

/**
 * For `npm start`: build the H5 app if its sources changed (~20 s; otherwise instant), serve it
 * next to the API. A failed build does not stop the API: it is reported and the H5 line omitted.
 */
export async function startH5ForStack(options: { apiUrl: string; port: number; log: (message: string) => void }): Promise<H5Server | undefined> {
  try {
    if (!isBuildFresh('h5')) {
      options.log('building the mini-program for H5 (miniprogram/ changed; ~20 s)…');
      await buildMiniprogram('h5');
    }
    return await serveH5({ apiUrl: options.apiUrl, port: options.port });
  } catch (error) {
    options.log(`H5 mini-program not served: ${error instanceof Error ? error.message.slice(0, 2000) : String(error)}`);
    return undefined;
  }
}
