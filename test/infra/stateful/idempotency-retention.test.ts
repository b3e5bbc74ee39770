import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { StatefulStack } from '../../../infra/stateful/stateful-stack.js';
import { idempotencyExpiresAt } from '../../../shared/adapters/dynamodb/idempotency-records.js';

/**
 * DESIGN §11: idempotency keys live at least as long as the bus archive keeps events for replay,
 * so a replayed event is recognised as the duplicate it is.
 */
it('keeps idempotency keys at least as long as the bus archive keeps events', () => {
  const app = new App({ analyticsReporting: false, stackTraces: false });
  const template = Template.fromStack(new StatefulStack(app, 'Backorder-test-Stateful', { stage: 'test' }));
  const archives = Object.values(template.findResources('AWS::Events::Archive'));
  expect(archives).toHaveLength(1);
  const retentionDays = Number(archives[0]?.Properties?.RetentionDays);
  expect(retentionDays).toBeGreaterThan(0);

  const writtenAt = Date.parse('2026-12-01T00:00:00.000Z');
  const keptDays = (idempotencyExpiresAt(writtenAt) * 1000 - writtenAt) / 86_400_000;

  expect(keptDays).toBeGreaterThanOrEqual(retentionDays);
});
