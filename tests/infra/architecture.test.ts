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

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

const rel = (file: string) => relative(REPO_ROOT, file);

describe('dependencies point inward', () => {
  it('shared/ is pure: it imports only itself and zod', () => {
    for (const file of sourceFiles(join(REPO_ROOT, 'shared/src'))) {
      for (const spec of importsOf(file)) {
        expect(spec.startsWith('.') || spec === 'zod' || spec.startsWith('zod/'), `${rel(file)} imports ${spec}`).toBe(true);
      }
    }
  });

  it('handlers and services never touch the AWS SDK, dynamodb-toolbox or the adapters', () => {
    const layers = ['functions/src/http', 'functions/src/services', 'functions/src/ports'];
    for (const layer of layers) {
      for (const file of sourceFiles(join(REPO_ROOT, layer))) {
        for (const spec of importsOf(file)) {
          expect(/^@aws-sdk\/|^dynamodb-toolbox|\/adapters\//.test(spec), `${rel(file)} imports ${spec}`).toBe(false);
        }
      }
    }
  });

  it('no Scan anywhere in the application code', () => {
    for (const file of sourceFiles(join(REPO_ROOT, 'functions/src'))) {
      // The SDK's ScanCommand, or the toolbox's scan action.
      expect(/\bScanCommand\b|actions\/scan['"]/.test(readFileSync(file, 'utf8')), `${rel(file)} uses Scan`).toBe(false);
    }
  });
});
