import { Duration } from 'aws-cdk-lib';
import { Archive, EventBus } from 'aws-cdk-lib/aws-events';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { BUS_ARCHIVE_RETENTION_DAYS } from '../../shared/events/bus-archive.js';

/** The service's source on the bus: every outgoing event carries it. */
export const SERVICE_EVENT_SOURCE = 'backorder.service';

/** The custom event bus (archived, so events can be replayed) and the notification topic (encrypted, SSL-only). */
export class Messaging extends Construct {
  readonly bus: EventBus;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: `backorder-${props.stage}` });
    new Archive(this, 'BusArchive', {
      sourceEventBus: this.bus,
      eventPattern: { account: [this.bus.env.account] },
      retention: Duration.days(BUS_ARCHIVE_RETENTION_DAYS),
      description: 'Every event on the backorder bus, for replay',
    });
    this.topic = new Topic(this, 'Notifications', {
      displayName: 'Backorder notifications',
      masterKey: Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
  }
}
