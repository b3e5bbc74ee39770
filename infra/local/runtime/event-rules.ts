/**
 * The bus's rules as the template defines them (`AWS::Events::Rule`): the compiled event pattern,
 * and each target, a Lambda function or an SQS queue (whose consumer is found by its event-source
 * mapping, see queues.ts).
 */

import type { FunctionName } from '../../stateless/service-function.js';
import { compileEventPattern, type EventPatternMatcher } from '../event-pattern/index.js';
import { functionOf } from './function-resources.js';
import {
  type AppTemplate,
  referencedId,
  resourcesOfType,
  typeOf,
  UnsupportedTemplateError,
} from './template.js';

export type RuleTarget =
  | {
      readonly kind: 'lambda';
      readonly id: string;
      readonly function: FunctionName;
      readonly retryAttempts: number;
    }
  | { readonly kind: 'sqs'; readonly id: string; readonly queueId: string };

export interface EventRule {
  readonly logicalId: string;
  readonly pattern: EventPatternMatcher;
  readonly targets: readonly RuleTarget[];
}

/** Locally, a failing Lambda target is retried this many times at most (AWS: the rule's policy, up to 185). */
const LOCAL_MAX_RETRIES = 3;

type Json = Record<string, unknown>;

/**
 * The enabled rules of the bus `busId` (the functions' EVENT_BUS_NAME); without one, every rule.
 * Rules of other buses never see what this service publishes.
 */
export function eventRules(
  template: AppTemplate,
  functions: ReadonlyMap<string, FunctionName>,
  busId?: string,
): EventRule[] {
  return resourcesOfType(template, 'AWS::Events::Rule')
    .filter(([, props]) => props.State !== 'DISABLED')
    .filter(([, props]) => !busId || referencedId(template, props.EventBusName) === busId)
    .map(([logicalId, props]) => {
      if (!props.EventPattern)
        throw new UnsupportedTemplateError(
          logicalId,
          'has no EventPattern (scheduled rules are not supported)',
        );
      const targets = ((props.Targets ?? []) as Json[]).map((target): RuleTarget => {
        const id = String(target.Id);
        if (target.Input || target.InputPath || target.InputTransformer)
          throw new UnsupportedTemplateError(
            logicalId,
            `target ${id} transforms its input, which is not supported locally`,
          );
        const arnOf = referencedId(template, target.Arn);
        const type = arnOf ? typeOf(template, arnOf) : undefined;
        if (type === 'AWS::SQS::Queue' && arnOf) return { kind: 'sqs', id, queueId: arnOf };
        const retries = Number((target.RetryPolicy as Json | undefined)?.MaximumRetryAttempts ?? 185);
        return {
          kind: 'lambda',
          id,
          function: functionOf(functions, arnOf, logicalId),
          retryAttempts: Math.min(retries, LOCAL_MAX_RETRIES),
        };
      });
      return { logicalId, pattern: compileEventPattern(props.EventPattern as object), targets };
    });
}
