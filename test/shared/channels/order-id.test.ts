import fc from 'fast-check';
import { channelOrderId } from '../../../shared/channels/order-id.js';
import { InvalidInputError } from '../../../shared/domain/errors.js';
import { incomingOrderSchema } from '../../../shared/domain/inputs.js';

const orderIdSchema = incomingOrderSchema.shape.orderId;

describe('channelOrderId', () => {
  it('prefixes the channel and keeps safe ids as they are', () => {
    expect(channelOrderId('shopify', '820982911946154508')).toBe('shopify-820982911946154508');
    expect(channelOrderId('woocommerce', '727')).toBe('woocommerce-727');
    expect(channelOrderId('orders', 'SO-2024.001_a')).toBe('orders-SO-2024.001_a');
  });

  it('escapes key separators and other unsafe characters', () => {
    expect(channelOrderId('shopify', '#1001')).toBe('shopify-~00231001');
    expect(channelOrderId('orders', 'a/b c~')).toBe('orders-a~002Fb~0020c~007E');
  });

  it('never ends like a backorder id', () => {
    expect(channelOrderId('orders', 'A-BO1')).toBe('orders-A-BO1~');
    // The dash after the channel counts too.
    expect(channelOrderId('orders', 'BO12')).toBe('orders-BO12~');
    expect(channelOrderId('orders', 'A-BO')).toBe('orders-A-BO');
    expect(orderIdSchema.safeParse(channelOrderId('orders', 'x-BO7')).success).toBe(true);
  });

  it('refuses a channel name that would make ids ambiguous', () => {
    for (const channel of ['', 'my-erp', 'a#b', 'x'.repeat(51)])
      expect(() => channelOrderId(channel, '1')).toThrow(InvalidInputError);
  });

  it('gives distinct ids distinct, safe order ids', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        const [idA, idB] = [channelOrderId('orders', a), channelOrderId('orders', b)];
        expect(idA === idB).toBe(a === b);
        expect(idA).toMatch(/^orders-[A-Za-z0-9._~-]*$/);
        expect(idA).not.toMatch(/-BO\d+$/);
        expect(orderIdSchema.safeParse(idA).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
