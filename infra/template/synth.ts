/**
 * In-process synthesis of the CDK app, for tests and the local runtime: they take their tables
 * from the synthesized templates (see table-definitions.ts), never from a second definition.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { DEFAULT_STAGE, defineApp } from '../define-app.js';
import { type TableDefinition, tableDefinitionsFromTemplate } from './table-definitions.js';

export type CloudFormationTemplate = Record<string, unknown>;

export interface SynthOptions {
  /** Stage to synthesize; `dev` by default. */
  readonly stage?: string;
  /** Extra context, on top of cdk.json's. */
  readonly context?: Record<string, unknown>;
  /**
   * Run aws-cdk-lib's built-in CloudFormation validation, as `cdk synth` does. Off by default:
   * it costs seconds of CPU, and local tables need only the tables' shape.
   */
  readonly cloudFormationValidation?: boolean;
  /** Bundle the functions with esbuild, as for deployment. Off by default: templates don't need the bundles. */
  readonly bundle?: boolean;
  /**
   * Write the cloud assembly here and keep it (the local runtime runs its bundles). By default it
   * goes to a temporary folder, removed once the templates are read.
   */
  readonly outdir?: string;
}

/** cdk.json's context (feature flags), so in-process synthesis matches `cdk synth`. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** Synthesizes the app for one stage and returns each stack's template by stack name. */
export function synthesizeTemplates(options: SynthOptions = {}): Record<string, CloudFormationTemplate> {
  const stage = options.stage ?? DEFAULT_STAGE;
  const bundling = options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] };
  const outdir = options.outdir ?? mkdtempSync(join(tmpdir(), 'backorder-synth-'));
  try {
    const app = new App({
      outdir,
      context: { ...cdkJsonContext(), ...bundling, ...options.context, stage },
      analyticsReporting: false,
      stackTraces: false,
      builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    });
    defineApp(app, stage);
    const assembly = app.synth();
    const templates: Record<string, CloudFormationTemplate> = {};
    for (const stack of assembly.stacks) {
      templates[stack.stackName] = stack.template as CloudFormationTemplate;
    }
    return templates;
  } finally {
    if (!options.outdir) rmSync(outdir, { recursive: true, force: true });
  }
}

/** The DynamoDB tables of every stack of the app, from the synthesized templates. */
export function synthesizeTableDefinitions(options: SynthOptions = {}): TableDefinition[] {
  return Object.values(synthesizeTemplates(options)).flatMap((template) =>
    tableDefinitionsFromTemplate(template),
  );
}
