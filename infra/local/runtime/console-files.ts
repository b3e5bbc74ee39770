/**
 * The operator console as the local runtime serves it: the build that the stack's
 * `Custom::ConsolePublication` copies into the console's bucket on deploy, taken from its
 * publisher's package in the cloud assembly (`asset.<hash>/site`, built by Vite at synthesis).
 * Locally there is no bucket to copy into, so the publisher does not run; the page is served from
 * its package instead, and with no `config.json` it calls the API on its own origin.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_PUBLICATION_TYPE, SITE_FOLDER } from '../../stateless/console-publisher/contract.js';
import {
  type AppTemplate,
  type Json,
  propertiesOf,
  resourcesOfType,
  UnsupportedTemplateError,
} from './template.js';

/** The publisher function behind each of the template's console publications. */
function publications(template: AppTemplate): Array<{ resource: string; fn: string | undefined }> {
  return [...resourcesOfType(template, CONSOLE_PUBLICATION_TYPE)].map(([logicalId]) => {
    const token = propertiesOf(template, logicalId).ServiceToken as Json | undefined;
    const target = (token?.['Fn::GetAtt'] as unknown[] | undefined)?.[0];
    return { resource: logicalId, fn: typeof target === 'string' ? target : undefined };
  });
}

/** The logical ids of the console's publisher functions (not run locally). */
export function consolePublisherFunctions(template: AppTemplate): Set<string> {
  return new Set(publications(template).flatMap(({ fn }) => (fn ? [fn] : [])));
}

/** The folder of the console's build in the assembly, if the template publishes a console. */
export function consoleDir(template: AppTemplate, assemblyDir: string): string | undefined {
  for (const { resource, fn } of publications(template)) {
    const code = fn ? (propertiesOf(template, fn).Code as Json | undefined) : undefined;
    const key = code?.S3Key;
    const hash = typeof key === 'string' ? /^([0-9a-f]{64})\.zip$/.exec(key)?.[1] : undefined;
    const dir = hash ? join(assemblyDir, `asset.${hash}`, SITE_FOLDER) : undefined;
    if (dir && existsSync(join(dir, 'index.html'))) return dir;
    throw new UnsupportedTemplateError(
      resource,
      `publishes no build with an index.html that is in the cloud assembly ${assemblyDir} (was it synthesized without bundling?)`,
    );
  }
  return undefined;
}
