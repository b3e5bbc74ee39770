/**
 * The matcher commands of `npm run -s local --`: the local EventBridge and SNS matchers, callable
 * from a shell to check a rule's pattern or a subscription's filter policy before deploying it.
 * Returns the exit code rather than exiting, so that tests can run it in process.
 */
import { type CommandIo, EXIT_USAGE, UsageError } from './command-io.js';
import { EVENT_PATTERN_USAGE, testEventPatternCommand } from './event-pattern-command.js';
import { FILTER_POLICY_USAGE, testFilterPolicyCommand } from './filter-policy-command.js';

const COMMANDS = {
  'test-event-pattern': { run: testEventPatternCommand, usage: EVENT_PATTERN_USAGE },
  'test-filter-policy': { run: testFilterPolicyCommand, usage: FILTER_POLICY_USAGE },
} as const;

export type MatcherCommand = keyof typeof COMMANDS;

export const MATCHER_USAGE = Object.values(COMMANDS)
  .map((command) => command.usage)
  .join('\n');

export const isMatcherCommand = (command: string | undefined): command is MatcherCommand =>
  command !== undefined && Object.hasOwn(COMMANDS, command);

/** A bad command line (unknown option, missing argument, unreadable file) exits 2 with the usage. */
export function runMatcherCommand(command: MatcherCommand, args: readonly string[], io: CommandIo): number {
  const { run, usage } = COMMANDS[command];
  try {
    return run(args, io);
  } catch (error) {
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const code = (error as { code?: unknown }).code;
    const badCommandLine =
      error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
    if (!badCommandLine) throw error;
    io.stderr.write(`${(error as Error).message}\n\nUsage:\n${usage}\n`);
    return EXIT_USAGE;
  }
}
