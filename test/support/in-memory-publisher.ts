import {
  type EventPublisher,
  type PublishableEvent,
  PublishFailedError,
} from '../../shared/ports/event-publisher.js';

/**
 * The publisher port in memory: what was published, a switch to make publishing fail, and event
 * ids to refuse one by one (as EventBridge reports failed entries) while the others go.
 */
export class InMemoryPublisher implements EventPublisher {
  readonly published: PublishableEvent[] = [];
  failing = false;
  readonly refusing = new Set<string>();

  async publish(events: readonly PublishableEvent[]): Promise<void> {
    if (this.failing) throw new Error('publishing is down');
    const refused = events.filter((event) => this.refusing.has(event.detail.eventId));
    this.published.push(...events.filter((event) => !this.refusing.has(event.detail.eventId)));
    if (refused.length > 0)
      throw new PublishFailedError(
        refused.map((event) => ({
          eventId: event.detail.eventId,
          code: 'ThrottlingException',
          permanent: false,
        })),
      );
  }

  ofType(detailType: string): PublishableEvent[] {
    return this.published.filter((event) => event.detailType === detailType);
  }
}
