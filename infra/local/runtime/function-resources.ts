/**
 * Which folder of `functions/` each `AWS::Lambda::Function` of the template runs. CDK names a
 * ServiceFunction's Lambda `Functions<name without punctuation>Function<hash>`. The folders are
 * listed rather than imported from the stack's code, which would load the CDK (seconds) for a list.
 */
import { readdirSync } from 'node:fs';
import type { FunctionName } from '../../stateless/service-function.js';
import { consolePublisherFunctions } from './console-files.js';
import { type AppTemplate, resourcesOfType, UnsupportedTemplateError } from './template.js';

const FUNCTION_NAMES = readdirSync(new URL('../../../functions/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name as FunctionName);

const prefixOf = (name: FunctionName): string => `Functions${name.replace(/[^A-Za-z0-9]/g, '')}Function`;

/**
 * Logical id → function name, for every Lambda function of the template but the console's
 * publisher (console-files.ts serves what it would copy).
 */
export function functionResources(template: AppTemplate): ReadonlyMap<string, FunctionName> {
  const functions = new Map<string, FunctionName>();
  const publishers = consolePublisherFunctions(template);
  for (const [logicalId] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    if (publishers.has(logicalId)) continue;
    const matches = FUNCTION_NAMES.filter(
      (name) =>
        /^[0-9A-F]{8}$/.test(logicalId.slice(prefixOf(name).length)) && logicalId.startsWith(prefixOf(name)),
    );
    const [name] = matches;
    if (matches.length !== 1 || !name)
      throw new UnsupportedTemplateError(
        logicalId,
        'is a Lambda function that matches no folder of functions/',
      );
    functions.set(logicalId, name);
  }
  return functions;
}

/** The function a reference (`Ref`/`Fn::GetAtt` of a Lambda) runs, or an error naming `owner`. */
export function functionOf(
  functions: ReadonlyMap<string, FunctionName>,
  logicalId: string | undefined,
  owner: string,
): FunctionName {
  const name = logicalId ? functions.get(logicalId) : undefined;
  if (!name)
    throw new UnsupportedTemplateError(
      owner,
      `targets ${logicalId ?? 'something'} that is not a known Lambda function`,
    );
  return name;
}
