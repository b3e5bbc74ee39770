import { type BulkAnswer, type BulkResult, call } from '../api.js';
import { failure, field, h, show } from '../dom.js';

const ACTS = [
  ['allocate', 'Allocate what each order is short'],
  ['hold', 'Hold'],
  ['unhold', 'Release the hold'],
  ['release', 'Release allocations'],
  ['split', 'Split: ship what is held'],
  ['cancel', 'Cancel'],
] as const;

const PAST: Record<string, string> = {
  allocate: 'allocated',
  hold: 'held',
  unhold: 'no longer on hold',
  release: 'released',
  split: 'split',
  cancel: 'cancelled',
};

const previewOf = (result: BulkResult) => {
  if (result.outcome === 'refused') {
    return h(
      'li',
      { class: 'refused' },
      h('strong', null, result.orderId),
      `: would be refused. ${result.error.message}`,
    );
  }
  if (result.outcome !== 'dryRun')
    return h('li', null, h('strong', null, result.orderId), `: ${result.outcome}`);
  return h(
    'li',
    null,
    h('strong', null, result.orderId),
    result.orders.map((order) =>
      h('p', null, `${order.orderId}: ${order.statusBefore ?? 'new'} → ${order.statusAfter}`),
    ),
    h(
      'ul',
      null,
      result.explanation.map((line) => h('li', null, line)),
    ),
  );
};

const outcomeOf = (act: string, result: BulkResult) => {
  if (result.outcome === 'refused') {
    return h(
      'li',
      { class: 'refused' },
      h('strong', null, result.orderId),
      `: refused. ${result.error.message}`,
    );
  }
  if (result.outcome === 'duplicate')
    return h('li', null, h('strong', null, result.orderId), ': already done by this request.');
  if (result.outcome !== 'applied') return h('li', null, result.orderId);
  const own = result.orders.find((order) => order.orderId === result.orderId);
  return h(
    'li',
    { class: 'applied' },
    h('strong', null, result.orderId),
    `: ${PAST[act]}${own ? `, now ${own.status}` : ''}.`,
    result.orders.length > 1 &&
      ` Also changed: ${result.orders
        .filter((o) => o.orderId !== result.orderId)
        .map((o) => `${o.orderId} (${o.status})`)
        .join(', ')}.`,
  );
};

/**
 * An act on one order or a selection: chosen with a reason, previewed by the API's dry run, then
 * confirmed; the answer is listed order by order (a refusal with the API's message).
 */
export const actPanel = (
  orderIds: () => string[],
  done: () => void,
  only?: readonly string[],
): HTMLElement => {
  const act = h(
    'select',
    { name: 'act' },
    ACTS.filter(([name]) => !only || only.includes(name)).map(([name, label]) =>
      h('option', { value: name }, label),
    ),
  );
  const reason = h('input', {
    name: 'reason',
    type: 'text',
    required: true,
    maxlength: '1000',
    autocomplete: 'off',
  });
  const outcome = h('div', { class: 'outcome' });
  const heading = (text: string) => h('h3', { tabindex: '-1' }, text);

  const run = async (dryRun: boolean, ids: string[], name: string, why: string) =>
    call<BulkAnswer>('POST', '/orders/acts', { body: { act: name, orderIds: ids, reason: why, dryRun } });

  const confirm = async (ids: string[], name: string, why: string) => {
    show(outcome, h('p', { role: 'status', class: 'loading' }, 'Applying…'));
    try {
      const answer = await run(false, ids, name, why);
      const title = heading(`Done: ${answer.counts.applied} applied, ${answer.counts.refused} refused`);
      show(
        outcome,
        h(
          'section',
          { 'aria-label': 'Results', class: 'results' },
          title,
          h(
            'ul',
            null,
            answer.results.map((result) => outcomeOf(name, result)),
          ),
          h('button', { type: 'button', onclick: done }, 'Refresh'),
        ),
      );
      title.focus();
    } catch (error) {
      show(outcome, failure(error));
    }
  };

  const preview = async (event: Event) => {
    event.preventDefault();
    const ids = orderIds();
    const why = reason.value.trim();
    if (ids.length === 0) {
      show(outcome, h('p', { class: 'error', role: 'alert' }, 'Select at least one order first.'));
      return;
    }
    if (!why) {
      show(
        outcome,
        h('p', { class: 'error', role: 'alert' }, 'Give a reason: it is recorded in each order’s history.'),
      );
      reason.focus();
      return;
    }
    const name = act.value;
    show(outcome, h('p', { role: 'status', class: 'loading' }, 'Preparing the preview…'));
    try {
      const answer = await run(true, ids, name, why);
      const label = ACTS.find(([each]) => each === name)?.[1] ?? name;
      const title = heading(`Preview: ${label} on ${ids.length} order${ids.length === 1 ? '' : 's'}`);
      const possible = answer.counts.dryRun;
      show(
        outcome,
        h(
          'section',
          { 'aria-label': 'Preview', class: 'preview' },
          title,
          h(
            'p',
            null,
            possible === ids.length
              ? 'Nothing has changed yet. This is what would happen:'
              : `Nothing has changed yet. ${possible} of ${ids.length} can go ahead:`,
          ),
          h('ul', null, answer.results.map(previewOf)),
          h(
            'div',
            { class: 'buttons' },
            possible > 0 &&
              h(
                'button',
                { type: 'button', onclick: () => void confirm(ids, name, why) },
                `Confirm: ${label}`,
              ),
            h('button', { type: 'button', class: 'quiet', onclick: () => show(outcome) }, 'Cancel'),
          ),
        ),
      );
      title.focus();
    } catch (error) {
      show(outcome, failure(error));
    }
  };

  return h(
    'form',
    { class: 'act-form', onsubmit: preview },
    h(
      'div',
      { class: 'row' },
      field('Act', act),
      field('Reason', reason, 'Recorded with your name in each order’s history.'),
    ),
    h('button', { type: 'submit', class: 'preview-button' }, 'Preview'),
    outcome,
  );
};
