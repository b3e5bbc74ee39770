/**
 * An EventBridge bus on this machine: PutEvents (eventbridge-api.ts) puts each event here, and it
 * goes to every target of every rule of the bus whose pattern matches, as EventBridge delivers:
 * asynchronously, a Lambda target as an asynchronous invocation, an SQS target as a message
 * holding the event.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import type { FunctionName } from '../../stateless/service-function.js';
import type { EventRule } from './event-rules.js';

export type EventEnvelope = EventBridgeEvent<string, unknown>;

/** Where a bus delivers. */
export interface BusTargets {
  /** Hands the event to Lambda's asynchronous invocation of the function. */
  invokeAsync(fn: FunctionName, event: EventEnvelope, origin: string): void;
  sendToQueue(queueId: string, body: string, origin: string): void;
}

/** The buses by local name. */
export type LocalBuses = ReadonlyMap<string, LocalEventBus>;

/** A bus's name from its name or ARN (`arn:aws:events:<region>:<account>:event-bus/<name>`). */
export const busNameOf = (nameOrArn: string): string =>
  /^arn:aws[\w-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn)?.[1] ?? nameOrArn;

export class LocalEventBus {
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly rules: readonly EventRule[],
    private readonly targets: BusTargets,
    private readonly log: (line: string) => void,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  put(envelope: EventEnvelope): void {
    if (this.stopped) {
      this.log(`[bus] ${this.name} is stopping: ${envelope['detail-type']} ${envelope.id} not routed`);
      return;
    }
    for (const rule of this.rules) {
      if (!rule.pattern.matches(envelope)) continue;
      for (const target of rule.targets) {
        const origin = `rule ${rule.logicalId}`;
        if (target.kind === 'sqs') this.targets.sendToQueue(target.queueId, JSON.stringify(envelope), origin);
        else this.targets.invokeAsync(target.function, envelope, origin);
      }
    }
  }
}
