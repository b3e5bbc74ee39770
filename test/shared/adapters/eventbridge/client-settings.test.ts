import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EVENT_BRIDGE_CLIENT_SETTINGS } from '../../../../shared/adapters/eventbridge/client-settings.js';
import { EventBridgePublisher } from '../../../../shared/adapters/eventbridge/eventbridge-publisher.js';

/** An endpoint that takes every request and never answers: a hung PutEvents. */
let server: Server;
beforeAll(async () => {
  server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('fails a publish that hangs well inside a function timeout of 30 s, so the caller lists it for the sweep', async () => {
  const client = new EventBridgeClient({
    ...EVENT_BRIDGE_CLIENT_SETTINGS,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const publisher = new EventBridgePublisher(client, 'bus');
  const started = Date.now();
  await expect(
    publisher.publish([
      {
        detailType: 'Order Received',
        detail: { eventId: 'e-1', tenantId: 't', occurredAt: '2026-12-06T00:00:00.000Z' },
      },
    ]),
  ).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(20_000);
  client.destroy();
}, 40_000);
