import { defineConfig } from 'vitest/config';

// Local tooling runs on Node 20; Lambda runs 22. The SDK's reminder about that is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/test/**/*.test.ts', 'functions/test/**/*.test.ts', 'tests/infra/**/*.test.ts'],
          testTimeout: 30_000,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // One DynamoDB Local serves every file; files use their own table, so they may run in parallel.
          fileParallelism: true,
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
