import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SnapshotError } from '../../lib/inventory/errors.js';
import { parseInventory } from '../../lib/inventory/snapshot.js';
import {
  PayloadError,
  parsePayload,
  parseScanTargetEvent,
  scanPlanSchema,
  scheduledEventSchema,
  snsEventSchema,
} from '../../lib/serverless/payload.js';
import { awkwardValue } from './support/awkward-values.js';
import { fuzzRuns } from './support/fuzz-settings.js';
import { CANARY_MARK, canary } from './support/manifest-arbitraries.js';
import { documentMutation, mutateDocuments, mutateText, textMutation } from './support/mutations.js';

/**
 * The Lambdas' events and the saved inventory snapshot: whatever arrives, it is either accepted
 * as a value of its schema or refused with the typed error that names the offending fields.
 */

const accountId = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 });
const regionCode = fc.constantFrom(
  'us-east-1',
  'eu-west-3',
  'ap-southeast-2',
  'us-gov-west-1',
  'il-central-1',
);
const namespaceName = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
const distinct = <T>(item: fc.Arbitrary<T>, maxLength: number) =>
  fc.uniqueArray(item, { minLength: 1, maxLength });

/** On-demand requests as `aws lambda invoke` would send them, every field within its bounds. */
const validOnDemand = fc.record(
  {
    accounts: distinct(accountId, 5),
    regions: distinct(regionCode, 3),
    clusters: distinct(fc.string({ minLength: 1, maxLength: 30 }), 3),
    namespaces: distinct(namespaceName, 3),
    dryRun: fc.boolean(),
    notify: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** `field: problem` (the field is `(payload)` for the whole event; a key may hold any character). */
const PROBLEM = /: \S/;

function expectPayloadError(error: unknown, what: string): PayloadError {
  if (!(error instanceof PayloadError)) throw new Error(`not a PayloadError: ${String(error)}`);
  expect(error.message.startsWith(`invalid ${what}: `)).toBe(true);
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) expect(problem).toMatch(PROBLEM);
  return error;
}

describe('scanTarget events', () => {
  it('accepts every valid on-demand request exactly as sent', () => {
    fc.assert(
      fc.property(validOnDemand, (payload) => {
        expect(parseScanTargetEvent(payload)).toEqual({ kind: 'on-demand', payload });
      }),
      fuzzRuns(200),
    );
  });

  it('refuses a request with one bad field, naming that field first', () => {
    const badField = fc.oneof(
      fc.record({
        field: fc.constant('accounts'),
        value: fc.constantFrom(['1234'], ['12345678901a'], [], 'all', [111122223333]),
      }),
      fc.record({
        field: fc.constant('regions'),
        value: fc.constantFrom(['Europe'], ['us-east-1', 'us-east-1'], [], ['us_east_1']),
      }),
      fc.record({
        field: fc.constant('clusters'),
        value: fc.constantFrom([''], ['a', 'a'], [], 'prod', ['x'.repeat(2049)]),
      }),
      fc.record({
        field: fc.constant('namespaces'),
        value: fc.constantFrom(['Payments'], ['-a'], ['a'.repeat(64)], [1]),
      }),
      fc.record({
        field: fc.constantFrom('dryRun', 'notify'),
        value: fc.constantFrom('yes', 1, null, 'true'),
      }),
      fc.record({
        field: fc.constantFrom('acounts', 'region', '__proto__', 'constructor'),
        value: awkwardValue,
      }),
    );
    fc.assert(
      fc.property(validOnDemand, badField, (payload, { field, value }) => {
        // Assigned as an own property, so a field named __proto__ really is in the payload.
        const event = Object.defineProperty({ ...payload }, field, { value, enumerable: true });
        let caught: unknown;
        try {
          parseScanTargetEvent(event);
        } catch (error) {
          caught = error;
        }
        const error = expectPayloadError(caught, 'on-demand payload');
        expect(error.problems.some((problem) => problem.startsWith(field))).toBe(true);
      }),
      fuzzRuns(300),
    );
  });

  it('returns a payload or a PayloadError naming fields, for any value at all', () => {
    fc.assert(
      fc.property(
        fc.oneof(awkwardValue, fc.jsonValue({ maxDepth: 4 }), validOnDemand),
        fc.array(documentMutation, { maxLength: 2 }),
        (value, mutations) => {
          const [event] = mutations.reduce(mutateDocuments, [value]);
          try {
            const parsed = parseScanTargetEvent(event);
            expect(['on-demand', 'target']).toContain(parsed.kind);
          } catch (error) {
            const target = typeof event === 'object' && event !== null && 'target' in event;
            expectPayloadError(error, target ? 'scan target payload' : 'on-demand payload');
          }
        },
      ),
      fuzzRuns(400),
    );
  });
});

describe('state machine and notifier events', () => {
  const validPlan = {
    scan: {
      scanId: 'scheduled-20261127T020000Z',
      startedAt: '2026-11-27T02:00:00.000Z',
      trigger: 'schedule',
    },
    scope: { clusters: null, namespaces: null },
    targets: [{ account: '111122223333', region: 'us-east-1' }],
    notify: null,
  };
  const validSns = { Records: [{ Sns: { Message: '{}', Subject: 'fargate-fit', MessageAttributes: {} } }] };
  const schemas: readonly { name: string; schema: z.ZodType; valid: unknown }[] = [
    { name: 'scan plan', schema: scanPlanSchema, valid: validPlan },
    {
      name: 'scheduled event',
      schema: scheduledEventSchema,
      valid: { time: '2026-11-27T02:00:00Z', source: 'aws.events' },
    },
    { name: 'SNS event', schema: snsEventSchema, valid: validSns },
  ];

  it('accepts each schema’s own example, and returns a value or a PayloadError for every mutation of it', () => {
    for (const { schema, valid, name } of schemas)
      expect(() => parsePayload(schema, valid, name)).not.toThrow();
    fc.assert(
      fc.property(
        fc.constantFrom(...schemas),
        fc.array(documentMutation, { minLength: 1, maxLength: 3 }),
        ({ schema, valid, name }, mutations) => {
          const [event] = mutations.reduce(mutateDocuments, [valid]);
          try {
            parsePayload(schema, event, name);
          } catch (error) {
            expectPayloadError(error, name);
          }
        },
      ),
      fuzzRuns(400),
    );
  });
});

describe('inventory snapshots', () => {
  /**
   * Task definitions with secrets where lib/inventory/redact.ts promises to strip them: environment
   * values, command lines, health-check commands, log-option and Docker-label values. References
   * (secret ARNs, credential specs) stay in a snapshot by design, so none is planted there.
   */
  const leakyTaskDefinition = fc
    .record({
      environment: fc.array(fc.record({ name: fc.constantFrom('A', 'B'), value: canary }), { maxLength: 3 }),
      command: fc.array(canary, { maxLength: 2 }),
      entryPoint: fc.array(canary, { maxLength: 1 }),
      health: canary,
      token: canary,
      label: canary,
    })
    .map(({ environment, command, entryPoint, health, token, label }) => ({
      family: 'leaky',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx',
          environment,
          command,
          entryPoint,
          healthCheck: { command: ['CMD-SHELL', health], interval: 30 },
          logConfiguration: { logDriver: 'splunk', options: { 'splunk-token': token, mode: 'non-blocking' } },
          dockerLabels: { 'com.example.secret': label },
        },
      ],
    }));

  /** A one-partition inventory whose task definitions carry planted secrets. */
  const inventory = fc.array(leakyTaskDefinition, { minLength: 1, maxLength: 3 }).map((definitions) => ({
    version: 1,
    collectedAt: '2026-11-27T02:00:00.000Z',
    caller: null,
    accounts: ['111122223333'],
    regions: ['us-east-1'],
    partitions: [
      {
        account: '111122223333',
        region: 'us-east-1',
        ecs: {
          clusters: [],
          capacityProviders: [],
          taskDefinitions: Object.fromEntries(
            definitions.map((definition, index) => [
              `arn:aws:ecs:us-east-1:111122223333:task-definition/f:${index + 1}`,
              definition,
            ]),
          ),
        },
        ec2: { instances: [], instanceTypes: [] },
        eks: null,
      },
    ],
    gaps: [],
    stats: { calls: {}, totalCalls: 0, throttles: 0, limiterWaitMs: 0 },
  }));

  it('redacts every planted secret from a valid snapshot as it is read', () => {
    fc.assert(
      fc.property(inventory, (snapshot) => {
        const read = parseInventory(JSON.stringify(snapshot), 'snapshot.json');
        expect(JSON.stringify(read).includes(CANARY_MARK)).toBe(false);
      }),
      fuzzRuns(150),
    );
  });

  it('returns an inventory or a SnapshotError naming the file, for damaged snapshots', () => {
    fc.assert(
      fc.property(
        inventory,
        fc.array(documentMutation, { maxLength: 2 }),
        fc.array(textMutation, { maxLength: 2 }),
        (snapshot, documentMutations, textMutations) => {
          const [mutated] = documentMutations.reduce(mutateDocuments, [snapshot as unknown]);
          const text = textMutations.reduce(mutateText, JSON.stringify(mutated) ?? '');
          try {
            const read = parseInventory(text, 'snapshot.json');
            // Edits to the text can move a value into another field; only whole documents keep the promise.
            if (textMutations.length === 0) expect(JSON.stringify(read).includes(CANARY_MARK)).toBe(false);
          } catch (error) {
            if (!(error instanceof SnapshotError)) throw new Error(`not a SnapshotError: ${String(error)}`);
            expect(error.message).toContain('snapshot.json');
          }
        },
      ),
      fuzzRuns(300),
    );
  });
});
