/** Finds the route for a method and path, literal segments before `{param}` ones, as API Gateway does. */
import type { HttpRoute } from './http-routes.js';

export interface RouteMatch {
  readonly route: HttpRoute;
  readonly pathParameters: Record<string, string>;
}

interface Compiled {
  readonly route: HttpRoute;
  readonly segments: readonly string[];
  readonly params: number;
}

const segmentsOf = (path: string): string[] => path.split('/').slice(1);

/** A path segment that is not valid percent-encoding: API Gateway answers it 400. */
export class UndecodablePathError extends Error {}

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new UndecodablePathError(`Cannot decode path segment ${segment}`);
  }
};

export function routeMatcher(
  routes: readonly HttpRoute[],
): (method: string, path: string) => RouteMatch | undefined {
  const compiled: Compiled[] = routes
    .map((route) => {
      const segments = segmentsOf(route.path);
      return { route, segments, params: segments.filter((s) => s.startsWith('{')).length };
    })
    .sort((a, b) => a.params - b.params);
  return (method, path) => {
    const actual = segmentsOf(path);
    for (const { route, segments } of compiled) {
      if (route.method !== method || segments.length !== actual.length) continue;
      const pathParameters: Record<string, string> = {};
      const fits = segments.every((segment, i) => {
        const value = actual[i] as string;
        if (!segment.startsWith('{')) return segment === value;
        if (value === '') return false;
        pathParameters[segment.slice(1, -1)] = decodeSegment(value);
        return true;
      });
      if (fits) return { route, pathParameters };
    }
    return undefined;
  };
}
