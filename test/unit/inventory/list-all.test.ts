import { describe, expect, it } from 'vitest';
import { listAll } from '../../../lib/inventory/eks/list-all.js';
import { KubernetesApiError } from '../../../lib/inventory/errors.js';

/** A fake LIST endpoint over `items`, `pageSize` per page, that can expire its continue tokens. */
function fakeList(items: number[], pageSize: number, expireOnCalls: number[] = []) {
  const calls: (string | undefined)[] = [];
  const list = async (token: string | undefined) => {
    calls.push(token);
    if (expireOnCalls.includes(calls.length)) {
      throw new KubernetesApiError(410, 'The provided continue parameter is too old');
    }
    const start = token ? Number(token) : 0;
    const next = start + pageSize;
    return { items: items.slice(start, next), continueToken: next < items.length ? String(next) : '' };
  };
  return { list, calls };
}

describe('listAll', () => {
  const items = Array.from({ length: 1234 }, (_, i) => i);

  it('follows continue tokens until the last page', async () => {
    const { list, calls } = fakeList(items, 500);
    expect(await listAll(list)).toEqual(items);
    expect(calls).toEqual([undefined, '500', '1000']);
  });

  it('restarts the whole list when a continue token has expired (410 Gone)', async () => {
    const { list, calls } = fakeList(items, 500, [3]);
    const restarts: number[] = [];
    expect(await listAll(list, { onRestart: (n) => restarts.push(n) })).toEqual(items);
    expect(calls).toEqual([undefined, '500', '1000', undefined, '500', '1000']);
    expect(restarts).toEqual([1]);
  });

  it('gives up after the allowed number of restarts', async () => {
    const { list } = fakeList(items, 500, [2, 4, 6]);
    await expect(listAll(list, { maxRestarts: 2 })).rejects.toMatchObject({ name: 'KubernetesGone' });
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const list = async () => {
      calls += 1;
      throw new KubernetesApiError(403, 'pods is forbidden');
    };
    await expect(listAll(list)).rejects.toMatchObject({ name: 'KubernetesForbidden' });
    expect(calls).toBe(1);
  });

  it('refuses a server that hands back the same continue token', async () => {
    const list = async () => ({ items: [1], continueToken: 'stuck' });
    await expect(listAll(list)).rejects.toThrow(/same continue token/);
  });
});
