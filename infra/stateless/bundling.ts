/**
 * How every function is bundled, shared by the CDK construct and the bench that measures the
 * bundles: an ESM file for Node.js 24, minified, with source maps, the AWS SDK v3 left to the runtime.
 */
export const BUNDLE_SETTINGS = {
  target: 'node24',
  platform: 'node',
  minify: true,
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*'],
  // Some dependencies still call require(); an ESM bundle needs it defined.
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;

/** The same settings as esbuild's own options, for what bundles a function outside CDK (bench, tests). */
export const esbuildOptionsFor = (entryPoint: string) => ({
  entryPoints: [entryPoint],
  bundle: true,
  format: 'esm' as const,
  ...BUNDLE_SETTINGS,
  mainFields: [...BUNDLE_SETTINGS.mainFields],
  external: [...BUNDLE_SETTINGS.external],
  banner: { js: BUNDLE_SETTINGS.banner },
});
