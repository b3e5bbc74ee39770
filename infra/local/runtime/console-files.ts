/**
 * The operator console as the local runtime serves it: the build that the stack's
 * `Custom::CDKBucketDeployment` copies into the console's bucket on deploy, taken from the cloud
 * assembly (`asset.<hash>`, built by Vite at synthesis). Locally there is no bucket to copy into,
 * so that deployment's function does not run; the page is served from its source instead.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AppTemplate,
  type Json,
  propertiesOf,
  resourcesOfType,
  UnsupportedTemplateError,
} from './template.js';

const DEPLOYMENT_TYPE = 'Custom::CDKBucketDeployment';

/** The logical ids of the functions behind the template's bucket deployments (not run locally). */
export function bucketDeploymentFunctions(template: AppTemplate): Set<string> {
  const ids = new Set<string>();
  for (const [logicalId] of resourcesOfType(template, DEPLOYMENT_TYPE)) {
    const token = propertiesOf(template, logicalId).ServiceToken as Json | undefined;
    const target = (token?.['Fn::GetAtt'] as unknown[] | undefined)?.[0];
    if (typeof target === 'string') ids.add(target);
  }
  return ids;
}

/** The folder of the console's build in the assembly, if the template deploys a console. */
export function consoleDir(template: AppTemplate, assemblyDir: string): string | undefined {
  for (const [logicalId] of resourcesOfType(template, DEPLOYMENT_TYPE)) {
    const keys = propertiesOf(template, logicalId).SourceObjectKeys;
    for (const key of Array.isArray(keys) ? keys : []) {
      const hash = typeof key === 'string' ? /^([0-9a-f]{64})\.zip$/.exec(key)?.[1] : undefined;
      const dir = hash ? join(assemblyDir, `asset.${hash}`) : undefined;
      if (dir && existsSync(join(dir, 'index.html'))) return dir;
    }
    throw new UnsupportedTemplateError(
      logicalId,
      `deploys no build with an index.html that is in the cloud assembly ${assemblyDir} (was it synthesized without bundling?)`,
    );
  }
  return undefined;
}
