/** Turns a scenario into the indexed state the servers answer from. */
import { BUILT_IN_INSTANCE_TYPES } from '../scenario/instance-types.js';
import type { RegionSpec, Scenario } from '../scenario/types.js';
import { compileEcs } from './ecs.js';
import { compileEksCluster } from './kubernetes.js';
import type { AccountState, EksClusterState, EmulatorState, RegionState } from './model.js';
import { defaultNetwork, RegionContext } from './region-context.js';
import { ScenarioError } from './scenario-error.js';

/** Default emulated "now": fixed, so output is reproducible. */
export const DEFAULT_EPOCH = '2026-11-01T00:00:00Z';

function compileRegion(
  account: string,
  spec: RegionSpec,
  epochMs: number,
  instanceTypes: EmulatorState['instanceTypes'],
): RegionState {
  const ctx = new RegionContext(
    account,
    spec.name,
    epochMs,
    instanceTypes,
    spec.network ?? defaultNetwork(account, spec.name),
    spec.ec2Instances ?? [],
  );
  const ecs = compileEcs(spec.ecs, ctx);
  const eksClusters: EksClusterState[] = [];
  const eksByName = new Map<string, EksClusterState>();
  for (const clusterSpec of spec.eks?.clusters ?? []) {
    if (eksByName.has(clusterSpec.name)) {
      throw new ScenarioError(`${account}/${spec.name}: EKS cluster ${clusterSpec.name} declared twice`);
    }
    const cluster = compileEksCluster(clusterSpec, ctx);
    eksClusters.push(cluster);
    eksByName.set(cluster.name, cluster);
  }
  const ec2Instances = ctx.allInstances();
  return {
    account,
    region: spec.name,
    enabled: spec.enabled ?? true,
    vpcId: ctx.vpcId,
    subnets: ctx.subnets,
    routeTables: ctx.routeTables,
    ec2Instances,
    ec2ById: new Map(ec2Instances.map((i) => [i.instanceId, i])),
    ecs,
    eksClusters,
    eksByName,
  };
}

/**
 * Resolve and index a scenario. Throws {@link ScenarioError} naming the first thing that cannot be
 * served (a dangling task definition, a service with nowhere to run...).
 */
export function compileScenario(scenario: Scenario): EmulatorState {
  const epochMs = Date.parse(scenario.epoch ?? DEFAULT_EPOCH);
  if (Number.isNaN(epochMs)) throw new ScenarioError(`scenario.epoch is not a date: ${scenario.epoch}`);
  const instanceTypes = new Map(BUILT_IN_INSTANCE_TYPES.map((t) => [t.name, t]));
  for (const type of scenario.instanceTypes ?? []) instanceTypes.set(type.name, type);
  const accounts = new Map<string, AccountState>();
  for (const account of scenario.accounts) {
    if (!/^\d{12}$/.test(account.id)) throw new ScenarioError(`account id ${account.id} is not 12 digits`);
    if (accounts.has(account.id)) throw new ScenarioError(`account ${account.id} declared twice`);
    const regions = new Map<string, RegionState>();
    for (const region of account.regions) {
      if (regions.has(region.name))
        throw new ScenarioError(`${account.id}: region ${region.name} declared twice`);
      regions.set(region.name, compileRegion(account.id, region, epochMs, instanceTypes));
    }
    accounts.set(account.id, { spec: account, regions });
  }
  if (!accounts.has(scenario.callerAccount)) {
    throw new ScenarioError(`callerAccount ${scenario.callerAccount} is not one of the scenario's accounts`);
  }
  if (scenario.organization && !accounts.has(scenario.organization.managementAccount)) {
    throw new ScenarioError(
      `organization.managementAccount ${scenario.organization.managementAccount} is not in accounts`,
    );
  }
  return { scenario, epochMs, instanceTypes, accounts };
}
