import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findDynamoDbLocalJar,
  findJava,
  startDynamoDbLocal,
  waitForDynamoDbLocal,
} from '../../../infra/local/dynamodb-local.js';
import { DYNAMODB_ENDPOINT_ENV } from '../../support/dynamodb-local-env.js';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('DynamoDB Local', () => {
  it('finds the jar shipped in the simulator package', () => {
    const files = findDynamoDbLocalJar();
    expect(existsSync(files.jar)).toBe(true);
    expect(existsSync(files.libDir)).toBe(true);
  });

  it('fails at once, clearly, when Java is missing', async () => {
    const { PATH, JAVA_HOME } = process.env;
    process.env.PATH = '/nonexistent';
    delete process.env.JAVA_HOME;
    try {
      expect(() => findJava()).toThrow(/DynamoDB Local needs Java 17 or later, but no `java` was found/);
    } finally {
      process.env.PATH = PATH;
      if (JAVA_HOME !== undefined) process.env.JAVA_HOME = JAVA_HOME;
    }
    await expect(startDynamoDbLocal({ java: '/nonexistent/bin/java' })).rejects.toThrow(
      'DynamoDB Local needs Java 17 or later, but /nonexistent/bin/java cannot be run',
    );
  });

  it('gives up waiting on an endpoint that does not answer, quoting the reason', async () => {
    await expect(waitForDynamoDbLocal('http://127.0.0.1:9', { timeoutMs: 200 })).rejects.toThrow(
      /did not answer within 200 ms/,
    );
  });

  describe('with a stand-in for java', () => {
    let dir: string;
    const fakeJava = (name: string, script: string) => {
      const path = join(dir, name);
      writeFileSync(path, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
      return path;
    };

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'fake-java-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('stops the process it started and leaves nothing behind', async () => {
      const local = await startDynamoDbLocal({
        java: fakeJava('sleepy', 'exec sleep 60'),
        waitUntilReady: false,
      });
      expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(local.endpoint).not.toBe(process.env[DYNAMODB_ENDPOINT_ENV]);
      expect(isAlive(local.pid)).toBe(true);
      await local.stop();
      expect(isAlive(local.pid)).toBe(false);
      expect(existsSync(local.runDir)).toBe(false);
      await local.stop(); // twice is fine
    });

    it('fails at once, quoting its output, when the process dies before answering', async () => {
      const java = fakeJava('broken', 'echo "Could not reserve enough space" >&2; exit 1');
      const started = Date.now();
      await expect(startDynamoDbLocal({ java, readyTimeoutMs: 30_000 })).rejects.toThrow(
        /exited before answering[\s\S]*Could not reserve enough space/,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });
});
