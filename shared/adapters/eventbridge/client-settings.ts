/**
 * How the EventBridge client waits. The SDK's own default is to wait for an answer without end:
 * a publish that hangs would run into the function's 30 s timeout, and its caller would never
 * list the event for the sweep (a webhook's `Order Received` would then wait for the intake
 * check, 45 minutes). Three tries of at most 4 s fail in about 12 s, well inside it.
 */
export const EVENT_BRIDGE_CLIENT_SETTINGS = {
  // Without throwOnRequestTimeout the handler only warns when the time is up, and goes on waiting.
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
  maxAttempts: 3,
} as const;
