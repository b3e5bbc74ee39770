/**
 * One Lambda execution environment on this machine: a child process (forked by function-process.ts,
 * with only the function's environment) that imports the function's bundle from the cloud
 * assembly and answers invoke messages from its parent. Plain JavaScript on purpose: the bundle
 * runs on bare Node, as on Lambda, with no TypeScript loader in the way.
 *
 * argv: <bundle file> <handler export>
 * parent → child: {type: 'invoke', id, event, context: {awsRequestId, deadline, invokedFunctionArn}}
 * child → parent: {type: 'ready'} | {type: 'init-error', error} | {type: 'result', id, result}
 *                 | {type: 'error', id, error}
 */
import { pathToFileURL } from 'node:url';

const [file, exportName = 'handler'] = process.argv.slice(2);
const env = process.env;

const errorOf = (error) =>
  error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { name: 'Error', message: String(error) };

const send = (message, then) => process.send?.(message, then);

// Without its parent the environment has nothing to do (the parent may have died without a word).
process.on('disconnect', () => process.exit(0));
// A Ctrl-C in the terminal reaches the whole process group: the runtime, not the terminal, ends
// this environment, after the work in flight is done.
process.on('SIGINT', () => undefined);

function contextOf({ awsRequestId, deadline, invokedFunctionArn }) {
  const name = env.AWS_LAMBDA_FUNCTION_NAME ?? 'local';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? `/aws/lambda/${name}`,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An async handler's promise, or a callback-style handler's callback. */
const run = (handler, event, context) =>
  new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, result) => (error ? reject(error) : resolve(result)));
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });

let handler;
try {
  const module = await import(pathToFileURL(file).href);
  handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${file} does not export a function ${exportName}`);
} catch (error) {
  send({ type: 'init-error', error: errorOf(error) }, () => process.exit(1));
}

if (handler) {
  process.on('message', (message) => {
    if (message?.type !== 'invoke') return;
    run(handler, message.event, contextOf(message.context)).then(
      (result) => {
        // A result that cannot be serialized fails the invocation, as the Lambda runtime's would.
        try {
          send({ type: 'result', id: message.id, result });
        } catch (error) {
          send({ type: 'error', id: message.id, error: errorOf(error) });
        }
      },
      (error) => send({ type: 'error', id: message.id, error: errorOf(error) }),
    );
  });
  send({ type: 'ready' });
}
