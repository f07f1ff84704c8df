/**
 * The scanner's own permissions, checked on the wire. test/unit/serverless/infra.test.ts proves the
 * declared sets match the code's imports and the templates; test/integration/serverless/
 * template.test.ts proves the packaged roles grant them, with no wildcard action, encryption of the
 * table and the topic. This adds what only a live scan shows: what the scanner actually sent to
 * each account and cluster — read-only, inside the declared set, and the whole declared set used.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { HUB_ACTIONS, MEMBER_ROLE_ACTIONS } from '../../lib/serverless/permissions.js';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_SANDBOX_ACCOUNT,
  type EmulatorStats,
  type RunningEmulator,
  startEmulator,
} from '../emulator/index.js';
import { scanOnce, useEmulatorEnvironment } from './support/estate.js';

const ROOT = join(import.meta.dirname, '../..');
const READ_ONLY = /^(ecs|ec2|eks|sts|organizations):(List|Describe|Get)[A-Za-z]+$/;

let emulator: RunningEmulator;
let restoreEnvironment: () => void;
let stats: EmulatorStats;

beforeAll(async () => {
  emulator = await startEmulator(buildDemoScenario());
  restoreEnvironment = useEmulatorEnvironment(emulator);
  emulator.resetStats();
  const outcome = await scanOnce();
  expect(outcome.gaps).toEqual([]);
  stats = emulator.stats();
});

afterAll(async () => {
  restoreEnvironment?.();
  await emulator?.close();
});

const awsActionsIn = (account: string) =>
  [
    ...new Set(
      stats.calls
        .filter((c) => c.service !== 'kubernetes' && c.account === account)
        .map((c) => `${c.service}:${c.action}`),
    ),
  ].sort();

describe('what a scan sends', () => {
  it('declares only read actions, none with a wildcard', () => {
    for (const action of MEMBER_ROLE_ACTIONS) {
      expect(action).toMatch(READ_ONLY);
      expect(action).not.toContain('*');
    }
  });

  it('sends a member account only actions of its read-only role', () => {
    // AssumeRole is counted under the role's account but sent with the hub's own credentials.
    const sent = awsActionsIn(DEMO_SANDBOX_ACCOUNT).filter((action) => action !== 'sts:AssumeRole');
    expect(sent.length).toBeGreaterThan(3);
    for (const action of sent) expect(MEMBER_ROLE_ACTIONS, action).toContain(action);
  });

  it('uses, in a full account, every action the role declares and nothing else but assuming roles', () => {
    const sent = awsActionsIn(DEMO_ACCOUNT);
    const hub: readonly string[] = HUB_ACTIONS.assumeMemberRole;
    expect(sent.filter((action) => !hub.includes(action))).toEqual([...MEMBER_ROLE_ACTIONS]);
  });

  it('only lists, through the Kubernetes API, the kinds the ClusterRole grants — never Secrets or ConfigMaps', async () => {
    const role = parseAllDocuments(await readFile(join(ROOT, 'infra/kubernetes-rbac.yaml'), 'utf8'))
      .map((d) => d.toJSON() as { kind: string; rules?: { resources: string[] }[] })
      .find((d) => d.kind === 'ClusterRole')!;
    const granted = new Set(role.rules!.flatMap((rule) => rule.resources));
    const requests = stats.calls.filter((c) => c.service === 'kubernetes');
    expect(requests.length).toBeGreaterThanOrEqual(granted.size);
    for (const request of requests) {
      const [verb, resource] = request.action.split(' ');
      expect(verb).toBe('list');
      expect(granted, resource).toContain(resource);
    }
    const listed = new Set(requests.map((r) => r.action.split(' ')[1]));
    expect(listed).not.toContain('secrets');
    expect(listed).not.toContain('configmaps');
  });
});
