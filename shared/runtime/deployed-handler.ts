import type { Context } from 'aws-lambda';

/**
 * A function's Lambda entry point: the handler `make` builds over a wiring getter, built when the
 * bundle loads as before, and the wiring itself, which `load` builds on the first call (once per
 * container; see `deployedAdapters`). So a cold start loads the handler's own code only, and the
 * AWS SDK that the wiring needs comes with the first invocation. A wiring that fails to build
 * fails that call and is asked for again on the next.
 */
export const deployedHandler = <Wiring, Event, Result>(
  load: () => Promise<Wiring>,
  make: (wiring: () => Wiring) => (event: Event, context: Context) => Promise<Result>,
): ((event: Event, context: Context) => Promise<Result>) => {
  let wiring: Wiring | undefined;
  const handler = make(() => {
    if (wiring === undefined) throw new Error('The adapters are used before they are loaded');
    return wiring;
  });
  return async (event, context) => {
    wiring ??= await load();
    return handler(event, context);
  };
};
