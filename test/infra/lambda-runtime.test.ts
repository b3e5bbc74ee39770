import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { STAGES } from '../../infra/config/stages.js';
import { LOCAL_LAMBDA_RUNTIME } from '../../infra/local/runtime/function-bundles.js';
import { BUNDLE_SETTINGS } from '../../infra/stateless/bundling.js';
import { synthesizeTemplates } from '../../infra/template/synth.js';

/**
 * What deploys runs on the Node the project runs locally: every Lambda function of every stack of
 * every stage (CDK's own helper functions included) is on the runtime of the Node running this
 * test, which `npm test` takes from the pinned binary in package.json. No exception: the console's
 * publisher is a function of ours on the same runtime, not CDK's Python BucketDeployment.
 */
const nodeMajor = process.versions.node.split('.')[0];
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
};

describe('Lambda runtime', () => {
  it('is Node.js 24 here, from the binary package.json pins', () => {
    expect(nodeMajor).toBe('24');
    const pins = Object.entries(packageJson.optionalDependencies).filter(([name]) =>
      name.startsWith('node-'),
    );
    expect(pins.length).toBeGreaterThan(0);
    for (const [, version] of pins) expect(version).toBe(process.versions.node);
    expect(packageJson.engines.node).toBe(`>=${nodeMajor} <${Number(nodeMajor) + 1}`);
  });

  it.each(Object.keys(STAGES))('is the local Node major for every function of stage %s', (stage) => {
    const runtimes: Array<[string, unknown]> = [];
    for (const [stack, template] of Object.entries(synthesizeTemplates({ stage }))) {
      const resources = (template.Resources ?? {}) as Record<
        string,
        { Type: string; Properties?: { Runtime?: unknown } }
      >;
      for (const [id, resource] of Object.entries(resources))
        if (resource.Type === 'AWS::Lambda::Function')
          runtimes.push([`${stack}/${id}`, resource.Properties?.Runtime]);
    }
    expect(runtimes.length).toBeGreaterThan(0);
    expect(runtimes.filter(([, runtime]) => runtime !== LOCAL_LAMBDA_RUNTIME)).toEqual([]);
    expect(LOCAL_LAMBDA_RUNTIME).toBe(`nodejs${nodeMajor}.x`);
  });

  it('is the target the bundles are built for', () => {
    expect(BUNDLE_SETTINGS.target).toBe(`node${nodeMajor}`);
  });
});
