/**
 * The buses' rules as the template defines them (`AWS::Events::Rule`): the bus, the compiled event
 * pattern, and each target, a Lambda function or an SQS queue (whose consumer is found by its
 * event-source mapping, see queues.ts).
 *
 * A target's RetryPolicy and DeadLetterConfig govern EventBridge's own delivery: Lambda accepting
 * an asynchronous invocation, SQS accepting a message. Locally that delivery cannot fail, so they
 * are checked (the dead-letter queue must be a queue of the template) and kept, not exercised.
 * What happens when the function then fails is Lambda's asynchronous invocation (async-invoker.ts).
 */
import type { FunctionName } from '../../stateless/service-function.js';
import { compileEventPattern, type EventPatternMatcher } from '../event-pattern/index.js';
import { busNameOf } from './event-bus.js';
import { functionOf } from './function-resources.js';
import { resolveValue } from './local-resources.js';
import {
  type AppTemplate,
  type Json,
  referencedId,
  referencedQueueId,
  resourcesOfType,
  typeOf,
  UnsupportedTemplateError,
} from './template.js';

interface DeliveryPolicy {
  readonly id: string;
  /** EventBridge's retries of a delivery that failed (185 unless the target says). */
  readonly retryAttempts: number;
  /** Where EventBridge puts an event it could not deliver. */
  readonly deadLetterQueueId?: string;
}

export type RuleTarget =
  | (DeliveryPolicy & { readonly kind: 'lambda'; readonly function: FunctionName })
  | (DeliveryPolicy & { readonly kind: 'sqs'; readonly queueId: string });

export interface EventRule {
  readonly logicalId: string;
  /** The local name of the rule's bus (`default` when it names none). */
  readonly busName: string;
  readonly pattern: EventPatternMatcher;
  readonly targets: readonly RuleTarget[];
}

function ruleTarget(
  template: AppTemplate,
  functions: ReadonlyMap<string, FunctionName>,
  ruleId: string,
  target: Json,
): RuleTarget {
  const id = String(target.Id);
  if (target.Input || target.InputPath || target.InputTransformer)
    throw new UnsupportedTemplateError(
      ruleId,
      `target ${id} transforms its input, which is not supported locally`,
    );
  const deadLetter = (target.DeadLetterConfig as Json | undefined)?.Arn;
  const policy: DeliveryPolicy = {
    id,
    retryAttempts: Number((target.RetryPolicy as Json | undefined)?.MaximumRetryAttempts ?? 185),
    ...(deadLetter
      ? {
          deadLetterQueueId: referencedQueueId(
            template,
            deadLetter,
            ruleId,
            `the dead-letter queue of target ${id}`,
          ),
        }
      : {}),
  };
  const arnOf = referencedId(template, target.Arn);
  if (arnOf && typeOf(template, arnOf) === 'AWS::SQS::Queue')
    return { ...policy, kind: 'sqs', queueId: arnOf };
  return { ...policy, kind: 'lambda', function: functionOf(functions, arnOf, ruleId) };
}

/** The enabled rules of every bus. */
export function eventRules(template: AppTemplate, functions: ReadonlyMap<string, FunctionName>): EventRule[] {
  return resourcesOfType(template, 'AWS::Events::Rule')
    .filter(([, props]) => props.State !== 'DISABLED')
    .map(([logicalId, props]) => {
      if (!props.EventPattern)
        throw new UnsupportedTemplateError(
          logicalId,
          'has no EventPattern (scheduled rules are not supported)',
        );
      return {
        logicalId,
        busName: busNameOf(resolveValue(template, props.EventBusName ?? 'default', logicalId)),
        pattern: compileEventPattern(props.EventPattern as object),
        targets: ((props.Targets ?? []) as Json[]).map((target) =>
          ruleTarget(template, functions, logicalId, target),
        ),
      };
    });
}

/** The local names of the buses: the template's, and `default`, which every account has. */
export const busNames = (template: AppTemplate): string[] => [
  'default',
  ...resourcesOfType(template, 'AWS::Events::EventBus').map(([logicalId]) =>
    resolveValue(template, { Ref: logicalId }, logicalId),
  ),
];
