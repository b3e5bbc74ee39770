/**
 * Lambda's asynchronous invocation, which is how EventBridge runs a Lambda target: the event is
 * queued, the function runs, and when it fails Lambda runs it again (MaximumRetryAttempts of the
 * function's `AWS::Lambda::EventInvokeConfig`, 2 by default; a minute, then two, apart on AWS,
 * a second, then two, here), then sends the event to the function's dead-letter queue and its
 * on-failure destination when it has them, and otherwise drops it (logged).
 */
import type { FunctionName } from '../../stateless/service-function.js';
import type { DeadLetters } from './dead-letters.js';
import type { Invoke } from './functions.js';
import type { PendingWork } from './pending-work.js';
import {
  type AppTemplate,
  type Json,
  propertiesOf,
  referencedId,
  referencedQueueId,
  resourcesOfType,
  UnsupportedTemplateError,
} from './template.js';

export interface AsyncInvokeConfig {
  readonly retries: number;
  /** The function's DeadLetterConfig: the event, with the error as attributes. */
  readonly deadLetterQueueId?: string;
  /** The EventInvokeConfig's on-failure destination: an invocation record. */
  readonly onFailureQueueId?: string;
}

const DEFAULT_RETRIES = 2;
const LOCAL_RETRY_BASE_MS = 1_000;

/** Each function's asynchronous invocation settings, from the template. */
export function asyncInvokeConfigs(
  template: AppTemplate,
  functions: ReadonlyMap<string, FunctionName>,
): Map<FunctionName, AsyncInvokeConfig> {
  const configs = new Map<FunctionName, AsyncInvokeConfig>();
  for (const [logicalId, name] of functions) {
    const target = ((propertiesOf(template, logicalId).DeadLetterConfig ?? {}) as Json).TargetArn;
    configs.set(name, {
      retries: DEFAULT_RETRIES,
      ...(target
        ? { deadLetterQueueId: referencedQueueId(template, target, logicalId, 'its DeadLetterConfig') }
        : {}),
    });
  }
  for (const [logicalId, props] of resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig')) {
    const name = functions.get(referencedId(template, props.FunctionName) ?? String(props.FunctionName));
    const current = name ? configs.get(name) : undefined;
    if (!name || !current)
      throw new UnsupportedTemplateError(logicalId, 'configures a function that is not in the template');
    if (props.Qualifier !== '$LATEST')
      throw new UnsupportedTemplateError(
        logicalId,
        'configures a version or alias; only $LATEST runs locally',
      );
    const destinations = (props.DestinationConfig ?? {}) as Json;
    if (destinations.OnSuccess)
      throw new UnsupportedTemplateError(
        logicalId,
        'has an on-success destination, which is not supported locally',
      );
    const onFailure = (destinations.OnFailure as Json | undefined)?.Destination;
    configs.set(name, {
      ...current,
      retries: Number(props.MaximumRetryAttempts ?? DEFAULT_RETRIES),
      ...(onFailure
        ? {
            onFailureQueueId: referencedQueueId(template, onFailure, logicalId, 'its on-failure destination'),
          }
        : {}),
    });
  }
  return configs;
}

export class AsyncInvoker {
  private stopped = false;

  constructor(
    private readonly configs: ReadonlyMap<FunctionName, AsyncInvokeConfig>,
    private readonly invoke: Invoke,
    private readonly deadLetters: DeadLetters,
    private readonly pending: PendingWork,
    private readonly log: (line: string) => void,
    private readonly retryBaseMs = LOCAL_RETRY_BASE_MS,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  /** Queues the invocation and returns at once, as Lambda accepts an asynchronous one. */
  invokeAsync(fn: FunctionName, event: unknown, origin: string): void {
    void this.pending.track(() => this.run(fn, event, origin));
  }

  private async run(fn: FunctionName, event: unknown, origin: string): Promise<void> {
    const config = this.configs.get(fn) ?? { retries: DEFAULT_RETRIES };
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.invoke(fn, event);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (attempt < config.retries) {
          this.log(`[lambda] ${fn} failed (${origin}, attempt ${attempt + 1}), retrying: ${message}`);
          await new Promise((resolve) => setTimeout(resolve, this.retryBaseMs * 2 ** attempt));
          continue;
        }
        this.fail(fn, config, event, message, attempt + 1, origin);
        return;
      }
    }
  }

  private fail(
    fn: FunctionName,
    config: AsyncInvokeConfig,
    event: unknown,
    error: string,
    attempts: number,
    origin: string,
  ) {
    const why = `${fn} failed ${attempts} times (${origin})`;
    if (config.deadLetterQueueId)
      this.deadLetters.send(config.deadLetterQueueId, JSON.stringify(event), { ErrorMessage: error }, why);
    if (config.onFailureQueueId) {
      const record = {
        version: '1.0',
        timestamp: new Date().toISOString(),
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: attempts },
        requestPayload: event,
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorMessage: error },
      };
      this.deadLetters.send(config.onFailureQueueId, JSON.stringify(record), {}, why);
    }
    if (!config.deadLetterQueueId && !config.onFailureQueueId)
      this.log(
        `[lambda] ${why}; the function has no dead-letter queue or on-failure destination: event dropped: ${error}`,
      );
  }
}
