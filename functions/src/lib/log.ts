import middy, { type MiddlewareObj } from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/**
 * The one logger of every function (AWS Lambda Powertools): one JSON object per line on stdout with
 * `level`, `message`, `timestamp`, `service`, and — once a handler runs — `function_request_id`
 * (Lambda's request id), `function_name`, `cold_start`, plus, for HTTP routes, `correlation_id`
 * (API Gateway's request id, the `requestId` of the access log), `method` and `route` (the route
 * template, never the path: paths hold case numbers). Level from POWERTOOLS_LOG_LEVEL (INFO).
 *
 * Never log personal data: no bodies, query strings, headers, tokens, phone numbers, openids or
 * case texts — counts, ids, kinds and error stacks only.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'minsheng' });

/** Custom metrics (CloudWatch Embedded Metric Format), the namespace the alarms watch. */
export const METRICS_NAMESPACE = 'Minsheng';

/**
 * Extra keys that make a log line also a CloudWatch metric (Embedded Metric Format): CloudWatch
 * reads `_aws` and publishes `{ [name]: value }` under METRICS_NAMESPACE with the `service`
 * dimension (the logger's own `service` key), with no SDK call and no extra line.
 */
export function emfMetric(name: string, value: number, unit: 'Count' = 'Count', at: Date = new Date()): Record<string, unknown> {
  return {
    _aws: { Timestamp: at.getTime(), CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['service']], Metrics: [{ Name: name, Unit: unit }] }] },
    [name]: value,
  };
}

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

const started = new WeakMap<object, number>();

/**
 * The HTTP pipeline's first middleware: the Lambda context on every line of the request, then one
 * access line when it ends — `method`, `route`, `status`, `durationMs` (never the event: logEvent
 * is off whatever the environment says). Errors are logged with their stack by the error mapper.
 */
export function requestLogging(): MiddlewareObj<Event, Result> {
  const context = injectLambdaContext(logger, { resetKeys: true, logEvent: false });
  const done = (request: middy.Request<Event, Result>) => {
    const status = request.response?.statusCode ?? 500;
    const durationMs = Math.round(performance.now() - (started.get(request) ?? performance.now()));
    logger.info('request', { status, durationMs });
  };
  return {
    before: (request) => {
      started.set(request, performance.now());
      context.before!(request as never);
      const { event } = request;
      const method = event.requestContext?.http?.method;
      logger.appendKeys({ ...(method ? { method } : {}), route: event.routeKey ?? 'unknown' });
      if (event.requestContext?.requestId) logger.setCorrelationId(event.requestContext.requestId);
    },
    after: (request) => {
      done(request);
      context.after!(request as never);
    },
    onError: (request) => {
      done(request);
      context.onError!(request as never);
    },
  };
}

/**
 * A scheduled job through the same logger: the Lambda context on every line, then one line with
 * its result (counts only) and `durationMs`, or its error with the stack — rethrown, so Lambda
 * counts it in the function's Errors metric.
 */
export function scheduledJob<E, R extends object>(name: string, run: (event: E | undefined) => Promise<R>): (event?: E, context?: Context) => Promise<R> {
  const handler = middy<E | undefined, R>()
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .handler(async (event) => {
      const start = performance.now();
      try {
        const result = await run(event);
        logger.info(`${name} finished`, { ...result, durationMs: Math.round(performance.now() - start) });
        return result;
      } catch (error) {
        logger.error(`${name} failed`, { error: error as Error, durationMs: Math.round(performance.now() - start) });
        throw error;
      }
    });
  return (event, context) => handler(event, context ?? ({} as Context));
}
