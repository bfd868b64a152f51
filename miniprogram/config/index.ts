import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const platform = process.env.TARO_ENV ?? 'weapp';
// The benchmark's baseline: a blank Taro app built with these same settings (bench/blank).
const blank = process.env.MINSHENG_MP_BLANK === '1';

/**
 * Where the API is. H5 calls a RELATIVE '/api' (same origin: the local static server proxies it,
 * and in production the site sits behind the same gateway), so one build works on any port.
 * weapp needs an absolute https origin in production; TARO_APP_API_BASE sets it at build time.
 */
const apiBase = platform === 'h5' ? (process.env.TARO_APP_H5_API_BASE ?? '') : (process.env.TARO_APP_API_BASE ?? 'http://localhost:3000');

// The shared domain (schemas, labels, error messages) is TypeScript source outside src/: compile it too.
const SHARED_SRC = resolve(__dirname, '..', '..', 'shared', 'src');

// npm keeps this plugin in miniprogram/node_modules (its optional `vite@4` peer clashes with
// vitest's vite at the root), where @tarojs/taro-h5 (hoisted) cannot see it: point at it.
const FRAMEWORK_REACT = resolve(__dirname, '..', 'node_modules', '@tarojs', 'plugin-framework-react');
const alias: Record<string, string> = existsSync(FRAMEWORK_REACT) ? { '@tarojs/plugin-framework-react': FRAMEWORK_REACT } : {};

const outputRoot = process.env.MINSHENG_MP_OUT ?? (blank ? `dist/blank-${platform}` : `dist/${platform}`);

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'minsheng-miniprogram',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: blank ? 'bench/blank' : 'src',
    // infra/src/h5.ts builds into a temporary folder (MINSHENG_MP_OUT) and swaps it in whole, so a
    // server never sees a half-written build.
    outputRoot,
    plugins: [],
    alias,
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      // The H5 site's address (weapp only): the credentials picture's QR code opens its tracking page there.
      TARO_APP_H5_SITE: JSON.stringify(process.env.TARO_APP_H5_SITE ?? ''),
      // wx.requestSubscribeMessage's templates (weapp); none configured: the 接收进度提醒 button is not shown.
      TARO_APP_WECHAT_TEMPLATE_IDS: JSON.stringify(process.env.TARO_APP_WECHAT_TEMPLATE_IDS ?? ''),
    },
    defineConstants: {},
    // The H5 site's icon (index.html links it; without one every page load logged a 404 for /favicon.ico).
    copy: { patterns: platform === 'h5' && !blank ? [{ from: 'src/favicon.svg', to: join(outputRoot, 'favicon.svg') }] : [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [SHARED_SRC] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [SHARED_SRC] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      webpackChain(chain) {
        // Pages are separate async chunks; without this each one carried its own copy of the
        // shared code (zod schemas, form components): ~1 MB in all instead of ~0.5 MB.
        chain.optimization.splitChunks({
          chunks: 'async',
          cacheGroups: { pagesCommon: { name: 'pages-common', minChunks: 2, priority: 10, reuseExistingChunk: true, enforce: true } },
        });
        chain.performance.hints(false);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return config;
});
