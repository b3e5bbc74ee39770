import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { handlerTracing } from './tracing/handler-tracing.js';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'backorder-service';

/** Logs carry ids and counts only: never secrets, addresses, emails or phone numbers. */
export const logger = new Logger({ serviceName });

/** Powertools' own truthy spellings of a boolean environment variable. */
const envFlag = (name: string): boolean =>
  ['1', 'y', 'yes', 't', 'true', 'on'].includes(process.env[name]?.trim().toLowerCase() ?? '');

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'BackorderService',
  serviceName,
  // Metrics warns of a call that added no metric even when publishing is disabled (tests, local
  // runs), where the warning means nothing; otherwise its warnings are structured log lines.
  logger: envFlag('POWERTOOLS_METRICS_DISABLED') ? logger.createChild({ logLevel: 'ERROR' }) : logger,
});

/**
 * The handler's X-Ray subsegment (see tracing/handler-tracing.ts), a new middleware per handler.
 * Its response is never recorded: it may hold customer data.
 */
export const tracing = () =>
  handlerTracing({
    serviceName,
    onWarning: (message, error) => logger.warn(message, { error: error.message }),
  });

/** A middy handler with tracing, the Lambda context in every log line, and metrics flushed per call. */
export const observed = <Event, Result>(handler: (event: Event, context: Context) => Promise<Result>) =>
  middy<Event, Result>(handler).use(tracing()).use(injectLambdaContext(logger)).use(logMetrics(metrics));
