import type { App, Environment } from 'aws-cdk-lib';
import { stageConfig } from './config/stages.js';
import { StatefulStack } from './stateful/stateful-stack.js';
import { StatelessStack } from './stateless/stateless-stack.js';

export const DEFAULT_STAGE = 'dev';

/** The stage named by the `stage` context value (`cdk synth -c stage=prod`), `dev` by default. */
export function stageOf(app: App): string {
  const stage: unknown = app.node.tryGetContext('stage') ?? DEFAULT_STAGE;
  if (typeof stage !== 'string' || !/^[a-z][a-z0-9-]{0,20}$/.test(stage)) {
    throw new Error(
      `Invalid stage ${JSON.stringify(stage)}: use lower-case letters, digits and '-', starting with a letter`,
    );
  }
  return stage;
}

/**
 * The account and region, only where given explicitly (`-c account=... -c region=...`): the
 * CLI's CDK_DEFAULT_* variables are ignored on purpose, since they depend on the machine's AWS
 * configuration. Otherwise the stacks are environment-agnostic, so synthesis needs no
 * credentials, does no lookups and gives the same template everywhere.
 */
function environmentOf(app: App): Environment | undefined {
  const account: unknown = app.node.tryGetContext('account');
  const region: unknown = app.node.tryGetContext('region');
  if (account === undefined && region === undefined) return undefined;
  if (
    (account !== undefined && typeof account !== 'string') ||
    (region !== undefined && typeof region !== 'string')
  ) {
    throw new Error('Context values account and region must be strings');
  }
  return { ...(account ? { account } : {}), ...(region ? { region } : {}) };
}

export interface BackorderStacks {
  readonly stage: string;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** Adds the service's stacks for one stage to `app`: used by the CDK entry and by in-process synthesis. */
export function defineApp(app: App, stage: string = stageOf(app)): BackorderStacks {
  const env = environmentOf(app);
  const stateful = new StatefulStack(app, `Backorder-${stage}-Stateful`, {
    stage,
    ...(env ? { env } : {}),
    description: `Backorder service (${stage}): stateful resources`,
  });
  const stateless = new StatelessStack(app, `Backorder-${stage}-Stateless`, {
    resources: stateful.resources,
    config: stageConfig(stage),
    ...(env ? { env } : {}),
    description: `Backorder service (${stage}): functions, rules, API, schedule`,
  });
  return { stage, stateful, stateless };
}
