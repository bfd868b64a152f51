// Module boundaries of the monorepo, checked by dependency-cruiser (https://github.com/sverweij/dependency-cruiser).
//
// Every path below is a regular expression on a path relative to the cruise's baseDir (the repo root), so the same
// rules also apply to the fixture tree of tests/infra/boundaries.test.ts, which mirrors the layout under its own base.
// The rules describe the target layout of functions/src; a folder that does not exist (yet) simply matches nothing.
// Workspace packages are followed through their node_modules symlinks, so `@minsheng/shared` is seen as
// shared/src/index.ts; the console's '@/…' alias is resolved through console/tsconfig.json (its "paths").
//
// Run: `npm run lint:boundaries` (human-readable), or `npx vitest run tests/infra/boundaries.test.ts --project unit`.
// Both call dependency-cruiser's JS API with this configuration (`node .dependency-cruiser.mjs`, see the end of this
// file). Its CLI reads this file as is (`npm run lint:boundaries:cli`, the same cruise and report); the CLI refuses
// Node < 22, which npm scripts and npx never run on here (node_modules/.bin/node is Node 22):
//   depcruise --config .dependency-cruiser.mjs shared/src functions/src console/src miniprogram/src

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The source trees that are cruised (those that exist). */
export const ROOTS = ['shared/src', 'functions/src', 'console/src', 'miniprogram/src'];

/** An npm package in node_modules (resolved), or its bare name (if it could not be resolved). */
const pkg = (names) => `(^|(^|/)node_modules/)(${names})(/|$)`;
const AWS = pkg('@aws-sdk/[^/]+|dynamodb-toolbox');

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const forbidden = [
  // ── shared ────────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'shared-not-to-apps',
    comment: 'shared/src is the domain every package builds on; it never imports an application (functions, console, miniprogram) or infra.',
    severity: 'error',
    from: { path: '^shared/src/' },
    to: { path: '^(functions|console|miniprogram|infra)/' },
  },
  {
    name: 'shared-only-zod',
    comment: 'shared/src imports no other package: only its own files and zod (incl. subpaths such as zod/mini); no Node built-ins either.',
    severity: 'error',
    from: { path: '^shared/src/' },
    to: { pathNot: ['^shared/src/', '^(functions|console|miniprogram|infra)/', pkg('zod')] },
  },

  // ── functions/src ─────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'lib-is-a-leaf',
    comment: 'functions/src/lib (http pipeline, env, errors, tokens, secrets) imports only shared, npm packages / Node built-ins and lib itself.',
    severity: 'error',
    from: { path: '^functions/src/lib/' },
    to: { pathNot: ['^functions/src/lib/', '^shared/src/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] },
  },
  {
    name: 'ports-are-interfaces',
    comment: 'functions/src/ports declares interfaces: it may import shared, lib and ports, never the adapters, services, app or entry points.',
    severity: 'error',
    from: { path: '^functions/src/ports/' },
    to: { path: '^functions/src/(adapters|services|app|http|jobs)/' },
  },
  {
    name: 'services-not-to-outer-layers',
    comment: 'Use cases (functions/src/services) depend on ports, never on the adapters, the composition root or the entry points.',
    severity: 'error',
    from: { path: '^functions/src/services/' },
    to: { path: '^functions/src/(adapters|app|http|jobs)/' },
  },
  {
    name: 'adapters-not-to-services',
    comment: 'Adapters (functions/src/adapters) implement ports; they never import services, the composition root or the entry points.',
    severity: 'error',
    from: { path: '^functions/src/adapters/' },
    to: { path: '^functions/src/(services|app|http|jobs)/' },
  },
  {
    name: 'app-not-to-entry-points',
    comment: 'The composition root (functions/src/app) wires everything in functions/src except the entry points (http, jobs), which use it.',
    severity: 'error',
    from: { path: '^functions/src/app/' },
    to: { path: '^functions/src/(http|jobs)/' },
  },
  {
    name: 'entry-points-not-to-adapters',
    comment: 'Entry points (functions/src/http, functions/src/jobs) get their adapters from the composition root (app), never directly.',
    severity: 'error',
    from: { path: '^functions/src/(http|jobs)/' },
    to: { path: '^functions/src/adapters/' },
  },
  {
    name: 'no-aws-sdk-outside-adapters',
    comment: 'Only adapters (and the composition root) talk to DynamoDB: services, ports and entry points never import @aws-sdk/* or dynamodb-toolbox.',
    severity: 'error',
    from: { path: '^functions/src/(services|ports|http|jobs)/' },
    to: { path: AWS },
  },
  {
    name: 'no-circular-backend',
    comment: 'No import cycles inside functions/src and shared/src.',
    severity: 'error',
    from: { path: '^(functions|shared)/src/' },
    to: { path: '^(functions|shared)/src/', circular: true },
  },

  // ── console/src ───────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'console-features-isolated',
    comment: 'A console feature (console/src/features/<X>) never imports another feature; shared code goes to components/ or lib/.',
    severity: 'error',
    from: { path: '^console/src/features/([^/]+)/' },
    to: { path: '^console/src/features/', pathNot: '^console/src/features/$1/' },
  },
  {
    name: 'console-shared-code-not-to-features',
    comment: 'console/src/components and console/src/lib are used by features and the app shell, never the other way round.',
    severity: 'error',
    from: { path: '^console/src/(components|lib)/' },
    to: { path: '^console/src/(features|app)/' },
  },

  // ── miniprogram/src ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'miniprogram-features-isolated',
    comment: 'A mini-program feature (miniprogram/src/features/<X>) never imports another feature.',
    severity: 'error',
    from: { path: '^miniprogram/src/features/([^/]+)/' },
    to: { path: '^miniprogram/src/features/', pathNot: '^miniprogram/src/features/$1/' },
  },
  {
    name: 'miniprogram-shared-code-not-to-features',
    comment: 'miniprogram/src/components and miniprogram/src/lib never import features, pages or subpackages.',
    severity: 'error',
    from: { path: '^miniprogram/src/(components|lib)/' },
    to: { path: '^miniprogram/src/(features|pages|subpackages)/' },
  },

  // ── everywhere ────────────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'not-to-unresolvable',
    comment: 'An import the cruiser cannot resolve cannot be checked against the rules above (missing file, or a resolution setting to fix here).',
    severity: 'error',
    from: { path: '^(shared|functions|console|miniprogram)/src/' },
    to: { couldNotResolve: true },
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden,
  options: {
    // Type-only imports are dependencies too (a port's types are what a service depends on).
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs'],
    // node_modules is not cruised into, but the edges to it stay (the aws-sdk and zod rules need them), so it is
    // "do not follow", not "exclude". Build output and this repo's fixture tree are left out.
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: ['^((shared|functions|console|miniprogram|infra)/)?(dist|\\.esbuild|\\.serverless)/', '^tests/infra/boundaries-fixture/'] },
    // Follow workspace symlinks to the real files (node_modules/@minsheng/shared → shared/src/index.ts).
    preserveSymlinks: false,
    // The console's '@/*' → console/src/* (its tsconfig "paths"); the other packages have no path aliases.
    tsConfig: { fileName: 'console/tsconfig.json' },
    // Packages such as dynamodb-toolbox and zod/mini are reachable only through their package.json "exports".
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      mainFields: ['types', 'typings', 'module', 'main'],
    },
  },
};

export default config;

/**
 * Cruises `roots` (paths relative to `baseDir`) with this rule set through the JS API and returns the result.
 * `baseDir` defaults to the directory of this file (the repo root); the tsconfig is taken from `<baseDir>/console/`.
 * Without `outputType`, `output` is the cruise result object (modules, summary.violations); with one (e.g. 'err-long'),
 * the report as text.
 * @param {{ baseDir?: string, roots?: string[], outputType?: import('dependency-cruiser').OutputType }} [opts]
 * @returns {Promise<import('dependency-cruiser').IReporterOutput>}
 */
export async function cruiseBoundaries({ baseDir, roots = ROOTS, outputType } = {}) {
  const [{ cruise }, { default: extractTSConfig }] = await Promise.all([
    import('dependency-cruiser'),
    import('dependency-cruiser/config-utl/extract-ts-config'),
  ]);
  const base = baseDir ?? dirname(fileURLToPath(import.meta.url));
  const tsConfigFile = join(base, config.options.tsConfig.fileName);
  const existing = roots.filter((root) => existsSync(join(base, root)));
  return cruise(
    existing,
    {
      ...config.options,
      baseDir: base,
      tsConfig: { fileName: tsConfigFile },
      validate: true,
      ruleSet: { forbidden },
      // Without an outputType the result is the cruise result object (modules, summary.violations).
      ...(outputType ? { outputType } : {}),
    },
    undefined,
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
}

// `node .dependency-cruiser.mjs [roots…]` (the npm script lint:boundaries): the CLI's human-readable report, and a
// non-zero exit code when a rule is broken.
const { argv } = process;
if (argv[1] && import.meta.url === pathToFileURL(argv[1]).href) {
  const started = performance.now();
  const result = await cruiseBoundaries({ roots: argv.length > 2 ? argv.slice(2) : ROOTS, outputType: 'err-long' });
  process.stdout.write(result.output);
  process.stdout.write(`(cruised in ${Math.round(performance.now() - started)} ms)\n`);
  process.exitCode = result.exitCode;
}
