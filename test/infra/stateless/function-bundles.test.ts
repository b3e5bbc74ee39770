import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptionsFor } from '../../../infra/stateless/bundling.js';
import { FUNCTION_NAMES, REPO_ROOT } from '../../../infra/stateless/service-function.js';

/**
 * What keeps cold starts short (the bench measures how short): a function's bundle leaves the AWS
 * SDK to the runtime and imports it on first use, never with the bundle, and carries no X-Ray SDK.
 * A static import of an SDK value anywhere a handler reaches (an adapter's `GetCommand`, say) is
 * kept at the top of the bundle by esbuild and fails this; import it from shared/adapters/aws-sdk.ts.
 */
const bundle = async (name: string) => {
  const { metafile } = await build({
    ...esbuildOptionsFor(join(REPO_ROOT, 'functions', name, 'index.ts')),
    outfile: `${name}.mjs`,
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const [output] = Object.values(metafile.outputs);
  if (!output) throw new Error(`esbuild wrote nothing for ${name}`);
  return output;
};

it.each(FUNCTION_NAMES)(
  '%s imports the AWS SDK on first use only, and bundles no X-Ray SDK',
  async (name) => {
    const output = await bundle(name);
    const sdkImports = output.imports.filter((item) => item.path.startsWith('@aws-sdk/'));
    expect(sdkImports.length).toBeGreaterThan(0);
    expect(sdkImports.filter((item) => item.kind !== 'dynamic-import')).toEqual([]);
    expect(Object.keys(output.inputs).filter((input) => input.includes('aws-xray-sdk'))).toEqual([]);
  },
);

/**
 * Runtime schemas use `zod/mini` (see shared/zod-mini.ts): the classic API is not tree-shakeable
 * and would add ~60 KB to every bundle that validates anything. Importing `'zod'` in a module a
 * handler reaches fails this.
 */
it.each(FUNCTION_NAMES)('%s bundles no classic zod API', async (name) => {
  const output = await bundle(name);
  expect(
    Object.keys(output.inputs).filter((input) => /node_modules\/zod\/(v4\/classic\/|index\.js)/.test(input)),
  ).toEqual([]);
});
