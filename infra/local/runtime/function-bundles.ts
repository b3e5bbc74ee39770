/**
 * How each `AWS::Lambda::Function` of the template runs: its bundle in the cloud assembly (the
 * folder `asset.<hash>` named by its `Code` S3 key, as `cdk deploy` uploads it), the file and
 * export its `Handler` names, its environment with every reference resolved to the local
 * resources, its timeout and memory. A function that is not a Node.js zip bundle of the assembly
 * stops the runtime with an error naming it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionName } from '../../stateless/service-function.js';
import { localName, resolveValue } from './local-resources.js';
import { type AppTemplate, type Json, propertiesOf, UnsupportedTemplateError } from './template.js';

/** The Lambda runtime that matches the Node running this process, which the functions run on too. */
export const LOCAL_LAMBDA_RUNTIME = `nodejs${process.versions.node.split('.')[0]}.x`;

export interface FunctionBundle {
  readonly logicalId: string;
  /** Its folder under functions/. */
  readonly name: FunctionName;
  /** Its local function name (the template's FunctionName, else its logical id). */
  readonly functionName: string;
  readonly dir: string;
  readonly file: string;
  readonly exportName: string;
  /** The template's environment, resolved. */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly runtime: string;
}

/** The Node.js runtime looks for the handler's module with these extensions, in this order. */
const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'];

function assetDir(assemblyDir: string, logicalId: string, props: Json): string {
  const code = (props.Code ?? {}) as Json;
  if (props.PackageType === 'Image' || code.ImageUri)
    throw new UnsupportedTemplateError(
      logicalId,
      'is a container image function; only zip bundles run locally',
    );
  if (code.ZipFile)
    throw new UnsupportedTemplateError(
      logicalId,
      'has inline code (ZipFile); only bundles of the assembly run locally',
    );
  const key = typeof code.S3Key === 'string' ? /^([0-9a-f]{64})\.zip$/.exec(code.S3Key)?.[1] : undefined;
  if (!key)
    throw new UnsupportedTemplateError(logicalId, 'has Code that is not a CDK asset (S3Key "<hash>.zip")');
  const dir = join(assemblyDir, `asset.${key}`);
  if (!existsSync(dir))
    throw new UnsupportedTemplateError(
      logicalId,
      `its code asset ${key} is not in the cloud assembly ${assemblyDir} (was it synthesized without bundling?)`,
    );
  return dir;
}

function handlerFile(dir: string, logicalId: string, handler: unknown): { file: string; exportName: string } {
  const match = typeof handler === 'string' ? /^(.+)\.([^./]+)$/.exec(handler) : null;
  if (!match)
    throw new UnsupportedTemplateError(logicalId, `has Handler ${String(handler)}, not "<module>.<export>"`);
  const [, module = '', exportName = ''] = match;
  const file = MODULE_EXTENSIONS.map((extension) => join(dir, `${module}${extension}`)).find(existsSync);
  if (!file)
    throw new UnsupportedTemplateError(
      logicalId,
      `has Handler ${handler}, but its bundle has no ${module}.js/.mjs/.cjs`,
    );
  return { file, exportName };
}

export function functionBundle(
  template: AppTemplate,
  logicalId: string,
  name: FunctionName,
  assemblyDir: string,
): FunctionBundle {
  const props = propertiesOf(template, logicalId);
  const runtime = String(props.Runtime ?? '');
  if (!runtime.startsWith('nodejs'))
    throw new UnsupportedTemplateError(
      logicalId,
      `has Runtime ${runtime || 'none'}; only Node.js functions run locally`,
    );
  if (runtime !== LOCAL_LAMBDA_RUNTIME)
    throw new UnsupportedTemplateError(
      logicalId,
      `has Runtime ${runtime}, but this runtime runs its functions on Node ${process.versions.node} (${LOCAL_LAMBDA_RUNTIME}): run it with npm start, which uses the project's pinned Node`,
    );
  if (Array.isArray(props.Layers) && props.Layers.length > 0)
    throw new UnsupportedTemplateError(logicalId, 'uses layers, which the local runtime does not provide');
  const dir = assetDir(assemblyDir, logicalId, props);
  const variables = (((props.Environment ?? {}) as Json).Variables ?? {}) as Json;
  const environment = Object.fromEntries(
    Object.entries(variables).map(([variable, value]) => [
      variable,
      resolveValue(template, value, `${logicalId} (environment variable ${variable})`),
    ]),
  );
  return {
    logicalId,
    name,
    functionName: localName(template, logicalId),
    dir,
    ...handlerFile(dir, logicalId, props.Handler),
    environment,
    timeoutMs: Number(props.Timeout ?? 3) * 1000,
    memoryMb: Number(props.MemorySize ?? 128),
    runtime,
  };
}

/** Every function of the template, by its functions/ folder. */
export function functionBundles(
  template: AppTemplate,
  functions: ReadonlyMap<string, FunctionName>,
  assemblyDir: string,
): Map<FunctionName, FunctionBundle> {
  return new Map(
    [...functions].map(([logicalId, name]) => [name, functionBundle(template, logicalId, name, assemblyDir)]),
  );
}
