/**
 * What the ECS and EKS compilers share within one account-region: the network, the instance type
 * catalogue, and the registry of EC2 instances (declared ones and those behind container instances
 * and node groups).
 */
import type { Ec2InstanceSpec, InstanceTypeSpec, NetworkSpec, SubnetSpec, Tags } from '../scenario/types.js';
import { ipInCidr, stableHex } from './ids.js';
import type { Ec2Instance, RouteTable } from './model.js';
import { ScenarioError } from './scenario-error.js';

export interface InstanceRequest {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly subnetId?: string;
  readonly availabilityZone?: string;
  readonly tags?: Tags;
  readonly platform?: 'linux' | 'windows';
  readonly spot?: boolean;
  readonly instanceProfileArn?: string | null;
  readonly state?: Ec2Instance['state'];
  readonly imageId?: string;
}

/** The VPC every region gets unless the scenario names its own. */
export function defaultNetwork(account: string, region: string): NetworkSpec {
  const subnet = (name: string, zone: string, cidrBlock: string, isPublic: boolean): SubnetSpec => ({
    id: `subnet-${stableHex(17, account, region, 'subnet', name)}`,
    availabilityZone: `${region}${zone}`,
    cidrBlock,
    public: isPublic,
  });
  return {
    vpcId: `vpc-${stableHex(17, account, region, 'vpc')}`,
    subnets: [
      subnet('private-a', 'a', '10.0.0.0/19', false),
      subnet('private-b', 'b', '10.0.32.0/19', false),
      subnet('public-a', 'a', '10.0.96.0/20', true),
      subnet('public-b', 'b', '10.0.112.0/20', true),
    ],
  };
}

export class RegionContext {
  readonly subnets: readonly SubnetSpec[];
  readonly vpcId: string;
  readonly routeTables: readonly RouteTable[];
  private readonly instances = new Map<string, Ec2Instance>();
  private readonly addressesUsed = new Map<string, number>();
  private subnetCursor = 0;

  constructor(
    readonly account: string,
    readonly region: string,
    readonly epochMs: number,
    private readonly instanceTypes: ReadonlyMap<string, InstanceTypeSpec>,
    network: NetworkSpec,
    declaredInstances: readonly Ec2InstanceSpec[],
  ) {
    this.vpcId = network.vpcId;
    this.subnets = network.subnets;
    if (this.subnets.length === 0)
      throw new ScenarioError(`${account}/${region}: the network has no subnets`);
    this.routeTables = routeTablesFor(account, region, network);
    for (const declared of declaredInstances) this.addInstance(declared);
  }

  get epochSeconds(): number {
    return Math.floor(this.epochMs / 1000);
  }

  /** `arn:aws:<service>:<region>:<account>:<resource>` */
  arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.region}:${this.account}:${resource}`;
  }

  instanceType(name: string): InstanceTypeSpec {
    const type = this.instanceTypes.get(name);
    if (!type) {
      throw new ScenarioError(
        `${this.account}/${this.region}: unknown instance type ${name}; add it to scenario.instanceTypes`,
      );
    }
    return type;
  }

  privateSubnets(): readonly SubnetSpec[] {
    const privateOnes = this.subnets.filter((s) => !s.public);
    return privateOnes.length > 0 ? privateOnes : this.subnets;
  }

  subnet(id: string): SubnetSpec {
    const found = this.subnets.find((s) => s.id === id);
    if (!found) throw new ScenarioError(`${this.account}/${this.region}: unknown subnet ${id}`);
    return found;
  }

  /** The next private subnet, round-robin, so derived resources spread over zones. */
  nextPrivateSubnet(): SubnetSpec {
    const candidates = this.privateSubnets();
    const chosen = candidates[this.subnetCursor % candidates.length]!;
    this.subnetCursor += 1;
    return chosen;
  }

  /** A fresh private address in the subnet. */
  allocateAddress(subnet: SubnetSpec): string {
    const used = (this.addressesUsed.get(subnet.id) ?? 0) + 1;
    this.addressesUsed.set(subnet.id, used);
    // AWS reserves the first four addresses of every subnet.
    return ipInCidr(subnet.cidrBlock, used + 9);
  }

  privateDnsName(address: string): string {
    const domain = this.region === 'us-east-1' ? 'ec2.internal' : `${this.region}.compute.internal`;
    return `ip-${address.replaceAll('.', '-')}.${domain}`;
  }

  /**
   * Register an EC2 instance. A second request for the same id (a declared instance that is also a
   * container instance) keeps the first one and merges the tags.
   */
  addInstance(request: InstanceRequest | Ec2InstanceSpec): Ec2Instance {
    const existing = this.instances.get(request.instanceId);
    if (existing) {
      if (existing.instanceType !== request.instanceType) {
        throw new ScenarioError(
          `${this.account}/${this.region}: instance ${request.instanceId} is declared as ${existing.instanceType} and ${request.instanceType}`,
        );
      }
      const merged = { ...existing, tags: { ...request.tags, ...existing.tags } };
      this.instances.set(request.instanceId, merged);
      return merged;
    }
    const type = this.instanceType(request.instanceType);
    const subnet = request.subnetId
      ? this.subnet(request.subnetId)
      : request.availabilityZone
        ? (this.privateSubnets().find((s) => s.availabilityZone === request.availabilityZone) ??
          this.nextPrivateSubnet())
        : this.nextPrivateSubnet();
    const address = this.allocateAddress(subnet);
    const windows = request.platform === 'windows';
    const instance: Ec2Instance = {
      instanceId: request.instanceId,
      instanceType: request.instanceType,
      availabilityZone: subnet.availabilityZone,
      subnetId: subnet.id,
      vpcId: this.vpcId,
      privateIp: address,
      privateDnsName: this.privateDnsName(address),
      state: request.state ?? 'running',
      platform: windows ? 'windows' : 'linux',
      architecture: type.architecture,
      tags: request.tags ?? {},
      imageId:
        request.imageId ??
        `ami-${stableHex(17, this.region, type.architecture, windows ? 'windows' : 'linux')}`,
      launchTimeMs: this.epochMs - 7 * 24 * 3600 * 1000,
      spot: 'spot' in request ? request.spot === true : false,
      instanceProfileArn:
        'instanceProfileArn' in request && request.instanceProfileArn !== undefined
          ? request.instanceProfileArn
          : null,
    };
    this.instances.set(instance.instanceId, instance);
    return instance;
  }

  instance(id: string): Ec2Instance | undefined {
    return this.instances.get(id);
  }

  allInstances(): Ec2Instance[] {
    return [...this.instances.values()].sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  }
}

function routeTablesFor(account: string, region: string, network: NetworkSpec): RouteTable[] {
  const local = { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local' };
  const id = (name: string): string => `rtb-${stableHex(17, account, region, 'rtb', name)}`;
  const tables: RouteTable[] = [
    { id: id('main'), vpcId: network.vpcId, main: true, subnetIds: [], routes: [local] },
  ];
  const privateIds = network.subnets.filter((s) => !s.public).map((s) => s.id);
  const publicIds = network.subnets.filter((s) => s.public).map((s) => s.id);
  if (privateIds.length > 0) {
    tables.push({
      id: id('private'),
      vpcId: network.vpcId,
      main: false,
      subnetIds: privateIds,
      routes: [
        local,
        { destinationCidrBlock: '0.0.0.0/0', natGatewayId: `nat-${stableHex(17, account, region, 'nat')}` },
      ],
    });
  }
  if (publicIds.length > 0) {
    tables.push({
      id: id('public'),
      vpcId: network.vpcId,
      main: false,
      subnetIds: publicIds,
      routes: [
        local,
        { destinationCidrBlock: '0.0.0.0/0', gatewayId: `igw-${stableHex(17, account, region, 'igw')}` },
      ],
    });
  }
  return tables;
}
