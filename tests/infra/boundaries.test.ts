// Module boundaries, checked by dependency-cruiser with the rule set of /.dependency-cruiser.mjs:
// the real tree breaks none of the rules, and each rule does fire on the fixture's planted violation (and nothing else
// fires there), so a rule that silently matches nothing (a typo in a path, an import that stopped resolving) is caught.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ICruiseResult, IConfiguration, IReporterOutput, IViolation } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(REPO_ROOT, 'tests/infra/boundaries-fixture');

interface BoundariesConfig {
  default: IConfiguration;
  ROOTS: string[];
  cruiseBoundaries(options?: { baseDir?: string; roots?: string[] }): Promise<IReporterOutput>;
}
// A dynamic import: the config is plain JavaScript (the format dependency-cruiser reads), without declarations.
const { default: config, cruiseBoundaries } = (await import(
  pathToFileURL(join(REPO_ROOT, '.dependency-cruiser.mjs')).href
)) as BoundariesConfig;

async function cruiseTree(baseDir: string): Promise<ICruiseResult> {
  const { output } = await cruiseBoundaries({ baseDir });
  return output as ICruiseResult;
}

function describeViolation(violation: IViolation): string {
  const cycle = violation.cycle?.map((step) => (typeof step === 'string' ? step : step.name));
  const to = cycle?.length ? [violation.from, ...cycle].join(' → ') : `${violation.from} → ${violation.to}`;
  return `${violation.rule.name}: ${to}`;
}

const ruleNames = (config.forbidden ?? []).map((rule) => rule.name ?? '(unnamed)');

describe('module boundaries (dependency-cruiser)', () => {
  describe('the real tree', () => {
    let result: ICruiseResult;
    beforeAll(async () => {
      result = await cruiseTree(REPO_ROOT);
    }, 60_000);

    it('breaks none of the rules', () => {
      const violations = result.summary.violations.map(describeViolation).sort();
      expect(violations, `dependency rules broken (see .dependency-cruiser.mjs):\n  ${violations.join('\n  ')}\n`).toEqual([]);
    });

    it('is seen through the real files: @minsheng/shared and the console alias resolve into the repo', () => {
      const resolvedFrom = (pkg: RegExp, spec: RegExp) =>
        new Set(
          result.modules.flatMap((module) =>
            module.dependencies.filter((dep) => spec.test(dep.module)).map((dep) => `${module.source.match(pkg)?.[1]} → ${dep.resolved}`),
          ),
        );
      // Every package that imports the workspace package reaches shared's own source, not a copy in node_modules.
      const shared = resolvedFrom(/^(functions|console|miniprogram)\/src\//, /^@minsheng\/shared$/);
      expect([...shared].sort()).toEqual(['console → shared/src/index.ts', 'functions → shared/src/index.ts', 'miniprogram → shared/src/index.ts']);
      // '@/…' in the console lands in console/src.
      const alias = [...resolvedFrom(/^(console)\/src\//, /^@\//)];
      expect(alias.length).toBeGreaterThan(0);
      expect(alias.filter((edge) => !edge.startsWith('console → console/src/'))).toEqual([]);
      // And every rule's tree was cruised.
      for (const root of ['shared/src/', 'functions/src/', 'console/src/', 'miniprogram/src/']) {
        expect(result.modules.some((module) => module.source.startsWith(root)), root).toBe(true);
      }
    });
  });

  describe('the rule set itself, on tests/infra/boundaries-fixture', () => {
    // Each rule and the file(s) planted to break it; a cycle is reported once, from either of its files.
    const planted: Record<string, RegExp> = {
      'shared-not-to-apps': /^shared\/src\/bad-imports-app\.ts$/,
      'shared-only-zod': /^shared\/src\/bad-imports-package\.ts$/,
      'lib-is-a-leaf': /^functions\/src\/lib\/bad-imports-service\.ts$/,
      'ports-are-interfaces': /^functions\/src\/ports\/bad-imports-adapter\.ts$/,
      'services-not-to-outer-layers': /^functions\/src\/services\/bad-imports-adapter\.ts$/,
      'adapters-not-to-services': /^functions\/src\/adapters\/bad-imports-service\.ts$/,
      'app-not-to-entry-points': /^functions\/src\/app\/bad-imports-handler\.ts$/,
      'entry-points-not-to-adapters': /^functions\/src\/http\/bad-imports-adapter\.ts$/,
      'no-aws-sdk-outside-adapters': /^functions\/src\/(services\/bad-imports-aws-sdk|jobs\/bad-imports-toolbox)\.ts$/,
      'no-circular-backend': /^functions\/src\/services\/cycle-[ab]\.ts$/,
      'console-features-isolated': /^console\/src\/features\/b\/bad-imports-feature-a\.ts$/,
      'console-shared-code-not-to-features': /^console\/src\/components\/bad-imports-feature\.ts$/,
      'miniprogram-features-isolated': /^miniprogram\/src\/features\/b\/bad-imports-feature-a\.ts$/,
      'miniprogram-shared-code-not-to-features': /^miniprogram\/src\/components\/bad-imports-feature\.ts$/,
      'not-to-unresolvable': /^miniprogram\/src\/pages\/index\/bad-unresolvable\.ts$/,
    };

    let violations: IViolation[];
    beforeAll(async () => {
      violations = (await cruiseTree(FIXTURE)).summary.violations;
    }, 60_000);

    it('plants a violation for every rule of the config', () => {
      expect(Object.keys(planted).sort()).toEqual([...ruleNames].sort());
    });

    it('every rule fires on its planted file', () => {
      const silent = Object.entries(planted)
        .filter(([rule, from]) => !violations.some((v) => v.rule.name === rule && from.test(v.from)))
        .map(([rule]) => rule);
      expect(silent, `rules that did not fire:\n  ${silent.join('\n  ')}\nviolations found:\n  ${violations.map(describeViolation).join('\n  ')}\n`).toEqual([]);
    });

    it('nothing else fires', () => {
      const unexpected = violations.filter((v) => !planted[v.rule.name]?.test(v.from)).map(describeViolation);
      expect(unexpected).toEqual([]);
    });

    it('both halves of the AWS rule fire: @aws-sdk/* and a dynamodb-toolbox subpath', () => {
      const aws = violations.filter((v) => v.rule.name === 'no-aws-sdk-outside-adapters').map((v) => v.from).sort();
      expect(aws).toEqual(['functions/src/jobs/bad-imports-toolbox.ts', 'functions/src/services/bad-imports-aws-sdk.ts']);
    });
  });
});
