import { call, type OrderPage, type OrderSummary, type Summary } from '../api.js';
import { ageOf, failure, field, h, loading, show, when } from '../dom.js';
import { expectedText } from '../expected.js';
import { dataTable, scrollRegion } from '../table.js';
import { actPanel } from './acts.js';

const FILTERS = [
  ['sku', 'SKU', 'text'],
  ['channel', 'Channel', 'text'],
  ['customer', 'Customer', 'text'],
  ['warehouse', 'Warehouse', 'text'],
  ['olderThanDays', 'Older than (days)', 'number'],
] as const;

const summaryBlock = (summary: Summary) =>
  h(
    'section',
    { 'aria-labelledby': 'summary-title', class: 'summary' },
    h('h2', { id: 'summary-title' }, 'Right now'),
    h(
      'dl',
      { class: 'counts' },
      h('div', null, h('dt', null, 'Orders waiting'), h('dd', null, summary.waitingOrders)),
      h(
        'div',
        null,
        h('dt', null, 'Fillable now'),
        h('dd', null, h('a', { href: '#/fillable' }, summary.fillableNow)),
      ),
      h('div', null, h('dt', null, 'Ready to pick'), h('dd', null, summary.readyToPick)),
      h(
        'div',
        null,
        h('dt', null, 'Oldest waiting'),
        h(
          'dd',
          null,
          summary.oldestWaiting
            ? h(
                'a',
                { href: `#/orders/${encodeURIComponent(summary.oldestWaiting.orderId)}` },
                ageOf(summary.oldestWaiting.ageSeconds),
              )
            : '—',
        ),
      ),
    ),
    summary.shortBySku.length > 0 &&
      h(
        'details',
        null,
        h(
          'summary',
          null,
          `Units short in ${summary.shortBySku.length} SKU${summary.shortBySku.length === 1 ? '' : 's'}`,
        ),
        h(
          'ul',
          { class: 'short-list' },
          summary.shortBySku.slice(0, 20).map((short) =>
            h(
              'li',
              null,
              h(
                'a',
                {
                  href: `#/stock?sku=${encodeURIComponent(short.sku)}&warehouse=${encodeURIComponent(short.warehouseId)}`,
                },
                short.sku,
              ),
              ` (${short.warehouseId}): ${short.units} short across ${short.orders} order${short.orders === 1 ? '' : 's'}`,
            ),
          ),
        ),
      ),
  );

const linesOf = (order: OrderSummary) =>
  h(
    'ul',
    { class: 'lines' },
    order.lines.map((line) =>
      h(
        'li',
        null,
        h('span', { class: 'sku' }, line.sku ?? line.title ?? 'Not stock-managed'),
        ` × ${line.quantity}`,
        line.shortfall > 0 && h('span', { class: 'short' }, ` · short ${line.shortfall}`),
        line.queuePosition !== undefined &&
          h('span', { class: 'position' }, ` · #${line.queuePosition} in queue`),
        line.expectedBy !== undefined &&
          h('span', { class: 'expected' }, ` · ${expectedText(line.expectedBy)}`),
      ),
    ),
  );

/** The Awaiting Stock queue, or the fillable-now review queue, with filters, counts and acts. */
export const queueView = async (
  main: HTMLElement,
  query: URLSearchParams,
  kind: 'waiting' | 'fillable',
): Promise<void> => {
  const title = kind === 'fillable' ? 'Fillable now' : 'Awaiting stock';
  const base = kind === 'fillable' ? '#/fillable' : '#/queue';
  const selected = new Set<string>();
  const summarySlot = h('div', null, loading('the counts'));
  const listSlot = h('div', { 'aria-live': 'polite' }, loading('orders'));
  const selectionNote = h('p', { class: 'selection', role: 'status' }, 'No orders selected.');
  const noteSelection = () => {
    selectionNote.textContent =
      selected.size === 0
        ? 'No orders selected.'
        : `${selected.size} order${selected.size === 1 ? '' : 's'} selected.`;
  };

  const inputs = Object.fromEntries(
    FILTERS.map(([name, , type]) => [
      name,
      h('input', {
        name,
        type,
        value: query.get(name) ?? '',
        ...(type === 'number' ? { min: '0', inputmode: 'numeric' } : {}),
      }),
    ]),
  ) as Record<(typeof FILTERS)[number][0], HTMLInputElement>;
  const sort = h(
    'select',
    { name: 'sort' },
    h('option', { value: 'oldest' }, 'Oldest first'),
    h('option', { value: 'newest' }, 'Newest first'),
  );
  sort.value = query.get('sort') ?? 'oldest';

  const filterForm = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': 'Filter orders',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const [name, input] of Object.entries(inputs))
          if (input.value.trim()) params.set(name, input.value.trim());
        if (sort.value !== 'oldest') params.set('sort', sort.value);
        location.hash = `${base}?${params}`;
      },
    },
    FILTERS.map(([name, label]) => field(label, inputs[name])),
    field('Order', sort),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, 'Apply filters'),
      h('a', { href: base, class: 'button quiet' }, 'Clear'),
    ),
  );

  const reload = () => void queueView(main, query, kind);

  show(
    main,
    h('h1', null, title),
    kind === 'fillable' &&
      h(
        'p',
        null,
        'Waiting orders the stock on hand could fill now: allocate them, or leave them for later.',
      ),
    summarySlot,
    h(
      'section',
      { 'aria-labelledby': 'filter-title' },
      h('h2', { id: 'filter-title', class: 'visually-hidden' }, 'Filters'),
      filterForm,
    ),
    h('section', { 'aria-labelledby': 'orders-title' }, h('h2', { id: 'orders-title' }, 'Orders'), listSlot),
    h(
      'section',
      { 'aria-labelledby': 'acts-title', class: 'acts' },
      h('h2', { id: 'acts-title' }, 'Act on the selected orders'),
      selectionNote,
      actPanel(() => [...selected], reload),
    ),
  );

  call<Summary>('GET', '/summary', { query: { warehouse: query.get('warehouse') ?? undefined } })
    .then((summary) => show(summarySlot, summaryBlock(summary)))
    .catch((error) => show(summarySlot, failure(error)));

  const rows = h('tbody');
  const selectAll = h('input', { type: 'checkbox', 'aria-label': 'Select every order shown' });
  const more = h('div');
  const addRows = (orders: OrderSummary[]) => {
    for (const order of orders) {
      const box = h('input', {
        type: 'checkbox',
        'aria-label': `Select order ${order.orderId}`,
        'data-order': order.orderId,
        onchange: (event: Event) => {
          if ((event.target as HTMLInputElement).checked) selected.add(order.orderId);
          else selected.delete(order.orderId);
          noteSelection();
        },
      });
      rows.append(
        h(
          'tr',
          null,
          h('td', { class: 'pick' }, box),
          h(
            'th',
            { scope: 'row' },
            h('a', { href: `#/orders/${encodeURIComponent(order.orderId)}` }, order.orderId),
          ),
          h('td', null, h('time', { datetime: order.createdAt }, when(order.createdAt))),
          h('td', null, order.customer.name ?? order.customer.email ?? order.customer.id ?? '—'),
          h('td', null, order.channel),
          h('td', null, order.warehouseId),
          h('td', null, linesOf(order)),
        ),
      );
    }
  };
  selectAll.addEventListener('change', () => {
    for (const box of rows.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      box.checked = selectAll.checked;
      const id = box.dataset.order as string;
      if (selectAll.checked) selected.add(id);
      else selected.delete(id);
    }
    noteSelection();
  });

  const load = async (cursor?: string) => {
    const filters = Object.fromEntries(FILTERS.map(([name]) => [name, query.get(name) ?? undefined]));
    const page = await call<OrderPage>('GET', '/orders', {
      query: {
        ...filters,
        sort: query.get('sort') ?? undefined,
        fillable: kind === 'fillable' ? 'true' : undefined,
        limit: '25',
        cursor,
      },
    });
    addRows(page.orders);
    show(
      more,
      page.cursor &&
        h(
          'button',
          {
            type: 'button',
            onclick: () => void load(page.cursor).catch((error) => show(more, failure(error))),
          },
          'Show more orders',
        ),
    );
    return page;
  };

  try {
    const first = await load();
    if (first.orders.length === 0) {
      const filtered = [...query.keys()].length > 0;
      show(
        listSlot,
        h(
          'p',
          { class: 'empty' },
          filtered
            ? 'No orders match these filters. Clear them to see the whole queue.'
            : kind === 'fillable'
              ? 'No waiting order can be filled from the stock on hand right now.'
              : 'No orders are awaiting stock. Everything received has been allocated.',
        ),
      );
      return;
    }
    show(
      listSlot,
      scrollRegion(
        `${title} orders`,
        dataTable(
          [
            h('td', { class: 'pick' }, selectAll),
            'Order',
            'Created',
            'Customer',
            'Channel',
            'Warehouse',
            'Lines: short, and place in the SKU queue',
          ],
          rows,
          { class: 'orders' },
        ),
      ),
      more,
    );
  } catch (error) {
    show(listSlot, failure(error));
  }
};
