import type { RecipientEventType } from '../../../shared/recipients/recipient.js';
import { call, type Recipient, type RecipientList } from '../api.js';
import { failure, h, loading, show, when } from '../dom.js';
import { dataTable, scrollRegion } from '../table.js';
import { recipientForm } from './recipient-form.js';

const EVENT_LABELS: Record<RecipientEventType, string> = {
  AwaitingStock: 'Awaiting stock',
  Split: 'Split',
  BackorderFulfilled: 'Backorder fulfilled',
  ChangeRefused: 'Change refused',
  Overdue: 'Overdue',
};

const filtersOf = (recipient: Recipient): string =>
  [
    recipient.channel ? `Channel: ${recipient.channel.join(', ')}` : '',
    recipient.warehouseId ? `Warehouse: ${recipient.warehouseId.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ') || 'All channels and warehouses';

/**
 * The tenant's notification recipients (DESIGN §12, §13): who is told of which events, with their
 * filters and state; a form to add one (recipient-form.ts); removal after a confirmation.
 */
export const recipientsView = async (main: HTMLElement, notice?: string): Promise<void> => {
  const title = h('h1', null, 'Notification recipients');
  show(main, title, loading('the recipients'));
  let recipients: Recipient[];
  try {
    recipients = (await call<RecipientList>('GET', '/notifications/recipients')).recipients;
  } catch (error) {
    show(main, title, failure(error));
    return;
  }
  const status = h('p', { role: 'status', class: 'notice' }, notice ?? '');
  show(
    main,
    title,
    h(
      'p',
      null,
      'People told by email or SMS about this tenant’s orders. An email address receives nothing until it confirms the subscription from the message it is sent.',
    ),
    status,
    recipientTable(main, recipients),
    recipientForm(EVENT_LABELS, (added) =>
      recipientsView(
        main,
        added.state === 'pending'
          ? `${added.endpoint} was added. It is pending until the address confirms.`
          : `${added.endpoint} was added.`,
      ),
    ),
  );
};

const recipientTable = (main: HTMLElement, recipients: Recipient[]): HTMLElement =>
  h(
    'section',
    { 'aria-labelledby': 'recipients-title' },
    h('h2', { id: 'recipients-title' }, `Recipients (${recipients.length})`),
    recipients.length === 0
      ? h('p', null, 'Nobody is notified yet.')
      : scrollRegion(
          'Recipients',
          dataTable(
            ['Endpoint', 'Protocol', 'Event types', 'Filters', 'State', 'Added', 'Actions'],
            recipients.map((recipient) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, recipient.endpoint),
                h('td', null, recipient.protocol === 'sms' ? 'SMS' : 'Email'),
                h('td', null, recipient.eventTypes.map((type) => EVENT_LABELS[type]).join(', ')),
                h('td', null, filtersOf(recipient)),
                h('td', null, h('span', { class: `state state-${recipient.state}` }, recipient.state)),
                h('td', null, when(recipient.createdAt)),
                h(
                  'td',
                  null,
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'quiet',
                      'aria-label': `Remove ${recipient.endpoint}`,
                      onclick: () => confirmRemoval(main, recipient),
                    },
                    'Remove',
                  ),
                ),
              ),
            ),
          ),
        ),
  );

/** A modal dialog: focus moves into it, Escape cancels, and it gives focus back when it closes. */
const confirmRemoval = (main: HTMLElement, recipient: Recipient): void => {
  const problem = h('p', { role: 'alert', class: 'error' });
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'remove-title', 'aria-describedby': 'remove-what' },
    h('h2', { id: 'remove-title' }, `Remove ${recipient.endpoint}?`),
    h(
      'p',
      { id: 'remove-what' },
      'It is unsubscribed at once and receives no more notifications. Adding it again sends a new confirmation.',
    ),
    problem,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          onclick: async () => {
            try {
              await call('DELETE', `/notifications/recipients/${encodeURIComponent(recipient.recipientId)}`);
              dialog.close();
              dialog.remove();
              await recipientsView(main, `${recipient.endpoint} was removed.`);
            } catch (error) {
              show(problem, error instanceof Error ? error.message : String(error));
            }
          },
        },
        'Remove recipient',
      ),
      h('button', { type: 'button', class: 'quiet', onclick: () => dialog.close() }, 'Cancel'),
    ),
  );
  dialog.addEventListener('close', () => dialog.remove());
  main.append(dialog);
  dialog.showModal();
};
