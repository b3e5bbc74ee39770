import { buildNotification } from '../../../shared/notifications/build-notification.js';
import {
  awaitingStock,
  backorder,
  backorderFulfilled,
  backorderOverdue,
  CUSTOMER,
  changeRefused,
  INBOUND,
  order,
  orderSplit,
} from './notification-fixtures.js';

const personalData = [CUSTOMER.name, CUSTOMER.email, CUSTOMER.phone];

describe('Order Awaiting Stock', () => {
  const notification = buildNotification(awaitingStock(), order(), INBOUND);

  it('tells a person what is missing and when it is expected', () => {
    expect(notification.message.email).toMatchSnapshot();
    expect(notification.message.email).toContain('#1001 (our id shopify-1001) for Ada Lovelace');
    expect(notification.message.email).toContain('- MUG-BLUE × 2 (Blue mug), expected by 3 Dec');
    expect(notification.message.email).toContain('- TEE-L × 2 (T-shirt, large), no expected arrival yet');
  });

  it('fits the same in one SMS', () => {
    expect(notification.message.sms).toMatchSnapshot();
  });

  it('has a subject and the attributes filter policies match on', () => {
    expect(notification.subject).toBe('Order #1001 is awaiting stock (2 SKUs short)');
    expect(notification.attributes).toEqual({
      eventType: 'Order Awaiting Stock',
      tenantId: 't1',
      channel: 'shopify',
      warehouseId: 'main',
    });
  });

  it('gives machines the event and the expected arrivals, and nobody personal data they need not have', () => {
    const machine = JSON.parse(notification.message.default);
    expect(machine).toEqual({
      eventType: 'Order Awaiting Stock',
      detail: awaitingStock().detail,
      expectedArrivals: [
        { sku: 'MUG-BLUE', units: 2, date: '2026-12-03' },
        { sku: 'TEE-L', units: 2 },
      ],
    });
    for (const data of personalData) expect(notification.message.default).not.toContain(data);
    for (const data of personalData) expect(notification.subject).not.toContain(data);
    expect(notification.message.email).not.toContain(CUSTOMER.email);
    expect(notification.message.email).not.toContain(CUSTOMER.phone);
  });

  it('adds up two lines of one SKU before looking for supply that covers them', () => {
    const twice = awaitingStock({
      missing: [
        { lineId: '1', sku: 'MUG-BLUE', quantity: 1 },
        { lineId: '4', sku: 'MUG-BLUE', quantity: 6 },
      ],
    });
    const { message } = buildNotification(twice, order(), INBOUND);
    expect(message.email).toContain('- MUG-BLUE × 7 (Blue mug), no expected arrival yet');
  });
});

describe('a line promised a date in its SKU queue (DESIGN §15)', () => {
  it('is expected by the date it is promised, not by the earliest the supply could be there', () => {
    const promised = new Map([['MUG-BLUE', '2026-12-10T00:00:00.000Z']]);
    const { message } = buildNotification(awaitingStock(), order(), INBOUND, promised);
    expect(message.email).toContain('- MUG-BLUE × 2 (Blue mug), expected by 10 Dec');
    expect(message.sms).toContain('MUG-BLUE x2 (by 10 Dec)');
    expect(JSON.parse(message.default).expectedArrivals).toContainEqual({
      sku: 'MUG-BLUE',
      units: 2,
      date: '2026-12-10',
    });
  });

  it('has no expected date when the orders ahead take all the open supply', () => {
    const { message } = buildNotification(awaitingStock(), order(), INBOUND, new Map([['MUG-BLUE', null]]));
    expect(message.email).toContain('- MUG-BLUE × 2 (Blue mug), no expected arrival yet');
  });
});

describe('Order Split', () => {
  const notification = buildNotification(orderSplit(), order(), INBOUND);

  it('tells what ships now and what waits on which backorder until when', () => {
    expect(notification.message.email).toMatchSnapshot();
    expect(notification.message.email).toContain('Waits on backorder shopify-1001-BO1:');
  });

  it('fits the same in one SMS, with no date while any SKU has none', () => {
    expect(notification.message.sms).toMatchSnapshot();
    expect(notification.message.sms).not.toContain('(by ');
  });

  it('gives the date the whole backorder is expected by when every SKU has one', () => {
    const inbound = [...INBOUND, { ...INBOUND[0], inboundId: 'PO-TEE', sku: 'TEE-L', eta: '2026-12-05' }];
    const { message } = buildNotification(orderSplit(), order(), inbound as typeof INBOUND);
    expect(message.sms).toMatchSnapshot();
    expect(message.sms).toContain('(by 5 Dec)');
  });

  it('has a subject and the attributes filter policies match on', () => {
    expect(notification.subject).toBe(
      'Order #1001 was split: 1 unit ships now, 4 wait on backorder shopify-1001-BO1',
    );
    expect(notification.attributes).toEqual({
      eventType: 'Order Split',
      tenantId: 't1',
      channel: 'shopify',
      warehouseId: 'main',
    });
  });
});

describe('Backorder Fulfilled', () => {
  const notification = buildNotification(backorderFulfilled(), backorder(), []);

  it('names the backorder and the order it came from', () => {
    expect(notification.message.email).toMatchSnapshot();
    expect(notification.message.email).toContain(
      'Backorder shopify-1001-BO1 of order #1001 for Ada Lovelace',
    );
  });

  it('fits the same in one SMS', () => {
    expect(notification.message.sms).toMatchSnapshot();
  });

  it('has a subject and the attributes filter policies match on', () => {
    expect(notification.subject).toBe('Order #1001: backorder shopify-1001-BO1 is ready to pick');
    expect(notification.attributes).toEqual({
      eventType: 'Backorder Fulfilled',
      tenantId: 't1',
      channel: 'shopify',
      warehouseId: 'main',
    });
  });

  it('speaks of the order itself when it was never split', () => {
    const event = backorderFulfilled({ orderId: 'shopify-1001', parentId: undefined });
    const { message, subject } = buildNotification(event, order({ status: 'ReadyToPick' }), []);
    expect(message.sms).toBe('Order #1001 for Ada Lovelace is now fully in stock and ready to pick.');
    expect(subject).toBe('Order #1001 is ready to pick');
  });
});

describe('Backorder Overdue', () => {
  const notification = buildNotification(backorderOverdue(), order(), INBOUND);

  it('tells a person how long the order has waited and what it still waits for', () => {
    expect(notification.message.email.split('\n')[0]).toBe(
      'Order #1001 (our id shopify-1001) for Ada Lovelace is overdue: it has waited 12 days for stock (since 2026-11-28T09:00:00.000Z), past the 10 days your policy allows.',
    );
    expect(notification.message.email).toContain(
      'Still missing:\n- MUG-BLUE × 2 (Blue mug), expected by 3 Dec',
    );
    expect(notification.message.email).toContain('- TEE-L × 2 (T-shirt, large), no expected arrival yet');
  });

  it('fits the order, the days and the SKUs short in one SMS', () => {
    expect(notification.message.sms).toBe(
      'Order #1001 for Ada Lovelace is overdue, waiting 12 days: MUG-BLUE x2 (by 3 Dec), TEE-L x2.',
    );
  });

  it('names a backorder and its order', () => {
    const event = backorderOverdue({ orderId: 'shopify-1001-BO1', parentId: 'shopify-1001', daysWaiting: 1 });
    const { message, subject } = buildNotification(event, backorder(), INBOUND);
    expect(message.sms).toMatch(
      /^Order #1001 for Ada Lovelace: backorder shopify-1001-BO1 is overdue, waiting 1 day: /,
    );
    expect(subject).toBe('Order #1001: backorder shopify-1001-BO1 is overdue: waiting 1 day (2 SKUs short)');
  });

  it('has a subject and the eventType recipients who asked for Overdue filter on', () => {
    expect(notification.subject).toBe('Order #1001 is overdue: waiting 12 days (2 SKUs short)');
    expect(notification.attributes).toEqual({
      eventType: 'Backorder Overdue',
      tenantId: 't1',
      channel: 'shopify',
      warehouseId: 'main',
    });
    for (const data of personalData) expect(notification.message.default).not.toContain(data);
  });
});

describe('Order Change Refused', () => {
  const notification = buildNotification(changeRefused(), order({ status: 'InFulfilment' }), []);

  it('tells a person that the channel’s change was not applied, why, and to which lines', () => {
    expect(notification.message.email).toBe(
      [
        "Order #1001 (our id shopify-1001) for Ada Lovelace: the channel's cancellation was not applied, and the order kept its lines. Please check it with the channel.",
        '',
        'Cancelled by the channel. Refused: the order is being picked, so it keeps its lines.',
        '',
        'Lines:',
        '- MUG-BLUE (line 1): has 2, the channel asks for 0',
        '- no SKU (line 3): has 1, the channel asks for 0',
        '',
        'Channel: shopify',
        'Warehouse: main',
        'Event: evt-9:shopify-1001:change-refused at 2026-11-28T10:00:00.000Z',
        '',
      ].join('\n'),
    );
  });

  it('fits in one SMS and a subject, for a cancellation and for an update', () => {
    expect(notification.message.sms).toBe(
      'Order #1001 for Ada Lovelace: channel cancellation not applied, the order kept its lines. Please check.',
    );
    expect(notification.subject).toBe('Order #1001: channel cancellation not applied');
    const update = buildNotification(changeRefused({ change: 'update' }), order(), []);
    expect(update.subject).toBe('Order #1001: channel change not applied');
  });

  it('carries the eventType recipients who asked for ChangeRefused filter on', () => {
    expect(notification.attributes).toEqual({
      eventType: 'Order Change Refused',
      tenantId: 't1',
      channel: 'shopify',
      warehouseId: 'main',
    });
  });
});

describe('what an order leaves out', () => {
  it('goes without a customer name and a channel order number', () => {
    const event = awaitingStock({ channelOrderId: '', channel: '' });
    const { message, subject, attributes } = buildNotification(event, order({ customer: {} }), []);
    expect(message.email.split('\n')[0]).toBe('Order shopify-1001 is awaiting stock.');
    expect(message.sms).toBe('Order shopify-1001 is awaiting stock: MUG-BLUE x2, TEE-L x2.');
    expect(subject).toBe('Order shopify-1001 is awaiting stock (2 SKUs short)');
    // SNS refuses an empty attribute value: a filter on the channel simply does not match.
    expect(attributes).toEqual({ eventType: 'Order Awaiting Stock', tenantId: 't1', warehouseId: 'main' });
  });

  it('keeps a name with a line break on one line', () => {
    const { message } = buildNotification(
      awaitingStock(),
      order({ customer: { name: 'Ada\nLovelace\t' } }),
      [],
    );
    expect(message.sms).toMatch(/^Order #1001 for Ada Lovelace is awaiting stock/);
    expect(message.email.split('\n')[0]).toContain('for Ada Lovelace is awaiting stock.');
  });
});
