import { headerValue } from '../../../shared/channels/headers.js';

describe('headerValue', () => {
  it('finds a header in any letter case, as API Gateway v2 lowercases names', () => {
    const headers = { 'x-shopify-topic': 'orders/create', 'X-WC-Webhook-Topic': 'order.created' };
    expect(headerValue(headers, 'X-Shopify-Topic')).toBe('orders/create');
    expect(headerValue(headers, 'x-wc-webhook-topic')).toBe('order.created');
  });

  it('answers undefined for an absent header, an undefined value or no headers at all', () => {
    expect(headerValue({ 'x-signature': undefined }, 'X-Signature')).toBeUndefined();
    expect(headerValue({}, 'X-Signature')).toBeUndefined();
    expect(headerValue(undefined, 'X-Signature')).toBeUndefined();
  });
});
