import { once } from '../../../shared/adapters/aws-sdk.js';

it('loads once and hands every caller the same result', async () => {
  let loads = 0;
  const load = once(async () => {
    loads += 1;
    return { client: loads };
  });
  const [first, second] = await Promise.all([load(), load()]);
  expect(first).toBe(second);
  expect(await load()).toBe(first);
  expect(loads).toBe(1);
});

it('tries a failed load again on the next call, and keeps the first success', async () => {
  let loads = 0;
  const load = once(async () => {
    loads += 1;
    if (loads === 1) throw new Error('throttled');
    return loads;
  });
  await expect(load()).rejects.toThrow('throttled');
  expect(await load()).toBe(2);
  expect(await load()).toBe(2);
  expect(loads).toBe(2);
});
