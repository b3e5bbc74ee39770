/**
 * An EventBridge bus on this machine: PutEvents (eventbridge-api.ts) puts each event here, and it
 * goes to every target of every rule of the bus whose pattern matches, as EventBridge delivers:
 * asynchronously, a Lambda target as an asynchronous invocation, an SQS target as a message
 * holding the event. Both are kept on disk (work-journal.ts) before PutEvents answers.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import type { FunctionName } from '../../stateless/service-function.js';
import type { EventRule } from './event-rules.js';

export type EventEnvelope = EventBridgeEvent<string, unknown>;

/** Where a bus delivers: each resolves once the target holds the event (kept on disk). */
export interface BusTargets {
  /** Hands the event to Lambda's asynchronous invocation of the function. */
  invokeAsync(fn: FunctionName, event: EventEnvelope, origin: string): Promise<void>;
  sendToQueue(queueId: string, body: string, origin: string): Promise<void>;
}

/** The buses by local name. */
export type LocalBuses = ReadonlyMap<string, LocalEventBus>;

/** A bus's name from its name or ARN (`arn:aws:events:<region>:<account>:event-bus/<name>`). */
export const busNameOf = (nameOrArn: string): string =>
  /^arn:aws[\w-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn)?.[1] ?? nameOrArn;

export class LocalEventBus {
  constructor(
    readonly name: string,
    private readonly rules: readonly EventRule[],
    private readonly targets: BusTargets,
  ) {}

  /**
   * Resolves once every target the rules match holds the event, so PutEvents answers only for
   * what a restart would still deliver. (A stopping runtime's targets keep it for the next run.)
   */
  async put(envelope: EventEnvelope): Promise<void> {
    const handovers: Array<Promise<void>> = [];
    for (const rule of this.rules) {
      if (!rule.pattern.matches(envelope)) continue;
      for (const target of rule.targets) {
        const origin = `rule ${rule.logicalId}`;
        handovers.push(
          target.kind === 'sqs'
            ? this.targets.sendToQueue(target.queueId, JSON.stringify(envelope), origin)
            : this.targets.invokeAsync(target.function, envelope, origin),
        );
      }
    }
    await Promise.all(handovers);
  }
}
