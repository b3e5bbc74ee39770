/** `AWS::Scheduler::Schedule` resources with a `rate(...)` expression and a Lambda target. */
import type { FunctionName } from '../../stateless/service-function.js';
import { functionOf } from './function-resources.js';
import { type AppTemplate, referencedId, resourcesOfType, UnsupportedTemplateError } from './template.js';

export interface Schedule {
  readonly logicalId: string;
  readonly function: FunctionName;
  readonly everyMs: number;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(5 minutes)` → 300000. */
export function rateMs(expression: string): number | undefined {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression.trim());
  return match ? Number(match[1]) * (UNIT_MS[match[2] as string] as number) : undefined;
}

export function schedules(template: AppTemplate, functions: ReadonlyMap<string, FunctionName>): Schedule[] {
  return resourcesOfType(template, 'AWS::Scheduler::Schedule')
    .filter(([, props]) => props.State !== 'DISABLED')
    .map(([logicalId, props]) => {
      const everyMs = rateMs(String(props.ScheduleExpression));
      if (!everyMs)
        throw new UnsupportedTemplateError(
          logicalId,
          `has ScheduleExpression ${String(props.ScheduleExpression)}; only rate(...) is supported locally`,
        );
      const target = (props.Target ?? {}) as Record<string, unknown>;
      return {
        logicalId,
        everyMs,
        function: functionOf(functions, referencedId(template, target.Arn), logicalId),
      };
    });
}
