/**
 * The synthesized templates as one set of resources, with the few intrinsic functions the local
 * runtime has to follow (`Ref`, `Fn::GetAtt`, `Fn::ImportValue` of another stack's output).
 */
import type { CloudFormationTemplate } from '../../template/synth.js';

export interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface AppTemplate {
  readonly resources: ReadonlyMap<string, Resource>;
  /** Export name → the value the exporting stack gave it. */
  readonly exports: ReadonlyMap<string, unknown>;
}

export class UnsupportedTemplateError extends Error {
  constructor(logicalId: string, message: string) {
    super(`Template resource ${logicalId}: ${message}`);
    this.name = 'UnsupportedTemplateError';
  }
}

export type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges the stacks' templates (logical ids are unique across this app's stacks). */
export function appTemplate(templates: Record<string, CloudFormationTemplate>): AppTemplate {
  const resources = new Map<string, Resource>();
  const exports = new Map<string, unknown>();
  for (const [stack, template] of Object.entries(templates)) {
    for (const [id, resource] of Object.entries((template.Resources ?? {}) as Record<string, Resource>)) {
      if (resources.has(id)) throw new UnsupportedTemplateError(id, `appears in two stacks (${stack})`);
      resources.set(id, resource);
    }
    for (const output of Object.values((template.Outputs ?? {}) as Record<string, Json>)) {
      const name = isObject(output.Export) ? output.Export.Name : undefined;
      if (typeof name === 'string') exports.set(name, output.Value);
    }
  }
  return { resources, exports };
}

/** Synthesizes the app without bundling (the template alone, for tests) and merges its stacks. */
export const synthesizeAppTemplate = async (): Promise<AppTemplate> =>
  appTemplate((await import('../../template/synth.js')).synthesizeTemplates());

/** The logical id a value points at: `{Ref: id}`, `{Fn::GetAtt: [id, attr]}`, or an import of either. */
export function referencedId(template: AppTemplate, value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  const imported = value['Fn::ImportValue'];
  if (typeof imported === 'string' && template.exports.has(imported))
    return referencedId(template, template.exports.get(imported));
  return undefined;
}

/** Resources of one type, as [logicalId, properties]. */
export const resourcesOfType = (template: AppTemplate, type: string): Array<[string, Json]> =>
  [...template.resources]
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties ?? {}]);

/** A resource's properties: `{}` when it has none, or is not in the template. */
export const propertiesOf = (template: AppTemplate, logicalId: string): Json =>
  template.resources.get(logicalId)?.Properties ?? {};

export const typeOf = (template: AppTemplate, logicalId: string): string | undefined =>
  template.resources.get(logicalId)?.Type;

/**
 * The logical id of the SQS queue of the template that `value` references. Anything else is
 * refused as `owner`'s: `what` names the property in the error (`<what> is not an SQS queue …`).
 */
export function referencedQueueId(
  template: AppTemplate,
  value: unknown,
  owner: string,
  what: string,
): string {
  const id = referencedId(template, value);
  if (!id || typeOf(template, id) !== 'AWS::SQS::Queue')
    throw new UnsupportedTemplateError(owner, `${what} is not an SQS queue of the template`);
  return id;
}
