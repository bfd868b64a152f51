/**
 * The weapp build, checked by WeChat's own tools, offline: miniprogram-ci's code-quality check and
 * compiler (getCompiledResult), and the WXML/WXSS compilers wcc/wcsc. Any error fails.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMiniprogram, distDir } from '../../infra/src/h5';

const require = createRequire(import.meta.url);
// CommonJS packages without ESM entry points.
const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
const wxmlToJS = require('miniprogram-compiler/src/wcc.js') as (root: string, files: string[], wxs: string[], opts?: { cut?: boolean; maxBuffer?: number }) => string;
const wxssToJS = require('miniprogram-compiler/src/wcsc.js') as (root: string, files: string[], opts?: { maxBuffer?: number }) => Record<string, string> | Error;

// miniprogram-ci asks WeChat's servers for a list of allowed file types while compiling (and
// carries on without it). Send that to a closed port on this machine: nothing leaves it.
ci.proxy('http://127.0.0.1:9');

const root = distDir('weapp');
// Built with a subscription template configured, so that the 接收进度提醒 code path is in what WeChat's tools check.
const TEMPLATE_ID = 'weapp-check-template';
const work = mkdtempSync(join(tmpdir(), 'minsheng-weapp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// miniprogram-ci leaves an empty folder named by a hash in the working directory: tidy it away.
const cwdBefore = new Set(readdirSync(process.cwd()));
afterAll(() => {
  for (const name of readdirSync(process.cwd())) {
    const path = join(process.cwd(), name);
    if (!cwdBefore.has(name) && /^[0-9a-f]{32}$/.test(name) && statSync(path).isDirectory() && readdirSync(path).length === 0) rmSync(path, { recursive: true });
  }
});

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return path.endsWith(ext) ? [relative(root, path)] : [];
  });
}

function project() {
  // A throwaway key: the offline checks need one, WeChat's servers are never called.
  const keyPath = join(work, 'private.key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  return new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: root,
    privateKeyPath: keyPath,
    ignores: ['node_modules/**/*'],
    // Without it getCompiledResult asks WeChat's servers for the app's attributes (and crashes offline).
    attr: async () => ci.DefaultProjectAttr,
  } as ConstructorParameters<typeof ci.Project>[0]);
}

describe('weapp build checked by WeChat’s tools', () => {
  beforeAll(async () => {
    await buildMiniprogram('weapp', { env: { TARO_APP_WECHAT_TEMPLATE_IDS: TEMPLATE_ID } });
  }, 180_000);

  it('is a WeChat project that opens as it is: app.json, pages, subpackage, settings from TOOLING.md', () => {
    const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
    expect(app.pages).toEqual(['pages/index/index', 'pages/file/index', 'pages/track/index']);
    expect(app.subPackages).toEqual([
      { root: 'subpackages/case', pages: ['credentials/index', 'detail/index', 'recover/index'] },
      { root: 'subpackages/library', pages: ['search/index', 'detail/index'] },
      { root: 'subpackages/ranking', pages: ['index'] },
    ]);
    // The library pages are compiled (wcc/wcsc below) and kept out of the main package.
    for (const page of ['search/index', 'detail/index']) {
      for (const ext of ['.js', '.json', '.wxml']) expect(existsSync(join(root, 'subpackages/library', page + ext)), page + ext).toBe(true);
    }
    expect(existsSync(join(root, 'pages/library'))).toBe(false);
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    const config = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8'));
    expect(config.miniprogramRoot).toBe('./');
    expect(config.setting).toMatchObject({ minified: true, minifyWXML: true, minifyWXSS: true });
  });

  it('carries the Reach calls: wx.login (用微信查看我的诉求, main package) and wx.requestSubscribeMessage with the configured templates (case subpackage)', () => {
    const js = (dir: string) => files(join(root, dir), '.js').map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    const main = ['common.js', 'app.js'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    expect(main).toMatch(/\.login\(\)/);
    expect(main).toContain(TEMPLATE_ID);
    expect(js('subpackages/case')).toMatch(/\.requestSubscribeMessage\(\{tmplIds:/);
    for (const ext of ['.js', '.json', '.wxml']) expect(existsSync(join(root, 'subpackages/case/recover/index' + ext)), 'recover/index' + ext).toBe(true);
  });

  it('carries the Evidence calls: wx.chooseMedia (images, compressed) and wx.uploadFile to the presigned POST with its fields and the file as `file`, wx.chooseMessageFile for PDF (main package: the filing form and the picker); previewImage, downloadFile + openDocument on the case pages (case subpackage)', () => {
    const js = (dir: string) => files(join(root, dir), '.js').map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    const main = ['common.js', 'app.js'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    expect(main).toMatch(/\.chooseMedia\(\{count:[^}]*mediaType:\["image"\],sizeType:\["compressed"\]/);
    expect(main).toMatch(/\.uploadFile\(\{url:[\w.]+\.url,filePath:[\w.]+\.path,name:"file",formData:[\w.]+\.fields/);
    expect(main).toMatch(/\.onProgressUpdate\(function\(\w+\)\{return \w+\(\w+\.progress\)/);
    expect(main).toMatch(/\.chooseMessageFile\(\{count:[^}]*type:"file",extension:\["pdf"\]/);
    const cases = js('subpackages/case');
    expect(cases).toMatch(/\.previewImage\(\{urls:/);
    expect(cases).toMatch(/\.openDocument\(\{filePath:/);
    // The viewing UI stays out of the main package.
    expect(main).not.toMatch(/\.previewImage\(\{urls:/);
  });

  it('passes every item of checkCodeQuality', async () => {
    const items = await ci.checkCodeQuality(project());
    expect(items.length).toBeGreaterThan(5);
    const failed = items.filter((item) => !item.success).map((item) => `${item.name}: ${item.text ?? ''} ${JSON.stringify(item.detail ?? '')}`);
    expect(failed).toEqual([]);
  }, 120_000);

  it('compiles with miniprogram-ci (getCompiledResult) without errors', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const result = await ci.getCompiledResult({ project: project(), version: '0.1.0', desc: 'check', setting: { es6: false, minify: true }, robot: 1 } as Parameters<typeof ci.getCompiledResult>[0], join(work, 'compiled'));
      const names = Object.keys(result);
      expect(names.some((n) => n.includes('app-service') || n.endsWith('.js'))).toBe(true);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  }, 180_000);

  it('compiles every WXML file with wcc and every WXSS file with wcsc', () => {
    const wxml = files(root, '.wxml').map((f) => f.replace(/\.wxml$/, ''));
    const wxs = files(root, '.wxs');
    expect(wxml.length).toBeGreaterThanOrEqual(5);
    // wcc throws with line and column on any error.
    const js = wxmlToJS(root, wxml, wxs, { maxBuffer: 64 * 1024 * 1024 });
    expect(js).toContain('$gwx');

    const wxss = files(root, '.wxss').map((f) => f.replace(/\.wxss$/, ''));
    expect(wxss.length).toBeGreaterThanOrEqual(1);
    // wcsc's wrapper returns (not throws) its error.
    const css = wxssToJS(root, wxss, { maxBuffer: 64 * 1024 * 1024 });
    if (css instanceof Error) throw css;
    expect(Object.keys(css).length).toBeGreaterThan(0);
  });
});
