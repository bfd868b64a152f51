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
    build.onResolve({ filter }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'builtin-via-require' }));
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

module.exports = [builtinsViaRequire, noDefaultCredentialChain];
