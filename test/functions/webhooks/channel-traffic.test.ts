import { fixtureText, SHOPIFY_DEVSTORE } from '../../shared/channels/webhook-fixtures.js';
import { channelService } from '../../support/channel-service.js';
import { webhookTenant } from '../../support/webhook-requests.js';

/**
 * Channel traffic as it really arrives (DESIGN §10), through the webhook handler with the real
 * payloads: topics checked against the signed body, versions, repeats, changes before their order,
 * routine updates of orders that cannot change.
 */
const tenant = webhookTenant('traffic');
const service = channelService('channel-traffic', tenant);

describe('the signed body decides', () => {
  it('refuses orders/cancelled whose body is not cancelled with 400, writing and publishing nothing', async () => {
    const before = (await service.harness.readAll()).items.length;
    const answer = await service.deliver('shopify', fixtureText(SHOPIFY_DEVSTORE), {
      'X-Shopify-Topic': 'orders/cancelled',
      'X-Shopify-Webhook-Id': 'replayed-as-cancel',
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { problem: 'topic-contradicts-body' },
    });
    expect(answer.accepted).toEqual([]);
    expect((await service.harness.readAll()).items.length).toBe(before);
  });
});
