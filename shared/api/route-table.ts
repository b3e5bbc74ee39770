/**
 * The route list under the name the stack and the local runtime import it by; `routes.ts` is the
 * one list, with each route's operation id and summary for the OpenAPI description.
 */
import type { ApiRoute } from './routes.js';

export { API_ROUTES, type ApiRoute } from './routes.js';
export type RouteAuth = ApiRoute['auth'];
