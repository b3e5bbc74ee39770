import { RECIPIENT_EVENT_TYPE_NAMES, type RecipientEventType } from '../../../shared/recipients/recipient.js';
import { ApiError, call, type Recipient } from '../api.js';
import { field, h, show } from '../dom.js';

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

/**
 * The form that adds a recipient. Nothing is checked here: the API's refusal is shown in an alert
 * and beside each control it concerns, which is marked invalid and takes the focus. `added` is
 * told of the recipient the API answered with.
 */
export const recipientForm = (
  eventLabels: Record<RecipientEventType, string>,
  added: (recipient: Recipient) => Promise<void>,
): HTMLElement => {
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
      await added(await call<Recipient>('POST', '/notifications/recipients', { body }));
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
            ` ${eventLabels[RECIPIENT_EVENT_TYPE_NAMES[index] as RecipientEventType]}`,
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
