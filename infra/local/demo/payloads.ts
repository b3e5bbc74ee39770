/**
 * Webhook bodies in the shapes the platforms send: a Shopify REST order (as in `orders/create`)
 * and a WooCommerce REST v3 order (what `order.*` webhooks carry). They hold the fields a real
 * delivery has around the ones the service reads, so the demo exercises the same parsing a store
 * does; amounts are plausible but nothing reads them.
 */

export interface DemoCustomer {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly city: string;
}

export interface DemoLine {
  readonly id: string;
  /** `''` for a line the store does not stock-manage (gift card, gift wrap), as platforms send it. */
  readonly sku: string;
  readonly title: string;
  readonly quantity: number;
  readonly price: string;
  readonly giftCard?: boolean;
}

export interface DemoOrder {
  readonly id: string;
  /** The store's order number, shown to the customer (`#1001`). */
  readonly number: number;
  readonly createdAt: Date;
  readonly customer: DemoCustomer;
  readonly lines: readonly DemoLine[];
}

/** Shopify writes times in the shop's zone with an offset, and without milliseconds. */
const shopifyTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, '+00:00');
/** WooCommerce's `*_gmt` times are UTC without a zone. */
const wooGmtTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, '');

const total = (lines: readonly DemoLine[]): string =>
  lines.reduce((sum, line) => sum + Number(line.price) * line.quantity, 0).toFixed(2);

const money = (amount: string) => ({
  shop_money: { amount, currency_code: 'USD' },
  presentment_money: { amount, currency_code: 'USD' },
});

const shopifyAddress = (customer: DemoCustomer) => ({
  first_name: customer.firstName,
  last_name: customer.lastName,
  name: `${customer.firstName} ${customer.lastName}`,
  address1: '12 Market Street',
  address2: null,
  city: customer.city,
  province: null,
  zip: '10001',
  country: 'United States',
  country_code: 'US',
  phone: customer.phone,
  company: null,
});

/** A Shopify order; `cancelledAt` makes it the body of `orders/cancelled`. */
export function shopifyOrder(order: DemoOrder, cancelledAt?: Date) {
  const price = total(order.lines);
  const { customer } = order;
  return {
    id: Number(order.id),
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    app_id: 580111,
    browser_ip: '203.0.113.7',
    buyer_accepts_marketing: false,
    cancel_reason: cancelledAt ? 'customer' : null,
    cancelled_at: cancelledAt ? shopifyTime(cancelledAt) : null,
    closed_at: null,
    confirmed: true,
    contact_email: customer.email,
    created_at: shopifyTime(order.createdAt),
    currency: 'USD',
    current_total_price: price,
    current_total_price_set: money(price),
    email: customer.email,
    financial_status: cancelledAt ? 'refunded' : 'paid',
    fulfillment_status: null,
    name: `#${order.number}`,
    note: null,
    note_attributes: [],
    number: order.number - 1000,
    order_number: order.number,
    phone: customer.phone,
    processed_at: shopifyTime(order.createdAt),
    source_name: 'web',
    subtotal_price: price,
    tags: '',
    test: false,
    total_price: price,
    total_price_set: money(price),
    updated_at: shopifyTime(cancelledAt ?? order.createdAt),
    customer: {
      id: Number(customer.id),
      email: customer.email,
      first_name: customer.firstName,
      last_name: customer.lastName,
      phone: customer.phone,
      state: 'enabled',
      verified_email: true,
      currency: 'USD',
    },
    line_items: order.lines.map((line) => ({
      id: Number(line.id),
      admin_graphql_api_id: `gid://shopify/LineItem/${line.id}`,
      current_quantity: cancelledAt ? 0 : line.quantity,
      fulfillable_quantity: cancelledAt ? 0 : line.quantity,
      fulfillment_service: 'manual',
      fulfillment_status: null,
      gift_card: line.giftCard ?? false,
      grams: line.giftCard ? 0 : 350,
      name: line.title,
      price: line.price,
      price_set: money(line.price),
      product_exists: true,
      properties: [],
      quantity: line.quantity,
      requires_shipping: !line.giftCard,
      sku: line.sku,
      taxable: true,
      title: line.title,
      total_discount: '0.00',
      variant_inventory_management: line.giftCard ? null : 'shopify',
      vendor: 'Demo Store',
    })),
    billing_address: shopifyAddress(customer),
    shipping_address: shopifyAddress(customer),
    shipping_lines: [{ id: Number(`${order.id}9`), title: 'Standard', price: '5.00', code: 'STANDARD' }],
  };
}

const wooAddress = (customer: DemoCustomer) => ({
  first_name: customer.firstName,
  last_name: customer.lastName,
  company: '',
  address_1: '969 Market',
  address_2: '',
  city: customer.city,
  state: 'CA',
  postcode: '94103',
  country: 'US',
});

/** A WooCommerce order (REST v3); `status` `cancelled` in an `order.updated` cancels it. */
export function wooCommerceOrder(order: DemoOrder, status = 'processing') {
  const { customer } = order;
  const price = total(order.lines);
  return {
    id: Number(order.id),
    parent_id: 0,
    number: String(order.id),
    order_key: `wc_order_${order.id}`,
    created_via: 'checkout',
    version: '8.5.2',
    status,
    currency: 'USD',
    date_created: wooGmtTime(order.createdAt),
    date_created_gmt: wooGmtTime(order.createdAt),
    date_modified: wooGmtTime(order.createdAt),
    date_modified_gmt: wooGmtTime(order.createdAt),
    discount_total: '0.00',
    shipping_total: '5.00',
    total: price,
    total_tax: '0.00',
    prices_include_tax: false,
    customer_id: Number(customer.id),
    customer_note: '',
    billing: { ...wooAddress(customer), email: customer.email, phone: customer.phone ?? '' },
    shipping: wooAddress(customer),
    payment_method: 'bacs',
    payment_method_title: 'Direct Bank Transfer',
    date_paid_gmt: wooGmtTime(order.createdAt),
    meta_data: [],
    line_items: order.lines.map((line) => ({
      id: Number(line.id),
      name: line.title,
      product_id: Number(line.id) + 1,
      variation_id: 0,
      quantity: line.quantity,
      tax_class: '',
      subtotal: (Number(line.price) * line.quantity).toFixed(2),
      total: (Number(line.price) * line.quantity).toFixed(2),
      taxes: [],
      meta_data: [],
      sku: line.sku,
      price: Number(line.price),
    })),
    shipping_lines: [
      { id: Number(`${order.id}9`), method_title: 'Flat Rate', method_id: 'flat_rate', total: '5.00' },
    ],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
  };
}
