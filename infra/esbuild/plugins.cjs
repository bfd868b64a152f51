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

module.exports = [builtinsViaRequire];
