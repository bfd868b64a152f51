import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINIPROGRAM_PAGES, messagePage, pageUrl } from '@minsheng/shared';

// The one table of page paths (shared/src/domain/pages.ts) against the pages the mini-program declares,
// and the mini-program's source against paths typed by hand.

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(REPO_ROOT, 'miniprogram/src');
const APP_CONFIG = join(SRC, 'app.config.ts');

interface AppConfig {
  pages?: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
}

/** app.config.ts as Taro evaluates it: `defineAppConfig` is a global at build time, the identity here. */
async function loadAppConfig(): Promise<AppConfig> {
  const global = globalThis as { defineAppConfig?: (config: unknown) => unknown };
  const before = global.defineAppConfig;
  global.defineAppConfig = (config) => config;
  try {
    return ((await import(APP_CONFIG)) as { default: AppConfig }).default;
  } finally {
    if (before === undefined) delete global.defineAppConfig;
    else global.defineAppConfig = before;
  }
}

/** Every page the app declares: the main package's and each subpackage's (`root/page`). */
function declaredPages(config: AppConfig): string[] {
  const trim = (path: string) => path.replace(/^\/+|\/+$/g, '');
  const subPackages = [...(config.subPackages ?? []), ...(config.subpackages ?? [])];
  return [...(config.pages ?? []).map(trim), ...subPackages.flatMap((sub) => sub.pages.map((page) => `${trim(sub.root)}/${trim(page)}`))];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `pages/…` or `subpackages/…` as the start of a path segment: 'pages/track/index', `/subpackages/${x}`. */
const PAGE_PATH = /(?:^|[^\w.-])(?:pages|subpackages)\/(?:[\w-]|$)/;

/**
 * The string literals (quoted, or the text parts of template literals) in a source that hold a page
 * path. Comments are not literals; module specifiers (`import … from '../pages/x'`) are not paths to
 * navigate to, so they are left out.
 */
function handTypedPaths(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const isModuleSpecifier = (node: ts.Node) => {
    const parent = node.parent;
    return (
      ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node) ||
      (ts.isExternalModuleReference(parent) && parent.expression === node) ||
      (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) ||
      (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword)
    );
  };
  const visit = (node: ts.Node) => {
    const literal =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
    if (literal && !isModuleSpecifier(node) && PAGE_PATH.test(node.text)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${fileName}:${line + 1}: ${node.getText(source)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('mini-program pages: one table, the pages the app declares', () => {
  let declared: string[];
  beforeAll(async () => {
    declared = declaredPages(await loadAppConfig());
  });

  it('reads the declared pages from app.config.ts', () => {
    expect(declared).toContain('pages/index/index');
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('every page in MINIPROGRAM_PAGES is a page the app declares', () => {
    for (const [name, path] of Object.entries(MINIPROGRAM_PAGES)) {
      expect(declared, `MINIPROGRAM_PAGES.${name} = '${path}'`).toContain(path);
    }
  });

  it('every page the app declares is in MINIPROGRAM_PAGES', () => {
    const known: string[] = Object.values(MINIPROGRAM_PAGES);
    for (const path of declared) expect(known, `app.config.ts declares '${path}'`).toContain(path);
  });

  it('找回查询密码 is a page of the case subpackage (loaded on demand, preloaded with the track page)', async () => {
    expect(MINIPROGRAM_PAGES.recover).toBe('subpackages/case/recover/index');
    expect(declared).toContain(MINIPROGRAM_PAGES.recover);
    const config = (await loadAppConfig()) as AppConfig & { preloadRule?: Record<string, { packages: string[] }> };
    expect(config.pages).not.toContain(MINIPROGRAM_PAGES.recover);
    expect(config.preloadRule?.[MINIPROGRAM_PAGES.track]?.packages).toContain('subpackages/case');
  });

  it("a WeChat progress message opens the case page (not the nonexistent 'pages/case/index')", () => {
    const page = messagePage('caseDetail', { caseNo: '20261121072616' });
    expect(page).toBe('subpackages/case/detail/index?caseNo=20261121072616');
    expect(declared).toContain(page.split('?')[0]);
    expect(pageUrl('caseDetail', { caseNo: '20261121072616' })).toBe(`/${page}`);
  });
});

describe('no page path typed by hand in miniprogram/src', () => {
  it('the detector flags hand-typed paths and nothing else', () => {
    const sample = [
      "import { x } from '../../lib/x';",
      "import { y } from '../pages/y';",
      "// Taro.navigateTo({ url: '/pages/track/index' })",
      "/* 'subpackages/case/detail/index' */",
      "const wording = '查看 pages 和 subpackages';",
      "const a = '/pages/track/index';",
      'const b = `/subpackages/case/detail/index?caseNo=${caseNo}`;',
      'const c = `subpackages/${name}/index`;',
      "const d = <Link url=\"pages/file/index\" />;",
    ].join('\n');
    const found = handTypedPaths('sample.tsx', sample);
    expect(found.map((hit) => hit.split(':')[1])).toEqual(['6', '7', '8', '9']);
  });

  it('every navigation takes its path from MINIPROGRAM_PAGES (app.config.ts excepted: Taro compiles it on its own)', () => {
    const files = sourceFiles(SRC).filter((file) => file !== APP_CONFIG);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) => handTypedPaths(relative(REPO_ROOT, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
