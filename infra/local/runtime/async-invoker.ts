/**
 * Lambda's asynchronous invocation, which is how EventBridge runs a Lambda target: the event is
 * queued, the function runs, and when it fails Lambda runs it again (MaximumRetryAttempts of the
 * function's `AWS::Lambda::EventInvokeConfig`, 2 by default; a minute, then two, apart on AWS,
 * a second, then two, here), then sends the event to the function's dead-letter queue and its
 * on-failure destination when it has them, and otherwise drops it (logged). Each invocation is
 * held in the work journal from its acceptance until it succeeds or its failure is handed over,
 * with its failed attempts and the time of the next, so a restart runs what a killed run held.
 */
import { randomUUID } from 'node:crypto';
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
import type { HeldInvocation, WorkLog } from './work-journal.js';

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
  /** Waits for due times, ended early by stop(): the work stays held for the next run. */
  private readonly waits = new Map<NodeJS.Timeout, () => void>();

  constructor(
    private readonly configs: ReadonlyMap<FunctionName, AsyncInvokeConfig>,
    private readonly invoke: Invoke,
    private readonly deadLetters: DeadLetters,
    private readonly pending: PendingWork,
    private readonly journal: WorkLog,
    private readonly log: (line: string) => void,
    private readonly retryBaseMs = LOCAL_RETRY_BASE_MS,
  ) {}

  /** Runs nothing more; what is held stays in the journal for the next run. */
  stop(): void {
    this.stopped = true;
    for (const [timer, wake] of this.waits) {
      clearTimeout(timer);
      wake();
    }
    this.waits.clear();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve();
      }, ms);
      this.waits.set(timer, resolve);
    });
  }

  /** Resolves once the invocation is kept, as Lambda accepts an asynchronous one; it runs from then on. */
  async invokeAsync(fn: FunctionName, event: unknown, origin: string): Promise<void> {
    const held: HeldInvocation = {
      kind: 'invocation',
      id: randomUUID(),
      fn,
      event,
      origin,
      attempts: 0,
      dueAt: Date.now(),
    };
    await this.journal.add(held);
    this.restore(held);
  }

  /** Takes back an invocation a previous run held: it runs again at its due time, after the attempts it had. */
  restore(held: HeldInvocation): void {
    if (this.stopped) return;
    // A journal write that failed (a full disk, a runtime stopping) leaves the invocation held.
    void this.pending
      .track(() => this.run(held))
      .catch((error: Error) => this.log(`[lambda] ${held.fn} (${held.origin}) left held: ${error.message}`));
  }

  private async run({ id, fn, event, origin, attempts: failed, dueAt }: HeldInvocation): Promise<void> {
    const config = this.configs.get(fn) ?? { retries: DEFAULT_RETRIES };
    await this.sleep(Math.max(0, dueAt - Date.now()));
    for (let attempt = failed; !this.stopped; attempt++) {
      try {
        await this.invoke(fn, event);
        await this.journal.done(id);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (this.stopped) return;
        if (attempt < config.retries) {
          this.log(`[lambda] ${fn} failed (${origin}, attempt ${attempt + 1}), retrying: ${message}`);
          const delayMs = this.retryBaseMs * 2 ** attempt;
          await this.journal.change(id, { attempts: attempt + 1, dueAt: Date.now() + delayMs });
          await this.sleep(delayMs);
          continue;
        }
        this.fail(fn, config, event, message, attempt + 1, origin);
        await this.journal.done(id);
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
