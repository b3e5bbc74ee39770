import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../infra/stateless/service-function.js';

/**
 * `zod/mini` answers "Invalid input" for every problem unless a locale is set; `shared/zod-mini.ts`
 * sets the English one. Every runtime module that builds schemas with `zod/mini` imports it, so no
 * function bundle can validate without the messages the API's error bodies carry.
 */
const ROOT = REPO_ROOT;

const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')
        ? [join(dir, entry.name)]
        : [],
  );

it('has every runtime module that builds zod/mini schemas import the English messages', () => {
  const building = [...sources('shared'), ...sources('functions')].filter((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    return (
      /^import \* as z from 'zod\/mini';$/m.test(text) &&
      /\bz\.(object|string|number|boolean|array|enum|literal|union|discriminatedUnion|record)\(/.test(text)
    );
  });
  expect(building.length).toBeGreaterThan(10);
  const without = building.filter(
    (file) =>
      relative('shared', file) !== 'zod-mini.ts' &&
      !/from '(\.\.?\/)+(\.\.\/)*zod-mini\.js'|import '(\.\.?\/)+(\.\.\/)*zod-mini\.js'/.test(
        readFileSync(join(ROOT, file), 'utf8'),
      ),
  );
  expect(without).toEqual([]);
});
