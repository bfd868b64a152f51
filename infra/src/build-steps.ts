/**
 * What the local builds (the mini-program's H5/weapp, the console) have in common: knowing when
 * their sources changed, and running a build tool while keeping what it says.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './table-definition';

/** The given files that exist, and every file under the given folders, sorted. */
export function listSources(folders: string[], files: string[] = []): string[] {
  const found = files.filter((f) => existsSync(f));
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(path);
    }
  };
  for (const folder of folders) if (existsSync(folder)) walk(folder);
  return found.sort();
}

/**
 * A hash of files' paths (relative to the repository) and contents — not mtimes: a fresh clone or
 * a `git checkout` changes every mtime — plus anything else the build depends on (`extra`).
 */
export function hashSources(files: string[], extra?: unknown): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.slice(REPO_ROOT.length)).update('\0').update(readFileSync(file)).update('\0');
  if (extra !== undefined) hash.update(JSON.stringify(extra));
  return hash.digest('hex');
}

/** Run a Node script (a build tool's bin) and resolve with its exit code and everything it printed. */
export async function runNodeTool(
  script: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; onOutput?: (text: string) => void },
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    options.onOutput?.(chunk.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  return { code, output };
}
