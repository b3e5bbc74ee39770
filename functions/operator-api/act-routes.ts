import type * as z from 'zod/mini';
import type { Explanation } from '../../shared/allocation/explain.js';
import {
  actQuery,
  allocateBody,
  orderPath,
  reasonBody,
  strategyBody,
} from '../../shared/api/order-schemas.js';
import { dryRunOf } from '../../shared/api/order-views.js';
import type { OrderActName } from '../../shared/api/routes.js';
import { parseInput } from '../../shared/domain/inputs.js';
import { decisionResponse } from '../../shared/runtime/decision-response.js';
import { HttpError, jsonResponse } from '../../shared/runtime/http-errors.js';
import { jsonBody } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import {
  allocateByHand,
  cancelByHand,
  holdOrder,
  type Request,
  releaseOrder,
  setOrderStrategy,
  splitByHand,
  unholdOrder,
} from '../../shared/use-cases/order-acts.js';
import type { Outcome } from '../../shared/use-cases/outcome.js';
import type { AllocationPorts } from '../../shared/use-cases/ports.js';
import type { OperatorPorts } from './operator-ports.js';
import { operatorRequest, parsePath, parseQuery } from './operator-request.js';

type OrderAct<Input> = ((ports: AllocationPorts, request: Request, input: Input) => Promise<Outcome>) & {
  preview: (ports: AllocationPorts, request: Request, input: Input) => Promise<Explanation>;
};

/**
 * `POST /orders/{orderId}/<act>`: a person's act on one order, recorded with who and why; with
 * `?dryRun=true`, the explanation of what it would do instead. Everything is validated before
 * anything is read, so a malformed request writes nothing.
 */
const actRoute = <Body extends z.ZodMiniObject>(
  ports: () => OperatorPorts,
  name: OrderActName,
  body: Body,
  act: OrderAct<z.output<Body> & { orderId: string }>,
  /** The act adds to what the order holds, so a retry without a key would apply it twice. */
  keyRequired = false,
): HttpRoute =>
  route('POST', `/orders/{orderId}/${name}`, async (event) => {
    const request = operatorRequest(event);
    const { dryRun } = parseQuery(actQuery, event);
    const input = { ...parseInput(body, jsonBody(event), `${name} request`), ...parsePath(orderPath, event) };
    if (keyRequired && !dryRun && !request.idempotencyKey) {
      throw new HttpError(
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
        `${name} adds to what the order holds: send an Idempotency-Key, so that a retry cannot apply it twice`,
        { header: 'Idempotency-Key' },
      );
    }
    if (dryRun) return jsonResponse(200, dryRunOf(await act.preview(ports().allocation, request, input)));
    return decisionResponse(await act(ports().allocation, request, input));
  });

export const actRoutes = (ports: () => OperatorPorts): HttpRoute[] => [
  actRoute(ports, 'allocate', allocateBody, allocateByHand, true),
  actRoute(ports, 'release', reasonBody, releaseOrder),
  actRoute(ports, 'hold', reasonBody, holdOrder),
  actRoute(ports, 'unhold', reasonBody, unholdOrder),
  actRoute(ports, 'split', reasonBody, splitByHand),
  actRoute(ports, 'cancel', reasonBody, cancelByHand),
  actRoute(ports, 'strategy', strategyBody, setOrderStrategy),
];
