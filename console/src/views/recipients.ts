import { RECIPIENT_EVENT_TYPE_NAMES, type RecipientEventType } from '../../../shared/recipients/recipient.js';
import { ApiError, call, type Recipient, type RecipientList } from '../api.js';
import { failure, field, h, loading, show, when } from '../dom.js';

const EVENT_LABELS: Record<RecipientEventType, string> = {
  AwaitingStock: 'Awaiting stock',
  Split: 'Split',
  BackorderFulfilled: 'Backorder fulfilled',
  ChangeRefused: 'Change refused',
  Overdue: 'Overdue',
};

/** The form's controls by the API's field names, so each refusal is shown beside its control. */
const FIELD_LABELS: Record<string, string> = {
  protocol: 'Protocol',
  endpoint: 'Email address or phone number',
  eventTypes: 'Event types',
  channel: 'Channels',
  warehouseId: 'Warehouses',
};

const list = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const issuesOf = (error: unknown): Array<{ path: string; message: string }> => {
  const issues = error instanceof ApiError ? error.details.issues : undefined;
  return Array.isArray(issues)
    ? issues.map((issue: { path?: unknown; message?: unknown }) => ({
        path: String(issue.path ?? '').split('.')[0] ?? '',
        message: String(issue.message ?? ''),
      }))
    : [];
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
 * filters and state; a form to add one (the API's refusals shown beside the controls they concern);
 * removal after a confirmation.
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
    addForm(main),
  );
};

const recipientTable = (main: HTMLElement, recipients: Recipient[]): HTMLElement =>
  h(
    'section',
    { 'aria-labelledby': 'recipients-title' },
    h('h2', { id: 'recipients-title' }, `Recipients (${recipients.length})`),
    recipients.length === 0
      ? h('p', null, 'Nobody is notified yet.')
      : h(
          'div',
          { class: 'table-scroll', role: 'region', 'aria-label': 'Recipients', tabindex: '0' },
          h(
            'table',
            null,
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Endpoint', 'Protocol', 'Event types', 'Filters', 'State', 'Added', 'Actions'].map((name) =>
                  h('th', { scope: 'col' }, name),
                ),
              ),
            ),
            h(
              'tbody',
              null,
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

const addForm = (main: HTMLElement): HTMLElement => {
  const protocol = h(
    'select',
    { name: 'protocol' },
    h('option', { value: 'email' }, 'Email'),
    h('option', { value: 'sms' }, 'SMS'),
  );
  const endpoint = h('input', { name: 'endpoint', autocomplete: 'off' });
  const channel = h('input', { name: 'channel', autocomplete: 'off' });
  const warehouse = h('input', { name: 'warehouseId', autocomplete: 'off' });
  const boxes = RECIPIENT_EVENT_TYPE_NAMES.map((type) =>
    h('input', { type: 'checkbox', name: 'eventTypes', value: type, id: `event-${type}` }),
  );
  const summary = h('div', { role: 'alert', class: 'error', tabindex: '-1' });
  const fieldErrors = new Map<string, HTMLElement>(
    Object.keys(FIELD_LABELS).map((name) => [name, h('span', { class: 'field-error', id: `error-${name}` })]),
  );
  const controls: Record<string, HTMLElement> = {
    protocol,
    endpoint,
    channel,
    warehouseId: warehouse,
  };
  const withError = (name: string, element: HTMLElement) => {
    element.append(fieldErrors.get(name) as HTMLElement);
    return element;
  };
  const clearErrors = () => {
    show(summary);
    for (const [name, error] of fieldErrors) {
      show(error);
      controls[name]?.removeAttribute('aria-invalid');
    }
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    clearErrors();
    const eventTypes = boxes.filter((box) => box.checked).map((box) => box.value);
    const body = {
      protocol: protocol.value,
      endpoint: endpoint.value,
      eventTypes,
      ...(list(channel.value).length > 0 ? { channel: list(channel.value) } : {}),
      ...(list(warehouse.value).length > 0 ? { warehouseId: list(warehouse.value) } : {}),
    };
    try {
      const added = await call<Recipient>('POST', '/notifications/recipients', { body });
      await recipientsView(
        main,
        added.state === 'pending'
          ? `${added.endpoint} was added. It is pending until the address confirms.`
          : `${added.endpoint} was added.`,
      );
    } catch (error) {
      const issues = issuesOf(error);
      show(
        summary,
        h('p', null, `Not added: ${error instanceof Error ? error.message : String(error)}`),
        issues.length > 0 &&
          h(
            'ul',
            null,
            issues.map((issue) =>
              h('li', null, `${FIELD_LABELS[issue.path] ?? issue.path}: ${issue.message}`),
            ),
          ),
      );
      for (const issue of issues) {
        const error = fieldErrors.get(issue.path);
        if (error) show(error, issue.message);
        controls[issue.path]?.setAttribute('aria-invalid', 'true');
      }
      const first = issues.map((issue) => controls[issue.path]).find(Boolean);
      (first ?? summary).focus?.();
    }
  };
  for (const [name, control] of Object.entries(controls))
    control.setAttribute('aria-errormessage', `error-${name}`);
  return h(
    'section',
    { 'aria-labelledby': 'add-title' },
    h('h2', { id: 'add-title' }, 'Add a recipient'),
    h(
      'form',
      { class: 'recipient-form', 'aria-labelledby': 'add-title', novalidate: true, onsubmit: submit },
      summary,
      withError('protocol', field('Protocol', protocol)),
      withError(
        'endpoint',
        field(
          FIELD_LABELS.endpoint as string,
          endpoint,
          'An email address, or a phone number such as +4712345678.',
        ),
      ),
      h(
        'fieldset',
        { 'aria-describedby': 'error-eventTypes' },
        h('legend', null, 'Event types'),
        boxes.map((box, index) =>
          h(
            'label',
            { class: 'check', for: box.id },
            box,
            ` ${EVENT_LABELS[RECIPIENT_EVENT_TYPE_NAMES[index] as RecipientEventType]}`,
          ),
        ),
        fieldErrors.get('eventTypes'),
      ),
      withError('channel', field('Channels', channel, 'Optional: only these channels, separated by commas.')),
      withError(
        'warehouseId',
        field('Warehouses', warehouse, 'Optional: only these warehouses, separated by commas.'),
      ),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add recipient')),
    ),
  );
};
