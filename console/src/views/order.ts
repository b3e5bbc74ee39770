import { call, type OrderDetail, type OrderSummary } from '../api.js';
import { failure, h, loading, show, when } from '../dom.js';
import { expectedText } from '../expected.js';
import { dataTable, scrollRegion } from '../table.js';
import { actPanel } from './acts.js';

type Entry = OrderDetail['history'][number];

const link = (order: OrderSummary) =>
  h('a', { href: `#/orders/${encodeURIComponent(order.orderId)}` }, order.orderId);

const linesTable = (detail: OrderDetail) =>
  scrollRegion(
    'Lines',
    dataTable(
      ['Line', 'SKU', 'Ordered', 'Allocated', 'Short', 'Place in queue', 'Expected'],
      detail.order.lines.map((line) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, line.lineId),
          h(
            'td',
            null,
            line.sku
              ? h('a', { href: `#/stock?sku=${encodeURIComponent(line.sku)}` }, line.sku)
              : (line.title ?? 'Not stock-managed'),
          ),
          h('td', null, line.quantity),
          h('td', null, line.allocated),
          h('td', { class: line.shortfall > 0 ? 'short' : undefined }, line.shortfall),
          h('td', null, line.queuePosition !== undefined ? `#${line.queuePosition}` : '—'),
          h('td', null, expectedText(line.expectedBy) ?? '—'),
        ),
      ),
    ),
  );

const family = (detail: OrderDetail) => {
  const { parent, backorders } = detail.family;
  if (!parent && backorders.length === 0) return h('p', null, 'This order has not been split.');
  return h(
    'ul',
    null,
    parent && h('li', null, 'Split from ', link(parent), ` (${parent.status})`),
    backorders.map((backorder) =>
      h(
        'li',
        null,
        'Backorder ',
        link(backorder),
        ` (${backorder.status}), short ${backorder.lines.reduce((sum, line) => sum + line.shortfall, 0)}`,
      ),
    ),
  );
};

const entryOf = (entry: Entry) =>
  h(
    'li',
    { value: String(entry.version) },
    h(
      'article',
      { 'aria-label': `Version ${entry.version}` },
      h('h3', null, h('time', { datetime: entry.at }, when(entry.at)), ` — ${entry.actions.join(', ')}`),
      h(
        'p',
        null,
        'By ',
        h('strong', null, entry.actor.id),
        ` (${entry.actor.kind})`,
        `: ${entry.statusBefore ?? 'new'} → ${entry.statusAfter}`,
      ),
      entry.reasons.length > 0 &&
        h(
          'ul',
          { class: 'reasons' },
          entry.reasons.map((reason) => h('li', null, reason)),
        ),
      entry.policy &&
        h(
          'details',
          null,
          h('summary', null, 'Policy in force'),
          dataTable(
            ['Setting', 'Value', 'From'],
            Object.entries(entry.policy.values).map(([name, value]) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, name),
                h('td', null, String(value)),
                h('td', null, entry.policy?.sources[name] ?? 'default'),
              ),
            ),
          ),
        ),
      h('p', { class: 'muted' }, `Trigger ${entry.triggerEventId}`),
    ),
  );

/** One order: its lines, allocations, split family, history, and the acts a person can do on it. */
export const orderView = async (main: HTMLElement, orderId: string): Promise<void> => {
  show(main, h('h1', null, `Order ${orderId}`), loading('the order'));
  try {
    const detail = await call<OrderDetail>('GET', `/orders/${encodeURIComponent(orderId)}`);
    const { order } = detail;
    show(
      main,
      h('p', { class: 'back' }, h('a', { href: '#/queue' }, '← Awaiting stock')),
      h(
        'h1',
        null,
        `Order ${order.orderId} `,
        h('span', { class: `status status-${order.status}` }, order.status),
      ),
      h(
        'dl',
        { class: 'facts' },
        h(
          'div',
          null,
          h('dt', null, 'Customer'),
          h('dd', null, order.customer.name ?? order.customer.email ?? '—'),
        ),
        h('div', null, h('dt', null, 'Channel'), h('dd', null, `${order.channel} ${order.channelOrderId}`)),
        h('div', null, h('dt', null, 'Warehouse'), h('dd', null, order.warehouseId)),
        h('div', null, h('dt', null, 'Created'), h('dd', null, when(order.createdAt))),
        order.shipBy && h('div', null, h('dt', null, 'Ship by'), h('dd', null, when(order.shipBy))),
        order.fillable && h('div', null, h('dt', null, 'Review'), h('dd', null, 'Fillable from stock now')),
      ),
      h(
        'section',
        { 'aria-labelledby': 'lines-title' },
        h('h2', { id: 'lines-title' }, 'Lines, allocations and shortfalls'),
        linesTable(detail),
      ),
      h(
        'section',
        { 'aria-labelledby': 'family-title' },
        h('h2', { id: 'family-title' }, 'Split family'),
        family(detail),
      ),
      h(
        'section',
        { 'aria-labelledby': 'act-title', class: 'acts' },
        h('h2', { id: 'act-title' }, 'Act on this order'),
        actPanel(
          () => [order.orderId],
          () => void orderView(main, orderId),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'history-title' },
        h('h2', { id: 'history-title' }, 'History'),
        h('ol', { class: 'timeline', reversed: true }, [...detail.history].reverse().map(entryOf)),
      ),
    );
  } catch (error) {
    show(
      main,
      h('h1', null, `Order ${orderId}`),
      failure(error),
      h('p', null, h('a', { href: '#/queue' }, 'Back to the queue')),
    );
  }
};
