/**
 * The officials' console for the local stack: build it when its sources changed, serve the
 * static build with a fallback to index.html for the app's own routes, and proxy /api/* to the
 * local API — the console calls a relative '/api', so one build works on any host and port.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './table-definition';
import { serveStaticSite, type StaticSite } from './static-site';
import { hashSources, listSources, runNodeTool } from './build-steps';

export const CONSOLE_DIR = resolve(REPO_ROOT, 'console');
export const CONSOLE_DIST = resolve(CONSOLE_DIR, 'dist');
const STAMP = '.minsheng-build';

/** What a build depends on: the console's sources and config, and shared/ (types, labels, schemas). */
export function consoleSourceHash(): string {
  return hashSources(
    listSources(
      [resolve(CONSOLE_DIR, 'src'), resolve(CONSOLE_DIR, 'public'), resolve(REPO_ROOT, 'shared', 'src')],
      ['package.json', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((f) => resolve(CONSOLE_DIR, f)),
    ),
  );
}

/** True when console/dist was built from the current sources. */
export function isConsoleBuildFresh(): boolean {
  const stamp = resolve(CONSOLE_DIST, STAMP);
  return existsSync(stamp) && existsSync(resolve(CONSOLE_DIST, 'index.html')) && readFileSync(stamp, 'utf8') === consoleSourceHash();
}

/**
 * `vite build` into a temporary folder, then moved into console/dist: the new hashed assets join the
 * previous build's (kept one generation, so a page loaded just before a rebuild — e.g. by another
 * `npm start` after `shared/` changed — can still load its lazy chunks), and index.html is replaced
 * last, in one rename. Rejects with Vite's output on failure.
 */
export async function buildConsole(options: { onOutput?: (text: string) => void } = {}): Promise<void> {
  const hash = consoleSourceHash();
  const tmp = resolve(CONSOLE_DIR, `dist.tmp-${process.pid}`);
  const vite = resolve(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const { code, output } = await runNodeTool(vite, ['build', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: CONSOLE_DIR,
    env: { NODE_ENV: 'production' },
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
  });
  if (code !== 0 || !existsSync(resolve(tmp, 'index.html'))) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`console build failed (exit ${code}):\n${output.slice(-6000)}`);
  }
  installBuild(tmp, hash);
}

const GENERATION = '.assets';

/** Move a finished build from `tmp` into console/dist, keeping the previous build's assets. */
function installBuild(tmp: string, hash: string) {
  const assets = resolve(CONSOLE_DIST, 'assets');
  mkdirSync(assets, { recursive: true });
  const fresh = existsSync(resolve(tmp, 'assets')) ? readdirSync(resolve(tmp, 'assets')) : [];
  const genFile = resolve(CONSOLE_DIST, GENERATION);
  const previous = existsSync(genFile) ? readFileSync(genFile, 'utf8').split('\n').filter(Boolean) : readdirSync(assets);
  for (const name of fresh) renameSync(resolve(tmp, 'assets', name), resolve(assets, name));
  const keep = new Set([...fresh, ...previous]);
  for (const name of readdirSync(assets)) if (!keep.has(name)) rmSync(resolve(assets, name), { force: true });
  for (const name of readdirSync(tmp)) {
    if (name === 'assets' || name === 'index.html') continue;
    rmSync(resolve(CONSOLE_DIST, name), { recursive: true, force: true });
    renameSync(resolve(tmp, name), resolve(CONSOLE_DIST, name));
  }
  writeFileSync(genFile, fresh.join('\n'));
  writeFileSync(resolve(CONSOLE_DIST, STAMP), hash);
  renameSync(resolve(tmp, 'index.html'), resolve(CONSOLE_DIST, 'index.html'));
  rmSync(tmp, { recursive: true, force: true });
}

/** Build console/dist unless it is already built from these sources. Returns whether it built. */
export async function ensureConsoleBuild(onOutput?: (text: string) => void): Promise<boolean> {
  if (isConsoleBuildFresh()) return false;
  await buildConsole(onOutput ? { onOutput } : {});
  return true;
}

// Defence in depth behind "citizen text is rendered as text": no inline or foreign scripts run,
// even if some text ever reached the page as HTML. antd injects its styles at run time, hence
// 'unsafe-inline' for styles only.
// The evidence bucket's origin (presigned links) is allowed for images and for uploads (connect), nothing else.
export function securityHeaders(evidenceOrigin?: string): Record<string, string> {
  const bucket = evidenceOrigin ? ` ${new URL(evidenceOrigin).origin}` : '';
  return {
    'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:${bucket}; font-src 'self' data:; connect-src 'self'${bucket}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}

export type ConsoleServer = StaticSite;

/** Serve console/dist on `port` (0: any free one) with its security headers, and proxy /api/* to `apiUrl`. */
export function serveConsole(options: { apiUrl: string; port?: number; root?: string; host?: string; evidenceOrigin?: string }): Promise<ConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  return serveStaticSite({
    ...options,
    root: options.root ?? CONSOLE_DIST,
    headers: securityHeaders(options.evidenceOrigin),
    urlHost: host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host,
  });
}

/**
 * For `npm start`: build the console if its sources changed (a few seconds; otherwise instant) and
 * serve it next to the API. A failed build does not stop the API: it is reported and the line omitted.
 */
export async function startConsoleForStack(options: { apiUrl: string; port: number; log: (message: string) => void; evidenceOrigin?: string }): Promise<ConsoleServer | undefined> {
  try {
    if (!isConsoleBuildFresh()) {
      options.log('building the officials\' console (console/ changed; ~5 s)…');
      await buildConsole();
    }
    return await serveConsole({ apiUrl: options.apiUrl, port: options.port, ...(options.evidenceOrigin ? { evidenceOrigin: options.evidenceOrigin } : {}) });
  } catch (error) {
    options.log(`console not served: ${error instanceof Error ? error.message.slice(0, 2000) : String(error)}`);
    return undefined;
  }
}
