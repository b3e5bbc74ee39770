import { noQuery } from '../../shared/api/query-params.js';
import { recipientBody, recipientPath } from '../../shared/api/recipient-schemas.js';
import { parseInput } from '../../shared/domain/inputs.js';
import { jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedTenant, jsonBody } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import {
  addRecipient,
  listRecipients,
  type RecipientPorts,
  type RecipientWithState,
  removeRecipient,
} from '../../shared/use-cases/manage-recipients.js';
import type { OperatorPorts } from './operator-ports.js';
import { parsePath, parseQuery } from './operator-request.js';

const PATH = '/notifications/recipients';

/** What the API shows of a recipient: not the tenant (implied) nor the subscription's ARN. */
const viewOf = ({ tenantId: _tenant, subscriptionArn: _arn, ...view }: RecipientWithState) => view;

const recipientPorts = (ports: () => OperatorPorts): RecipientPorts => {
  const { recipients } = ports();
  if (!recipients) throw new Error('No notification topic is configured (NOTIFICATION_TOPIC_ARN)');
  return recipients;
};

/** The tenant's notification recipients (DESIGN §13). */
export const recipientRoutes = (ports: () => OperatorPorts): HttpRoute[] => [
  route('GET', PATH, async (event) => {
    const tenantId = authorizedTenant(event);
    parseQuery(noQuery, event);
    const recipients = await listRecipients(recipientPorts(ports), tenantId);
    return jsonResponse(200, { recipients: recipients.map(viewOf) });
  }),
  route('POST', PATH, async (event) => {
    const tenantId = authorizedTenant(event);
    parseQuery(noQuery, event);
    const request = parseInput(recipientBody, jsonBody(event), 'recipient');
    return jsonResponse(200, viewOf(await addRecipient(recipientPorts(ports), tenantId, request)));
  }),
  route('DELETE', `${PATH}/{recipientId}`, async (event) => {
    const tenantId = authorizedTenant(event);
    parseQuery(noQuery, event);
    const { recipientId } = parsePath(recipientPath, event);
    await removeRecipient(recipientPorts(ports), tenantId, recipientId);
    return jsonResponse(200, { status: 'removed', recipientId });
  }),
];
