/**
 * Compiles a region's ECS part: task definition revisions, capacity providers, clusters, and what
 * ECS itself derives — the tasks a service runs, where they run, and what they leave free on each
 * container instance.
 */
import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import type {
  CapacityProviderStrategyItem,
  EcsClusterSpec,
  EcsContainerInstanceSpec,
  EcsRegionSpec,
  EcsServiceSpec,
  EcsStandaloneTaskSpec,
  EcsTaskDefinitionSpec,
  JsonObject,
  JsonValue,
  SubnetSpec,
} from '../scenario/types.js';
import { stableHex, stableUuid } from './ids.js';
import { asJson, compact } from './json.js';
import type {
  CapacityProviderState,
  ContainerInstanceState,
  Ec2Instance,
  EcsClusterState,
  EcsRegionState,
  ServiceState,
  TaskDefinitionState,
  TaskState,
} from './model.js';
import type { RegionContext } from './region-context.js';
import { ScenarioError } from './scenario-error.js';

const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);
// Ports the ECS agent registers as taken on every Linux container instance.
const AGENT_RESERVED_PORTS = ['22', '2375', '2376', '51678', '51679'];

/** "1 vCPU" / ".25 vcpu" / "1024" → CPU units. */
export function parseTaskCpu(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const text = value.trim().toLowerCase();
  const number = Number.parseFloat(text);
  if (Number.isNaN(number)) return null;
  return text.includes('vcpu') ? Math.round(number * 1024) : Math.round(number);
}

/** "2 GB" / "2048" → MiB. */
export function parseTaskMemory(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const text = value.trim().toLowerCase();
  const number = Number.parseFloat(text);
  if (Number.isNaN(number)) return null;
  return text.includes('gb') ? Math.round(number * 1024) : Math.round(number);
}

function compileTaskDefinition(spec: EcsTaskDefinitionSpec, ctx: RegionContext): TaskDefinitionState {
  const { tags = {}, ...definition } = spec;
  const arn = ctx.arn('ecs', `task-definition/${spec.family}:${spec.revision}`);
  const containers: readonly ContainerDefinition[] = spec.containerDefinitions ?? [];
  const required = spec.requiresCompatibilities ?? [];
  const compatibilities = spec.compatibilities ?? [
    'EC2',
    ...(required.includes('FARGATE') ? ['FARGATE' as const] : []),
    ...(required.includes('EXTERNAL') ? ['EXTERNAL' as const] : []),
  ];
  const networkMode = spec.networkMode ?? 'bridge';
  const taskCpu = parseTaskCpu(spec.cpu);
  const taskMemory = parseTaskMemory(spec.memory);
  const hostPorts =
    networkMode === 'bridge' || networkMode === 'host'
      ? containers.flatMap((c) =>
          (c.portMappings ?? [])
            .map((p) => (networkMode === 'host' ? (p.hostPort ?? p.containerPort ?? 0) : (p.hostPort ?? 0)))
            .filter((port) => port > 0),
        )
      : [];
  const wire: JsonObject = {
    ...(asJson(definition) as JsonObject),
    taskDefinitionArn: arn,
    family: spec.family,
    revision: spec.revision,
    status: spec.status ?? 'ACTIVE',
    compatibilities,
    requiresAttributes: asJson(spec.requiresAttributes ?? []),
    placementConstraints: asJson(spec.placementConstraints ?? []),
    volumes: asJson(spec.volumes ?? []),
    containerDefinitions: asJson(containers),
    registeredAt: ctx.epochSeconds - 30 * 24 * 3600 + spec.revision * 3600,
    registeredBy: `arn:aws:iam::${ctx.account}:role/deployer`,
  };
  return {
    arn,
    family: spec.family,
    revision: spec.revision,
    status: spec.status ?? 'ACTIVE',
    wire,
    tags,
    cpuReservation: taskCpu ?? containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0),
    memoryReservation:
      taskMemory ?? containers.reduce((sum, c) => sum + (c.memoryReservation ?? c.memory ?? 0), 0),
    gpuReservation: containers.reduce(
      (sum, c) =>
        sum +
        (c.resourceRequirements ?? [])
          .filter((r) => r.type === 'GPU')
          .reduce((gpus, r) => gpus + (Number.parseInt(r.value ?? '0', 10) || 0), 0),
      0,
    ),
    hostPorts,
    networkMode,
  };
}

function capacityProviderStates(spec: EcsRegionSpec, ctx: RegionContext): CapacityProviderState[] {
  const fargate = [...FARGATE_PROVIDERS].map(
    (name): CapacityProviderState => ({
      name,
      arn: ctx.arn('ecs', `capacity-provider/${name}`),
      tags: {},
      wire: { capacityProviderArn: ctx.arn('ecs', `capacity-provider/${name}`), name, status: 'ACTIVE' },
    }),
  );
  const asg = (spec.capacityProviders ?? []).map((provider): CapacityProviderState => {
    const arn = ctx.arn('ecs', `capacity-provider/${provider.name}`);
    return {
      name: provider.name,
      arn,
      tags: provider.tags ?? {},
      wire: {
        capacityProviderArn: arn,
        name: provider.name,
        status: 'ACTIVE',
        type: 'EC2_AUTOSCALING',
        autoScalingGroupProvider: {
          autoScalingGroupArn: `arn:aws:autoscaling:${ctx.region}:${ctx.account}:autoScalingGroup:${stableUuid(
            ctx.account,
            ctx.region,
            provider.autoScalingGroup,
          )}:autoScalingGroupName/${provider.autoScalingGroup}`,
          managedScaling: {
            status: provider.managedScaling === false ? 'DISABLED' : 'ENABLED',
            targetCapacity: 100,
            minimumScalingStepSize: 1,
            maximumScalingStepSize: 10000,
            instanceWarmupPeriod: 300,
          },
          managedTerminationProtection: provider.managedTerminationProtection ? 'ENABLED' : 'DISABLED',
          managedDraining: 'ENABLED',
        },
        updateStatus: 'UPDATE_COMPLETE',
      },
    };
  });
  return [...fargate, ...asg];
}

/** Which capacity provider each of `count` tasks lands on: `base` first, then by weight (smooth round-robin). */
export function distributeOverProviders(
  strategy: readonly CapacityProviderStrategyItem[],
  count: number,
): string[] {
  const out: string[] = [];
  for (const item of strategy) {
    for (let i = 0; i < (item.base ?? 0) && out.length < count; i += 1) out.push(item.capacityProvider);
  }
  const weighted = strategy.filter((item) => (item.weight ?? 0) > 0);
  const pool = weighted.length > 0 ? weighted : strategy.slice(0, 1);
  const current = pool.map(() => 0);
  const total = pool.reduce((sum, item) => sum + (item.weight ?? 1), 0);
  while (out.length < count && pool.length > 0) {
    let best = 0;
    for (let i = 0; i < pool.length; i += 1) {
      current[i] = (current[i] ?? 0) + (pool[i]?.weight ?? 1);
      if ((current[i] ?? 0) > (current[best] ?? 0)) best = i;
    }
    current[best] = (current[best] ?? 0) - total;
    out.push(pool[best]!.capacityProvider);
  }
  return out;
}

interface Placement {
  readonly launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  readonly capacityProviderName: string | null;
  readonly instance: CompiledInstance | null;
}

interface CompiledInstance {
  readonly spec: EcsContainerInstanceSpec;
  readonly ec2: Ec2Instance;
  readonly arn: string;
  readonly id: string;
  cpuUsed: number;
  memoryUsed: number;
  gpusUsed: number;
  readonly portsUsed: string[];
  running: number;
}

interface TaskPlan {
  readonly id: string;
  readonly definition: TaskDefinitionState;
  readonly placement: Placement;
  readonly group: string;
  readonly startedBy: string | null;
  readonly serviceName: string | null;
  readonly lastStatus: 'RUNNING' | 'PENDING' | 'STOPPED';
  readonly overrides: JsonObject | null;
  readonly subnets: readonly string[];
  readonly platformVersion: string | null;
  readonly enableExecuteCommand: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly startedOffsetSeconds: number;
}

class ClusterCompiler {
  readonly arn: string;
  private readonly instances: CompiledInstance[] = [];
  private readonly plans: TaskPlan[] = [];
  private readonly services: ServiceState[] = [];
  private instanceCursor = 0;
  private fargateSubnetCursor = 0;

  constructor(
    private readonly spec: EcsClusterSpec,
    private readonly ctx: RegionContext,
    private readonly resolveTaskDefinition: (reference: string, where: string) => TaskDefinitionState,
    private readonly providers: ReadonlyMap<string, CapacityProviderState>,
    private readonly asgOf: ReadonlyMap<string, string>,
  ) {
    this.arn = ctx.arn('ecs', `cluster/${spec.name}`);
    for (const provider of spec.capacityProviders ?? []) {
      if (!providers.has(provider)) {
        throw new ScenarioError(`ECS cluster ${spec.name}: unknown capacity provider ${provider}`);
      }
    }
    for (const instance of spec.containerInstances ?? []) this.addContainerInstance(instance);
  }

  private addContainerInstance(spec: EcsContainerInstanceSpec): void {
    const asgName = spec.capacityProvider ? this.asgOf.get(spec.capacityProvider) : undefined;
    if (spec.capacityProvider && !asgName) {
      throw new ScenarioError(
        `ECS cluster ${this.spec.name}: unknown capacity provider ${spec.capacityProvider}`,
      );
    }
    const ec2 = this.ctx.addInstance({
      instanceId: spec.ec2InstanceId,
      instanceType: spec.instanceType,
      subnetId: spec.subnetId,
      availabilityZone: spec.availabilityZone,
      platform: spec.osType === 'windows' ? 'windows' : 'linux',
      instanceProfileArn: `arn:aws:iam::${this.ctx.account}:instance-profile/ecsInstanceRole`,
      tags: {
        Name: `ECS Instance - ${this.spec.name}`,
        ...(asgName ? { 'aws:autoscaling:groupName': asgName } : {}),
        ...spec.tags,
      },
    });
    const id = stableHex(32, this.ctx.account, this.ctx.region, this.spec.name, spec.ec2InstanceId);
    this.instances.push({
      spec,
      ec2,
      id,
      arn: this.ctx.arn('ecs', `container-instance/${this.spec.name}/${id}`),
      cpuUsed: 0,
      memoryUsed: 0,
      gpusUsed: 0,
      portsUsed: [],
      running: 0,
    });
  }

  private activeInstances(provider: string | null): CompiledInstance[] {
    const active = this.instances.filter((i) => (i.spec.status ?? 'ACTIVE') === 'ACTIVE');
    if (provider === null) return active;
    const ofProvider = active.filter((i) => i.spec.capacityProvider === provider);
    return ofProvider;
  }

  private pickInstance(provider: string | null, explicit: readonly string[] | undefined, where: string) {
    if (explicit && explicit.length > 0) {
      const id = explicit[this.instanceCursor % explicit.length]!;
      this.instanceCursor += 1;
      const found = this.instances.find((i) => i.spec.ec2InstanceId === id);
      if (!found)
        throw new ScenarioError(`${where}: placement names ${id}, not a container instance of the cluster`);
      return found;
    }
    const candidates = this.activeInstances(provider);
    if (candidates.length === 0) {
      throw new ScenarioError(
        `${where}: needs an ACTIVE container instance${provider ? ` of capacity provider ${provider}` : ''} in cluster ${this.spec.name}`,
      );
    }
    const chosen = candidates[this.instanceCursor % candidates.length]!;
    this.instanceCursor += 1;
    return chosen;
  }

  private placementFor(
    launchType: 'EC2' | 'FARGATE' | 'EXTERNAL' | undefined,
    provider: string | null,
    explicitInstances: readonly string[] | undefined,
    where: string,
  ): Placement {
    if (provider !== null) {
      if (!this.providers.has(provider))
        throw new ScenarioError(`${where}: unknown capacity provider ${provider}`);
      if (FARGATE_PROVIDERS.has(provider))
        return { launchType: 'FARGATE', capacityProviderName: provider, instance: null };
      return {
        launchType: 'EC2',
        capacityProviderName: provider,
        instance: this.pickInstance(provider, explicitInstances, where),
      };
    }
    if (launchType === 'FARGATE')
      return { launchType: 'FARGATE', capacityProviderName: null, instance: null };
    return {
      launchType: launchType ?? 'EC2',
      capacityProviderName: null,
      instance: this.pickInstance(null, explicitInstances, where),
    };
  }

  private nextFargateSubnets(): string[] {
    const subnets = this.ctx.privateSubnets();
    const chosen = subnets[this.fargateSubnetCursor % subnets.length]!;
    this.fargateSubnetCursor += 1;
    return [chosen.id];
  }

  addService(spec: EcsServiceSpec, index: number): void {
    const where = `ECS service ${this.spec.name}/${spec.name}`;
    const definition = this.resolveTaskDefinition(spec.taskDefinition, where);
    const strategy = spec.launchType
      ? []
      : (spec.capacityProviderStrategy ?? this.spec.defaultCapacityProviderStrategy ?? []);
    const daemon = spec.schedulingStrategy === 'DAEMON';
    const daemonInstances = daemon ? this.activeInstances(null) : [];
    const desiredCount = daemon ? daemonInstances.length : (spec.desiredCount ?? 1);
    const runningCount = daemon ? daemonInstances.length : (spec.runningCount ?? desiredCount);
    const providersPerTask = strategy.length > 0 ? distributeOverProviders(strategy, runningCount) : [];
    const deploymentId = `ecs-svc/${stableHex(19, this.arn, spec.name)
      .split('')
      .map((c) => Number.parseInt(c, 16) % 10)
      .join('')}`;
    const awsvpc = definition.networkMode === 'awsvpc';
    const networkConfiguration = awsvpc
      ? (spec.networkConfiguration ?? {
          subnets: this.ctx.privateSubnets().map((s) => s.id),
          securityGroups: [`sg-${stableHex(17, this.arn, spec.name)}`],
          assignPublicIp: 'DISABLED' as const,
        })
      : spec.networkConfiguration;
    const fargateLike =
      spec.launchType === 'FARGATE' || strategy.some((s) => FARGATE_PROVIDERS.has(s.capacityProvider));
    for (let i = 0; i < runningCount; i += 1) {
      const placement = daemon
        ? { launchType: 'EC2' as const, capacityProviderName: null, instance: daemonInstances[i]! }
        : this.placementFor(spec.launchType, providersPerTask[i] ?? null, spec.placement, where);
      const subnets =
        placement.launchType === 'FARGATE'
          ? networkConfiguration
            ? [
                networkConfiguration.subnets[i % networkConfiguration.subnets.length] ??
                  this.nextFargateSubnets()[0]!,
              ]
            : this.nextFargateSubnets()
          : placement.instance
            ? [placement.instance.ec2.subnetId]
            : [];
      this.plans.push({
        id: stableHex(32, this.arn, spec.name, i),
        definition,
        placement,
        group: `service:${spec.name}`,
        startedBy: deploymentId,
        serviceName: spec.name,
        lastStatus: 'RUNNING',
        overrides: null,
        subnets,
        platformVersion:
          placement.launchType === 'FARGATE' ? resolvePlatformVersion(spec.platformVersion) : null,
        enableExecuteCommand: spec.enableExecuteCommand ?? false,
        tags: spec.tags ?? {},
        startedOffsetSeconds: 3600 * (index + 1) + i * 7,
      });
    }
    const arn = this.ctx.arn('ecs', `service/${this.spec.name}/${spec.name}`);
    const createdAt = this.ctx.epochSeconds - 10 * 24 * 3600 + index * 600;
    const launchType = strategy.length > 0 ? undefined : (spec.launchType ?? 'EC2');
    const platform = fargateLike
      ? { platformVersion: spec.platformVersion ?? 'LATEST', platformFamily: 'Linux' }
      : { platformVersion: undefined, platformFamily: undefined };
    const networkWire = networkConfiguration
      ? {
          awsvpcConfiguration: compact({
            subnets: [...networkConfiguration.subnets],
            securityGroups: [...(networkConfiguration.securityGroups ?? [])],
            assignPublicIp: networkConfiguration.assignPublicIp ?? 'DISABLED',
          }),
        }
      : undefined;
    const strategyWire = strategy.length > 0 ? strategy.map((s) => compact({ ...s })) : undefined;
    const loadBalancers = (spec.loadBalancers ?? []).map((lb) => compact({ ...lb }));
    const wire = compact({
      serviceArn: arn,
      serviceName: spec.name,
      clusterArn: this.arn,
      loadBalancers,
      serviceRegistries: [],
      status: 'ACTIVE',
      desiredCount,
      runningCount,
      pendingCount: 0,
      launchType,
      capacityProviderStrategy: strategyWire,
      ...platform,
      taskDefinition: definition.arn,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: false, rollback: false },
        maximumPercent: daemon ? 100 : 200,
        minimumHealthyPercent: daemon ? 0 : 100,
      },
      deployments: [
        compact({
          id: deploymentId,
          status: 'PRIMARY',
          taskDefinition: definition.arn,
          desiredCount,
          pendingCount: 0,
          runningCount,
          failedTasks: 0,
          createdAt,
          updatedAt: createdAt + 300,
          launchType,
          capacityProviderStrategy: strategyWire,
          ...platform,
          networkConfiguration: networkWire,
          rolloutState: 'COMPLETED',
          rolloutStateReason: 'ECS deployment ecs-svc completed.',
        }),
      ],
      roleArn:
        loadBalancers.length > 0 && !awsvpc
          ? `arn:aws:iam::${this.ctx.account}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`
          : undefined,
      events: [],
      createdAt,
      placementConstraints: (spec.placementConstraints ?? []).map((p) => compact({ ...p })),
      placementStrategy: (spec.placementStrategy ?? []).map((p) => compact({ ...p })),
      networkConfiguration: networkWire,
      healthCheckGracePeriodSeconds: loadBalancers.length > 0 ? 60 : undefined,
      schedulingStrategy: daemon ? 'DAEMON' : 'REPLICA',
      deploymentController: { type: 'ECS' },
      createdBy: `arn:aws:iam::${this.ctx.account}:role/deployer`,
      enableECSManagedTags: true,
      propagateTags: 'NONE',
      enableExecuteCommand: spec.enableExecuteCommand ?? false,
      availabilityZoneRebalancing: daemon ? 'DISABLED' : 'ENABLED',
    });
    this.services.push({
      name: spec.name,
      arn,
      launchType: launchType ?? null,
      schedulingStrategy: daemon ? 'DAEMON' : 'REPLICA',
      wire,
      tags: spec.tags ?? {},
    });
  }

  addStandaloneTasks(spec: EcsStandaloneTaskSpec, index: number): void {
    const where = `ECS standalone task ${this.spec.name}/${spec.taskDefinition}`;
    const definition = this.resolveTaskDefinition(spec.taskDefinition, where);
    const count = spec.count ?? 1;
    const defaultProvider =
      spec.capacityProvider ??
      (spec.launchType ? null : (this.spec.defaultCapacityProviderStrategy?.[0]?.capacityProvider ?? null));
    const stopped = spec.lastStatus === 'STOPPED';
    for (let i = 0; i < count; i += 1) {
      const placement = this.placementFor(
        spec.launchType,
        defaultProvider,
        spec.ec2InstanceId ? [spec.ec2InstanceId] : undefined,
        where,
      );
      const subnets =
        placement.launchType === 'FARGATE'
          ? spec.networkConfiguration
            ? [spec.networkConfiguration.subnets[i % spec.networkConfiguration.subnets.length]!]
            : this.nextFargateSubnets()
          : placement.instance
            ? [placement.instance.ec2.subnetId]
            : [];
      this.plans.push({
        id: stableHex(32, this.arn, 'standalone', index, i),
        definition,
        placement,
        group: spec.group ?? `family:${definition.family}`,
        startedBy: spec.startedBy ?? null,
        serviceName: null,
        lastStatus: spec.lastStatus ?? 'RUNNING',
        overrides: spec.overrides ? (asJson(spec.overrides) as JsonObject) : null,
        subnets,
        platformVersion: placement.launchType === 'FARGATE' ? '1.4.0' : null,
        enableExecuteCommand: false,
        tags: spec.tags ?? {},
        startedOffsetSeconds: stopped ? 60 * (index + 1) : 1800 + 60 * (index + 1) + i,
      });
    }
  }

  private buildTask(plan: TaskPlan): TaskState {
    const { ctx } = this;
    const definition = plan.definition;
    const taskArn = ctx.arn('ecs', `task/${this.spec.name}/${plan.id}`);
    const subnetId = plan.subnets[0];
    const subnet: SubnetSpec | undefined = subnetId ? ctx.subnets.find((s) => s.id === subnetId) : undefined;
    const awsvpc = definition.networkMode === 'awsvpc';
    const eniAddress = awsvpc && subnet ? ctx.allocateAddress(subnet) : null;
    const running = plan.lastStatus !== 'STOPPED';
    const instance = plan.placement.instance;
    if (instance && running) {
      instance.cpuUsed += definition.cpuReservation;
      instance.memoryUsed += definition.memoryReservation;
      instance.gpusUsed += definition.gpuReservation;
      instance.portsUsed.push(...definition.hostPorts.map(String));
      instance.running += 1;
    }
    const createdAt = ctx.epochSeconds - plan.startedOffsetSeconds;
    const availabilityZone = instance?.ec2.availabilityZone ?? subnet?.availabilityZone ?? `${ctx.region}a`;
    const containers = (definition.wire.containerDefinitions as JsonObject[]).map((container, index) => {
      const name = String(container.name ?? `container-${index}`);
      const ports = (Array.isArray(container.portMappings) ? container.portMappings : []) as JsonObject[];
      const networkBindings = awsvpc
        ? undefined
        : ports.map((p, portIndex) =>
            compact({
              bindIP: '0.0.0.0',
              containerPort: p.containerPort,
              hostPort:
                definition.networkMode === 'host'
                  ? (p.hostPort ?? p.containerPort)
                  : typeof p.hostPort === 'number' && p.hostPort > 0
                    ? p.hostPort
                    : 32768 + ((Number.parseInt(plan.id.slice(0, 4), 16) + portIndex) % 28000),
              protocol: p.protocol ?? 'tcp',
            }),
          );
      return compact({
        containerArn: ctx.arn('ecs', `container/${this.spec.name}/${plan.id}/${stableUuid(plan.id, name)}`),
        taskArn,
        name,
        image: container.image,
        runtimeId: `${plan.id}-${stableHex(10, plan.id, name)}`,
        lastStatus: running ? 'RUNNING' : 'STOPPED',
        exitCode: running ? undefined : 0,
        networkBindings,
        networkInterfaces: eniAddress
          ? [{ attachmentId: stableUuid(plan.id, 'eni'), privateIpv4Address: eniAddress }]
          : [],
        healthStatus: 'UNKNOWN',
        cpu: String(container.cpu ?? 0),
        memory: container.memory === undefined ? undefined : String(container.memory),
        memoryReservation:
          container.memoryReservation === undefined ? undefined : String(container.memoryReservation),
      });
    });
    const containerNames = containers.map((c) => ({ name: c.name ?? null }));
    const attachments: JsonValue = eniAddress
      ? [
          {
            id: stableUuid(plan.id, 'eni'),
            type: 'ElasticNetworkInterface',
            status: running ? 'ATTACHED' : 'DELETED',
            details: [
              { name: 'subnetId', value: subnetId ?? '' },
              { name: 'networkInterfaceId', value: `eni-${stableHex(17, plan.id)}` },
              { name: 'macAddress', value: '0e:00:00:00:00:01' },
              { name: 'privateDnsName', value: ctx.privateDnsName(eniAddress) },
              { name: 'privateIPv4Address', value: eniAddress },
            ],
          },
        ]
      : [];
    const architecture = instance?.ec2.architecture ?? runtimeArchitecture(definition);
    const wire = compact({
      taskArn,
      clusterArn: this.arn,
      taskDefinitionArn: definition.arn,
      containerInstanceArn: instance?.arn,
      launchType: plan.placement.launchType,
      capacityProviderName: plan.placement.capacityProviderName ?? undefined,
      availabilityZone,
      lastStatus: plan.lastStatus,
      desiredStatus: running ? 'RUNNING' : 'STOPPED',
      healthStatus: 'UNKNOWN',
      connectivity: running ? 'CONNECTED' : undefined,
      connectivityAt: createdAt + 5,
      createdAt,
      pullStartedAt: createdAt + 10,
      pullStoppedAt: createdAt + 20,
      startedAt: createdAt + 25,
      stoppedAt: running ? undefined : createdAt + 900,
      stopCode: running ? undefined : 'EssentialContainerExited',
      stoppedReason: running ? undefined : 'Essential container in task exited',
      group: plan.group,
      startedBy: plan.startedBy ?? undefined,
      version: running ? 2 : 4,
      cpu: definition.wire.cpu,
      memory: definition.wire.memory,
      platformVersion: plan.platformVersion ?? undefined,
      platformFamily: plan.placement.launchType === 'FARGATE' ? 'Linux' : undefined,
      containers,
      overrides: {
        containerOverrides: plan.overrides?.containerOverrides ?? containerNames,
        inferenceAcceleratorOverrides: [],
      },
      attachments,
      attributes: [{ name: 'ecs.cpu-architecture', value: architecture }],
      enableExecuteCommand: plan.enableExecuteCommand,
      ephemeralStorage:
        plan.placement.launchType === 'FARGATE' ? { sizeInGiB: ephemeralSize(definition) } : undefined,
    });
    return {
      arn: taskArn,
      id: plan.id,
      group: plan.group,
      startedBy: plan.startedBy,
      family: definition.family,
      serviceName: plan.serviceName,
      launchType: plan.placement.launchType,
      containerInstanceArn: instance?.arn ?? null,
      desiredStatus: running ? 'RUNNING' : 'STOPPED',
      wire,
      tags: plan.tags,
    };
  }

  private buildContainerInstance(instance: CompiledInstance): ContainerInstanceState {
    const { ctx } = this;
    const type = ctx.instanceType(instance.spec.instanceType);
    const registeredCpu = type.vcpus * 1024;
    // The agent registers what the OS leaves after the kernel and the agent itself.
    const registeredMemory = Math.floor(type.memoryMiB * 0.96);
    const gpuIds = Array.from(
      { length: type.gpus?.count ?? 0 },
      (_, i) => `GPU-${stableUuid(instance.ec2.instanceId, 'gpu', i)}`,
    );
    const resources = (
      cpu: number,
      memory: number,
      ports: readonly string[],
      gpus: readonly string[],
    ): JsonObject[] => [
      { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: cpu },
      { name: 'MEMORY', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: memory },
      {
        name: 'PORTS',
        type: 'STRINGSET',
        doubleValue: 0,
        longValue: 0,
        integerValue: 0,
        stringSetValue: [...ports],
      },
      {
        name: 'PORTS_UDP',
        type: 'STRINGSET',
        doubleValue: 0,
        longValue: 0,
        integerValue: 0,
        stringSetValue: [],
      },
      ...(gpuIds.length > 0
        ? [
            {
              name: 'GPU',
              type: 'STRINGSET',
              doubleValue: 0,
              longValue: 0,
              integerValue: 0,
              stringSetValue: [...gpus],
            },
          ]
        : []),
    ];
    const windows = instance.spec.osType === 'windows';
    const status = instance.spec.status ?? 'ACTIVE';
    const wire = compact({
      containerInstanceArn: instance.arn,
      ec2InstanceId: instance.ec2.instanceId,
      capacityProviderName: instance.spec.capacityProvider,
      version: 1 + instance.running,
      versionInfo: { agentVersion: '1.89.0', agentHash: 'a1b2c3d4', dockerVersion: 'DockerVersion: 25.0.8' },
      remainingResources: resources(
        Math.max(0, registeredCpu - instance.cpuUsed),
        Math.max(0, registeredMemory - instance.memoryUsed),
        [...AGENT_RESERVED_PORTS, ...instance.portsUsed],
        gpuIds.slice(instance.gpusUsed),
      ),
      registeredResources: resources(registeredCpu, registeredMemory, AGENT_RESERVED_PORTS, gpuIds),
      status,
      agentConnected: instance.spec.agentConnected ?? true,
      runningTasksCount: instance.running,
      pendingTasksCount: 0,
      attributes: [
        { name: 'ecs.instance-type', value: type.name },
        { name: 'ecs.os-type', value: windows ? 'windows' : 'linux' },
        { name: 'ecs.os-family', value: windows ? 'WINDOWS_SERVER_2022_FULL' : 'LINUX' },
        { name: 'ecs.cpu-architecture', value: type.architecture },
        { name: 'ecs.availability-zone', value: instance.ec2.availabilityZone },
        { name: 'ecs.ami-id', value: instance.ec2.imageId },
        { name: 'ecs.vpc-id', value: instance.ec2.vpcId },
        { name: 'ecs.subnet-id', value: instance.ec2.subnetId },
        { name: 'ecs.capability.task-eni' },
        { name: 'com.amazonaws.ecs.capability.privileged-container' },
        { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.44' },
        ...(gpuIds.length > 0 ? [{ name: 'ecs.capability.gpu-driver-version', value: '550.127.05' }] : []),
      ],
      registeredAt: Math.floor(instance.ec2.launchTimeMs / 1000) + 60,
      attachments: [],
      healthStatus: { overallStatus: 'OK', details: [] },
    });
    return {
      arn: instance.arn,
      id: instance.id,
      ec2InstanceId: instance.ec2.instanceId,
      capacityProvider: instance.spec.capacityProvider ?? null,
      status,
      wire,
      tags: instance.spec.tags ?? {},
    };
  }

  finish(): EcsClusterState {
    const tasks = this.plans.map((plan) => this.buildTask(plan));
    const containerInstances = this.instances.map((instance) => this.buildContainerInstance(instance));
    const runningTasks = tasks.filter((t) => t.desiredStatus === 'RUNNING').length;
    const wire = compact({
      clusterArn: this.arn,
      clusterName: this.spec.name,
      status: 'ACTIVE',
      registeredContainerInstancesCount: containerInstances.filter((c) => c.status !== 'INACTIVE').length,
      runningTasksCount: runningTasks,
      pendingTasksCount: 0,
      activeServicesCount: this.services.length,
      capacityProviders: [...(this.spec.capacityProviders ?? [])],
      defaultCapacityProviderStrategy: (this.spec.defaultCapacityProviderStrategy ?? []).map((s) =>
        compact({ capacityProvider: s.capacityProvider, weight: s.weight ?? 0, base: s.base ?? 0 }),
      ),
    });
    return {
      name: this.spec.name,
      arn: this.arn,
      wire,
      tags: this.spec.tags ?? {},
      containerInstances,
      services: this.services,
      tasks,
    };
  }

  /** Cluster settings as DescribeClusters `include: [SETTINGS]` shows them. */
  static settingsOf(spec: EcsClusterSpec): JsonObject[] {
    return [{ name: 'containerInsights', value: spec.containerInsights ?? 'disabled' }];
  }
}

function resolvePlatformVersion(requested: string | undefined): string {
  return requested === undefined || requested === 'LATEST' ? '1.4.0' : requested;
}

function runtimeArchitecture(definition: TaskDefinitionState): string {
  const platform = definition.wire.runtimePlatform as JsonObject | undefined;
  return platform?.cpuArchitecture === 'ARM64' ? 'arm64' : 'x86_64';
}

function ephemeralSize(definition: TaskDefinitionState): number {
  const storage = definition.wire.ephemeralStorage as JsonObject | undefined;
  return typeof storage?.sizeInGiB === 'number' ? storage.sizeInGiB : 20;
}

/** Compile the ECS part of one account-region. */
export function compileEcs(spec: EcsRegionSpec | undefined, ctx: RegionContext): EcsRegionState {
  const taskDefinitions = new Map<string, TaskDefinitionState>();
  const byName = new Map<string, TaskDefinitionState>();
  const latest = new Map<string, TaskDefinitionState>();
  for (const definitionSpec of spec?.taskDefinitions ?? []) {
    const compiled = compileTaskDefinition(definitionSpec, ctx);
    const name = `${compiled.family}:${compiled.revision}`;
    if (byName.has(name))
      throw new ScenarioError(`${ctx.account}/${ctx.region}: task definition ${name} declared twice`);
    taskDefinitions.set(compiled.arn, compiled);
    byName.set(name, compiled);
    const previous = latest.get(compiled.family);
    if (compiled.status === 'ACTIVE' && (!previous || previous.revision < compiled.revision)) {
      latest.set(compiled.family, compiled);
    }
  }
  const resolveTaskDefinition = (reference: string, where: string): TaskDefinitionState => {
    const found =
      taskDefinitions.get(reference) ??
      byName.get(reference.replace(/^.*task-definition\//, '')) ??
      latest.get(reference);
    if (!found) throw new ScenarioError(`${where}: unknown task definition ${reference}`);
    return found;
  };
  const capacityProviders = spec
    ? capacityProviderStates(spec, ctx)
    : capacityProviderStates({ taskDefinitions: [], clusters: [] }, ctx);
  const providersByName = new Map(capacityProviders.map((p) => [p.name, p]));
  const asgOf = new Map((spec?.capacityProviders ?? []).map((p) => [p.name, p.autoScalingGroup]));
  const clusters: EcsClusterState[] = [];
  const clustersByName = new Map<string, EcsClusterState>();
  for (const clusterSpec of spec?.clusters ?? []) {
    if (clustersByName.has(clusterSpec.name)) {
      throw new ScenarioError(`${ctx.account}/${ctx.region}: ECS cluster ${clusterSpec.name} declared twice`);
    }
    const compiler = new ClusterCompiler(clusterSpec, ctx, resolveTaskDefinition, providersByName, asgOf);
    const serviceNames = new Set<string>();
    (clusterSpec.services ?? []).forEach((service, index) => {
      if (serviceNames.has(service.name)) {
        throw new ScenarioError(`ECS cluster ${clusterSpec.name}: service ${service.name} declared twice`);
      }
      serviceNames.add(service.name);
      compiler.addService(service, index);
    });
    for (const [index, task] of (clusterSpec.standaloneTasks ?? []).entries())
      compiler.addStandaloneTasks(task, index);
    const compiled = compiler.finish();
    const withSettings: EcsClusterState = {
      ...compiled,
      wire: { ...compiled.wire, settings: ClusterCompiler.settingsOf(clusterSpec) },
    };
    clusters.push(withSettings);
    clustersByName.set(withSettings.name, withSettings);
  }
  return {
    taskDefinitions,
    taskDefinitionsByName: byName,
    latestByFamily: latest,
    capacityProviders,
    clusters,
    clustersByName,
  };
}
