/** The offline guard (tests/setup/offline.ts) really stops sockets to anything but the loopback. */
import { expect, it } from 'vitest';

it('refuses to connect anywhere but 127.0.0.1', async () => {
  await expect(fetch('http://192.0.2.1/')).rejects.toThrow();
  const err = await fetch('http://192.0.2.1/').catch((e: Error) => e.cause as Error);
  expect(String(err)).toContain('tests must only contact 127.0.0.1');
});
