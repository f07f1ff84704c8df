/**
 * Scenarios as JSON files: the same shape as the TS {@link Scenario} type, checked on load so a
 * typo fails with a path to the bad member instead of an odd answer from the emulator later.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Scenario } from './types.js';

const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');
const tags = z.record(z.string(), z.string());
const named = z.looseObject({ name: z.string().min(1) });

const kubeObject = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().optional(),
    labels: tags.optional(),
  }),
});

const scenarioSchema = z.looseObject({
  name: z.string(),
  epoch: z.string().optional(),
  callerAccount: accountId,
  callerUserName: z.string().optional(),
  credentials: z.object({ accessKeyId: z.string(), secretAccessKey: z.string() }).optional(),
  organization: z.looseObject({ managementAccount: accountId, id: z.string().optional() }).optional(),
  instanceTypes: z
    .array(
      z.looseObject({
        name: z.string(),
        vcpus: z.number(),
        memoryMiB: z.number(),
        architecture: z.enum(['x86_64', 'arm64']),
        maxPods: z.number(),
      }),
    )
    .optional(),
  accounts: z.array(
    z.looseObject({
      id: accountId,
      name: z.string(),
      roles: z.array(z.looseObject({ name: z.string(), externalId: z.string().optional() })).optional(),
      regions: z.array(
        z.looseObject({
          name: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region name such as us-east-1'),
          enabled: z.boolean().optional(),
          ecs: z
            .looseObject({
              taskDefinitions: z.array(
                z.looseObject({ family: z.string().min(1), revision: z.number().int().positive() }),
              ),
              capacityProviders: z
                .array(z.looseObject({ name: z.string(), autoScalingGroup: z.string() }))
                .optional(),
              clusters: z.array(
                named.extend({
                  services: z.array(named.extend({ taskDefinition: z.string() })).optional(),
                  containerInstances: z
                    .array(z.looseObject({ ec2InstanceId: z.string(), instanceType: z.string() }))
                    .optional(),
                  standaloneTasks: z.array(z.looseObject({ taskDefinition: z.string() })).optional(),
                }),
              ),
            })
            .optional(),
          eks: z
            .looseObject({
              clusters: z.array(
                named.extend({
                  nodegroups: z
                    .array(
                      named.extend({
                        instanceTypes: z.array(z.string()).min(1),
                        desiredSize: z.number().int().min(0),
                      }),
                    )
                    .optional(),
                  fargateProfiles: z
                    .array(
                      named.extend({ selectors: z.array(z.looseObject({ namespace: z.string() })).min(1) }),
                    )
                    .optional(),
                  objects: z.array(kubeObject).optional(),
                }),
              ),
            })
            .optional(),
        }),
      ),
    }),
  ),
});

/** Check parsed JSON against the scenario shape; the error names the first bad path. */
export function parseScenario(value: unknown): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `invalid scenario at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  // The schema checks the structure the emulator relies on; nested wire shapes (container
  // definitions, pod specs) stay as written, exactly as the TS type allows.
  return result.data as unknown as Scenario;
}

/** Read a scenario from a JSON file. */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  const text = await readFile(path, 'utf8');
  return parseScenario(JSON.parse(text));
}
