import { call, type Inbound, type OrderPage, type Stock } from '../api.js';
import { failure, field, h, loading, show, when } from '../dom.js';
import { expectedText } from '../expected.js';
import { dataTable } from '../table.js';

/** A SKU's stock per warehouse, its expected supply, and the orders waiting for it in queue order. */
export const stockView = async (main: HTMLElement, query: URLSearchParams): Promise<void> => {
  const sku = query.get('sku') ?? '';
  const warehouse = query.get('warehouse') ?? '';
  const skuInput = h('input', { name: 'sku', value: sku, required: true, autocomplete: 'off' });
  const warehouseInput = h('input', { name: 'warehouse', value: warehouse, autocomplete: 'off' });
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': 'Find a SKU',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const params = new URLSearchParams({ sku: skuInput.value.trim() });
        if (warehouseInput.value.trim()) params.set('warehouse', warehouseInput.value.trim());
        location.hash = `#/stock?${params}`;
      },
    },
    field('SKU', skuInput),
    field('Warehouse (optional)', warehouseInput),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, 'Show stock')),
  );
  const results = h(
    'div',
    { 'aria-live': 'polite' },
    sku
      ? loading(`stock of ${sku}`)
      : h('p', { class: 'empty' }, 'Enter a SKU to see its stock, expected supply and waiting orders.'),
  );
  show(main, h('h1', null, sku ? `Stock of ${sku}` : 'Stock'), form, results);
  if (!sku) return;
  const scope = { sku, warehouse: warehouse || undefined };
  try {
    const [stock, inbound, waiting] = await Promise.all([
      call<Stock>('GET', '/stock', { query: scope }),
      call<Inbound>('GET', '/inbound', { query: scope }),
      call<OrderPage>('GET', '/orders', { query: { sku, warehouse: warehouse || undefined, limit: '50' } }),
    ]);
    const demand = waiting.orders
      .map((order) => ({ order, line: order.lines.find((line) => line.sku === sku && line.shortfall > 0) }))
      .filter((entry) => entry.line)
      .sort((a, b) => (a.line?.queuePosition ?? Infinity) - (b.line?.queuePosition ?? Infinity));
    show(
      results,
      h(
        'section',
        { 'aria-labelledby': 'levels-title' },
        h('h2', { id: 'levels-title' }, 'On hand'),
        stock.levels.length === 0
          ? h(
              'p',
              { class: 'empty' },
              `No stock of ${sku} has been received${warehouse ? ` in ${warehouse}` : ''}.`,
            )
          : dataTable(
              ['Warehouse', 'On hand', 'Allocated', 'Available'],
              stock.levels.map((level) =>
                h(
                  'tr',
                  null,
                  h('th', { scope: 'row' }, level.warehouseId),
                  h('td', null, level.onHand),
                  h('td', null, level.allocated),
                  h('td', null, level.available),
                ),
              ),
            ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'inbound-title' },
        h('h2', { id: 'inbound-title' }, 'Expected supply'),
        inbound.inbound.length === 0
          ? h('p', { class: 'empty' }, 'No supply is expected.')
          : h(
              'ul',
              null,
              inbound.inbound.map((supply) =>
                h(
                  'li',
                  null,
                  `${supply.outstanding} of ${supply.quantity} still to come into ${supply.warehouseId}, expected ${when(supply.eta)} (${supply.inboundId})`,
                ),
              ),
            ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'demand-title' },
        h('h2', { id: 'demand-title' }, 'Waiting demand'),
        demand.length === 0
          ? h('p', { class: 'empty' }, `No order is waiting for ${sku}.`)
          : h(
              'ol',
              null,
              demand.map(({ order, line }) =>
                h(
                  'li',
                  null,
                  line?.queuePosition !== undefined ? `#${line.queuePosition} ` : '',
                  h('a', { href: `#/orders/${encodeURIComponent(order.orderId)}` }, order.orderId),
                  ` short ${line?.shortfall} (${order.warehouseId})`,
                  line?.expectedBy !== undefined ? `, ${expectedText(line.expectedBy)}` : '',
                ),
              ),
            ),
        waiting.cursor && h('p', { class: 'muted' }, 'The first 50 waiting orders are shown.'),
      ),
    );
  } catch (error) {
    show(results, failure(error));
  }
};
