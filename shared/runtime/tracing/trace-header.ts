/** The `X-Amzn-Trace-Id` header: the invocation's, as Lambda hands it over, and the one a traced call carries on. */
export interface TraceHeader {
  root: string;
  parent: string;
  sampled: boolean;
  /** Lineage and any other fields Lambda passed, handed on as they came. */
  extra: string[];
}

/** `Root=1-…;Parent=…;Sampled=1;Lineage=…` of the current invocation, if Lambda gave one. */
export const invocationTraceHeader = (): TraceHeader | undefined => {
  const store = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId(): string | undefined } } })
    .awslambda?.InvokeStore;
  const value = store?.getXRayTraceId() ?? process.env._X_AMZN_TRACE_ID;
  if (!value) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const root = fields.get('Root');
  const parent = fields.get('Parent');
  if (!root || !parent) return undefined;
  const extra = [...fields]
    .filter(([key]) => !['Root', 'Parent', 'Sampled'].includes(key))
    .map(([key, field]) => `${key}=${field}`);
  return { root, parent, sampled: fields.get('Sampled') === '1', extra };
};

/** The header of a call made under `parentId`, so what it starts downstream joins the same trace. */
export const downstreamTraceHeader = (trace: TraceHeader, parentId: string): string =>
  [`Root=${trace.root}`, `Parent=${parentId}`, 'Sampled=1', ...trace.extra].join(';');
