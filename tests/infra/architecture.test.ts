import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/src/table-definition';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const rel = (file: string) => relative(REPO_ROOT, file);

// Which module may import which is checked by dependency-cruiser (tests/infra/boundaries.test.ts, .dependency-cruiser.mjs).
describe('access patterns', () => {
  it('no Scan anywhere in the application code', () => {
    for (const file of sourceFiles(join(REPO_ROOT, 'functions/src'))) {
      // The SDK's ScanCommand, or the toolbox's scan action.
      expect(/\bScanCommand\b|actions\/scan['"]/.test(readFileSync(file, 'utf8')), `${rel(file)} uses Scan`).toBe(false);
    }
  });
});
