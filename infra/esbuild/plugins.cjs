// esbuild plugins for `serverless package` (serverless.yml custom.esbuild.plugins).
//
// Builtins through require(), not an ESM import: the bundled AWS SDK's ESM build (mainFields
// module) imports `node:http`, and Node's ESM facade of a builtin reads every export at import,
// among them http.WebSocket / CloseEvent / MessageEvent, lazy getters that load undici (~20 ms
// of a cold start). require('node:http') reads none of them. Each builtin named below becomes a
// small module re-exporting the plain properties of require('<builtin>'); accessor properties
// (the lazy ones) are left out, so an import of one of them fails the build instead of loading it.
const { builtinModules, createRequire } = require('node:module');

const requireBuiltin = createRequire(__filename);
const BUILTINS = ['http', 'https'];

/** @type {import('esbuild').Plugin} */
const builtinsViaRequire = {
  name: 'builtins-via-require',
  setup(build) {
    const filter = new RegExp(`^(node:)?(${BUILTINS.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      // The generated module's own require('node:<builtin>') is the real builtin (left to the banner's require):
      // resolved here again it would be the module itself, whose exports are then all undefined (http.Agent too).
      args.namespace === 'builtin-via-require'
        ? { path: `node:${args.path.replace(/^node:/, '')}`, external: true }
        : { path: args.path.replace(/^node:/, ''), namespace: 'builtin-via-require' },
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin-via-require' }, (args) => {
      if (!builtinModules.includes(args.path)) throw new Error(`not a Node builtin: ${args.path}`);
      const names = Object.entries(Object.getOwnPropertyDescriptors(requireBuiltin(args.path)))
        .filter(([name, d]) => !d.get && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
        .map(([name]) => name);
      return {
        contents: `const m = require('node:${args.path}');\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
        loader: 'js',
        resolveDir: __dirname,
      };
    });
  },
};

// The AWS SDK's default credential chain left out of the bundles. Every client's runtime config
// imports @aws-sdk/credential-provider-node (env, SSO, ini files, process, web identity, container
// and instance metadata, with their own nested STS/SSO clients: ~90 KB minified, evaluated at every
// cold start) even when the client is given its credentials, as ours always are: DynamoDB Local's
// and s3rver's locally, the execution role's from the environment in Lambda
// (functions/src/adapters/aws/credentials.ts). Bundled, the chain becomes a stub that fails loudly
// if a client without credentials ever asks it. Where the SDK is external (npm start's `local`,
// `lambda-sdk-external`), nothing of it is bundled and the real chain stays.
const CREDENTIAL_CHAIN = '@aws-sdk/credential-provider-node';
const CHAIN_STUB = `
const fail = () => { throw new Error('${CREDENTIAL_CHAIN} is not bundled (infra/esbuild/plugins.cjs): give the AWS client explicit credentials, e.g. lambdaCredentials() from functions/src/adapters/aws/credentials.ts'); };
export const defaultProvider = () => async () => fail();
export const credentialsWillNeedRefresh = () => false;
export const credentialsTreatedAsExpired = () => false;
`;

const externalMatches = (patterns, path) =>
  (patterns ?? []).some((p) => p === path || (p.endsWith('*') && path.startsWith(p.slice(0, -1))));

/** @type {import('esbuild').Plugin} */
const noDefaultCredentialChain = {
  name: 'no-default-credential-chain',
  setup(build) {
    if (externalMatches(build.initialOptions.external, CREDENTIAL_CHAIN)) return;
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path: CREDENTIAL_CHAIN, namespace: 'credential-chain-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'credential-chain-stub' }, () => ({ contents: CHAIN_STUB, loader: 'js' }));
  },
};

// One copy of a package per bundle when npm installed the same version twice. Next to the
// Serverless Framework's newer @aws-sdk/client-s3 at the root, npm gave the functions workspace its
// own 3.1162.0 and @aws-sdk/s3-presigned-post another 3.1162.0 under itself: bundled, the S3 routes
// carried the client's schemas twice (~75 KB, built at import). Imports of an @aws-sdk/* package
// resolve to the copy the functions workspace itself gets, if that copy is the same version as the
// one the importer would get; a different version is left alone.
const { dirname, join } = require('node:path');
const { readFileSync } = require('node:fs');
const FUNCTIONS_DIR = join(__dirname, '..', '..', 'functions');

function packageOf(file, name) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === name) return { dir, version: pkg.version };
    } catch {
      // no package.json here: look further up
    }
  }
  return undefined;
}

/** @type {import('esbuild').Plugin} */
const oneCopyPerVersion = {
  name: 'one-copy-per-version',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/[^/]+/ }, async (args) => {
      if (args.pluginData?.oneCopy || args.resolveDir.startsWith(FUNCTIONS_DIR + '/src')) return undefined;
      const name = args.path.split('/').slice(0, 2).join('/');
      if (externalMatches(build.initialOptions.external, args.path)) return undefined;
      const options = { kind: args.kind, importer: args.importer, pluginData: { oneCopy: true } };
      const own = await build.resolve(args.path, { ...options, resolveDir: args.resolveDir });
      const workspace = await build.resolve(args.path, { ...options, resolveDir: FUNCTIONS_DIR });
      if (own.errors.length || workspace.errors.length || own.external || workspace.external || own.path === workspace.path) return undefined;
      const a = packageOf(own.path, name);
      const b = packageOf(workspace.path, name);
      return a && b && a.dir !== b.dir && a.version === b.version ? { path: workspace.path } : undefined;
    });
  },
};

module.exports = [builtinsViaRequire, noDefaultCredentialChain, oneCopyPerVersion];
