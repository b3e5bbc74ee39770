/**
 * CPU time spent by this process and by DynamoDB Local's JVM together. Unlike elapsed time, it
 * does not grow when other programs share the machine, so rates per CPU second stay comparable.
 */
import { readFileSync } from 'node:fs';
import { DYNAMODB_LOCAL_PID_ENV } from '../support/dynamodb-local-env.js';

/** Linux reports process times in clock ticks of 1/100 s on every common platform. */
const MS_PER_TICK = 10;

const jvmCpuMs = (): number | undefined => {
  const pid = process.env[DYNAMODB_LOCAL_PID_ENV];
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
  }
};

/** Milliseconds of CPU used so far by both processes, or undefined where /proc is not there. */
export const cpuTimeMs = (): number | undefined => {
  const jvm = jvmCpuMs();
  if (jvm === undefined) return undefined;
  const { user, system } = process.cpuUsage();
  return jvm + (user + system) / 1000;
};
