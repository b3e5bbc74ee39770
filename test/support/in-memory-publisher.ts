import type { EventPublisher, PublishableEvent } from '../../shared/ports/event-publisher.js';

/** The publisher port in memory: what was published, and a switch to make publishing fail. */
export class InMemoryPublisher implements EventPublisher {
  readonly published: PublishableEvent[] = [];
  failing = false;

  async publish(events: readonly PublishableEvent[]): Promise<void> {
    if (this.failing) throw new Error('publishing is down');
    this.published.push(...events);
  }

  ofType(detailType: string): PublishableEvent[] {
    return this.published.filter((event) => event.detailType === detailType);
  }
}
