/**
 * The AWS SDK packages the adapters use, each imported on first use. The bundles leave the SDK to
 * the Lambda runtime, and loading it costs several times more than everything a handler's bundle
 * holds: a static import (which esbuild keeps at the top of the bundle) would make every cold start
 * load every client before the handler is even reached. Imported here, a function loads only the
 * clients it calls, when it first calls them. Adapters import SDK values from here, types directly.
 */

/**
 * `load()` the first time, and the same promise ever after, unless it failed: a load that failed
 * (a throttled call while building a client, say) is tried again on the next call rather than
 * failing every invocation of the container. (Calls of it are marked `@__PURE__`, so a bundle
 * that never uses one leaves it out.)
 */
export const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => {
    if (!loaded) {
      const attempt = load();
      loaded = attempt;
      attempt.catch(() => {
        if (loaded === attempt) loaded = undefined;
      });
    }
    return loaded;
  };
};

export const documentSdk = /* @__PURE__ */ once(() => import('@aws-sdk/lib-dynamodb'));
export const dynamoDbSdk = /* @__PURE__ */ once(() => import('@aws-sdk/client-dynamodb'));
export const dynamoDbUtil = /* @__PURE__ */ once(() => import('@aws-sdk/util-dynamodb'));
export const eventBridgeSdk = /* @__PURE__ */ once(() => import('@aws-sdk/client-eventbridge'));
export const snsSdk = /* @__PURE__ */ once(() => import('@aws-sdk/client-sns'));
