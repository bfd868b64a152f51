// The two front ends type-check with their own settings (JSX, DOM, Taro's types), which the root
// tsconfig does not cover: a new case action or status that a console table or a mini-program page
// does not handle fails here, not in front of an official or a citizen.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/src/table-definition';

const tsc = resolve(REPO_ROOT, 'node_modules/typescript/bin/tsc');

describe.each(['miniprogram', 'console'])('%s', (project) => {
  it('type-checks (tsc --noEmit)', () => {
    const run = spawnSync(process.execPath, [tsc, '-p', resolve(REPO_ROOT, project, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`.trim()).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);
});
