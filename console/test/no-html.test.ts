import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the console renders text, never HTML', () => {
  it('has no dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML, document.write or eval', () => {
    for (const file of files(SRC)) {
      const text = readFileSync(file, 'utf8');
      expect(/dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/.test(text), relative(SRC, file)).toBe(false);
    }
  });
});
