/** Amazon EC2 over the EC2 query protocol: instances, instance types, regions, subnets, route tables. */
import type { InstanceTypeSpec } from '../scenario/types.js';
import { stableHex } from '../state/ids.js';
import type { Ec2Instance, RouteTable } from '../state/model.js';
import { wildcardMatch } from '../state/wildcard.js';
import type { CallContext } from './context.js';
import { AwsError } from './errors.js';
import { paginate } from './paging.js';
import { COMMON_ERRORS } from './protocol.js';
import { DEFAULT_ENABLED_REGIONS, OPT_IN_REGIONS, regionEnabled } from './regions.js';
import { items, type XmlFields } from './xml.js';

interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

/** `Prefix.1`, `Prefix.2`, … in order. */
function listParameter(form: URLSearchParams, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${prefix}.${i}`); i += 1) out.push(form.get(`${prefix}.${i}`) ?? '');
  return out;
}

/** EC2 refuses more than 200 filter values in one call (FilterLimitExceeded, seen in public issue threads). */
const MAX_FILTER_VALUES = 200;

function filtersOf(form: URLSearchParams): Filter[] {
  const filters: Filter[] = [];
  for (let i = 1; form.has(`Filter.${i}.Name`); i += 1) {
    filters.push({
      name: form.get(`Filter.${i}.Name`) ?? '',
      values: listParameter(form, `Filter.${i}.Value`),
    });
  }
  if (filters.reduce((sum, f) => sum + f.values.length, 0) > MAX_FILTER_VALUES) {
    throw new AwsError(
      'FilterLimitExceeded',
      `The maximum number of filter values specified on a single call is ${MAX_FILTER_VALUES}`,
      400,
    );
  }
  return filters;
}

function maxResultsOf(form: URLSearchParams): number | undefined {
  const raw = form.get('MaxResults');
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value))
    throw new AwsError('InvalidParameterValue', `Invalid value '${raw}' for maxResults`, 400);
  return value;
}

const pagingErrors = (min: number, max: number) => ({
  invalidToken: () =>
    new AwsError('InvalidParameterValue', 'The specified token is not valid for this request.', 400),
  invalidMaxResults: (value: number) =>
    new AwsError(
      'InvalidParameterValue',
      value < min
        ? `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value greater than ${min}.`
        : `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value less than ${max}.`,
      400,
    ),
});

/** Apply EC2 filters: every filter must match, any of its values (with * and ? wildcards). */
function applyFilters<T>(
  all: readonly T[],
  filters: readonly Filter[],
  fields: (item: T, name: string) => readonly string[] | undefined,
): T[] {
  return all.filter((item) =>
    filters.every((filter) => {
      const actual = fields(item, filter.name);
      if (actual === undefined)
        throw new AwsError('InvalidParameterValue', `The filter '${filter.name}' is invalid`, 400);
      return filter.values.some((wanted) => actual.some((value) => wildcardMatch(wanted, value)));
    }),
  );
}

function tagFilter(tags: Readonly<Record<string, string>>, name: string): readonly string[] | undefined {
  if (name.startsWith('tag:')) {
    const value = tags[name.slice(4)];
    return value === undefined ? [] : [value];
  }
  if (name === 'tag-key') return Object.keys(tags);
  if (name === 'tag-value') return Object.values(tags);
  return undefined;
}

const tagSet = (tags: Readonly<Record<string, string>>) =>
  items(Object.entries(tags).map(([key, value]) => ({ key, value })));

const STATE_CODES: Readonly<Record<Ec2Instance['state'], number>> = {
  pending: 0,
  running: 16,
  stopping: 64,
  stopped: 80,
};

function instanceFields(instance: Ec2Instance, context: CallContext): XmlFields {
  const type = context.state.instanceTypes.get(instance.instanceType);
  const threads = type?.burstable || (type?.vcpus ?? 1) < 2 ? 1 : 2;
  return {
    instanceId: instance.instanceId,
    imageId: instance.imageId,
    instanceState: { code: STATE_CODES[instance.state], name: instance.state },
    privateDnsName: instance.privateDnsName,
    dnsName: '',
    reason: '',
    amiLaunchIndex: 0,
    productCodes: items([]),
    instanceType: instance.instanceType,
    launchTime: new Date(instance.launchTimeMs).toISOString(),
    placement: { availabilityZone: instance.availabilityZone, groupName: '', tenancy: 'default' },
    platform: instance.platform === 'windows' ? 'windows' : undefined,
    monitoring: { state: 'disabled' },
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    privateIpAddress: instance.privateIp,
    groupSet: items([{ groupId: `sg-${stableHex(17, instance.vpcId, 'nodes')}`, groupName: 'nodes' }]),
    architecture: instance.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: items([]),
    instanceLifecycle: instance.spot ? 'spot' : undefined,
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    tagSet: tagSet(instance.tags),
    iamInstanceProfile: instance.instanceProfileArn
      ? {
          arn: instance.instanceProfileArn,
          id: `AIPA${stableHex(17, instance.instanceProfileArn).toUpperCase()}`,
        }
      : undefined,
    ebsOptimized: false,
    enaSupport: true,
    sourceDestCheck: true,
    cpuOptions: { coreCount: Math.max(1, Math.floor((type?.vcpus ?? 1) / threads)), threadsPerCore: threads },
    metadataOptions: {
      state: 'applied',
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
      httpEndpoint: 'enabled',
      httpProtocolIpv6: 'disabled',
      instanceMetadataTags: 'disabled',
    },
    platformDetails: instance.platform === 'windows' ? 'Windows' : 'Linux/UNIX',
    usageOperation: instance.platform === 'windows' ? 'RunInstances:0002' : 'RunInstances',
  };
}

const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

function describeInstances(context: CallContext): XmlFields {
  const form = context.request.form;
  const ids = listParameter(form, 'InstanceId');
  const filters = filtersOf(form);
  const maxResults = maxResultsOf(form);
  if (ids.length > 0 && maxResults !== undefined) {
    throw new AwsError(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
      400,
    );
  }
  const all = context.regionState?.ec2Instances ?? [];
  let selected: readonly Ec2Instance[] = all;
  if (ids.length > 0) {
    const malformed = ids.find((id) => !INSTANCE_ID.test(id));
    if (malformed) throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`, 400);
    const byId = context.regionState?.ec2ById ?? new Map<string, Ec2Instance>();
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new AwsError(
        'InvalidInstanceID.NotFound',
        missing.length === 1
          ? `The instance ID '${missing[0]}' does not exist`
          : `The instance IDs '${missing.join(', ')}' do not exist`,
        400,
      );
    }
    selected = all.filter((i) => ids.includes(i.instanceId));
  }
  selected = applyFilters(selected, filters, (instance, name) => {
    switch (name) {
      case 'instance-id':
        return [instance.instanceId];
      case 'instance-type':
        return [instance.instanceType];
      case 'instance-state-name':
        return [instance.state];
      case 'vpc-id':
        return [instance.vpcId];
      case 'subnet-id':
        return [instance.subnetId];
      case 'availability-zone':
        return [instance.availabilityZone];
      case 'private-ip-address':
        return [instance.privateIp];
      case 'private-dns-name':
        return [instance.privateDnsName];
      case 'architecture':
        return [instance.architecture];
      default:
        return tagFilter(instance.tags, name);
    }
  });
  const page = paginate(
    selected,
    {
      nextToken: form.get('NextToken') ?? undefined,
      maxResults,
      // Without MaxResults, EC2 returns everything in one response.
      defaultSize: Number.POSITIVE_INFINITY,
      min: 5,
      max: 1000,
      scope: `DescribeInstances|${ids.join(',')}|${JSON.stringify(filters)}`,
    },
    pagingErrors(5, 1000),
  );
  return {
    reservationSet: items(
      page.items.map((instance) => ({
        reservationId: `r-${stableHex(17, instance.instanceId, 'reservation')}`,
        ownerId: context.account,
        groupSet: items([]),
        instancesSet: items([instanceFields(instance, context)]),
      })),
    ),
    nextToken: page.nextToken,
  };
}

function instanceTypeFields(type: InstanceTypeSpec): XmlFields {
  const threads = type.burstable || type.vcpus < 2 ? 1 : 2;
  return {
    instanceType: type.name,
    currentGeneration: true,
    freeTierEligible: false,
    supportedUsageClasses: items(['on-demand', 'spot']),
    supportedRootDeviceTypes: items(['ebs']),
    supportedVirtualizationTypes: items(['hvm']),
    bareMetal: false,
    hypervisor: 'nitro',
    processorInfo: {
      supportedArchitectures: items([type.architecture]),
      sustainedClockSpeedInGhz: type.architecture === 'arm64' ? 2.5 : 3.1,
      manufacturer: type.architecture === 'arm64' ? 'AWS' : 'Intel',
    },
    vCpuInfo: {
      defaultVCpus: type.vcpus,
      defaultCores: Math.max(1, type.vcpus / threads),
      defaultThreadsPerCore: threads,
    },
    memoryInfo: { sizeInMiB: type.memoryMiB },
    instanceStorageSupported: false,
    ebsInfo: { ebsOptimizedSupport: 'default', encryptionSupport: 'supported', nvmeSupport: 'required' },
    networkInfo: {
      networkPerformance: type.networkPerformance ?? 'Up to 10 Gigabit',
      maximumNetworkInterfaces: Math.max(2, Math.ceil(type.maxPods / 15)),
      ipv4AddressesPerInterface: 15,
      ipv6AddressesPerInterface: 15,
      ipv6Supported: true,
      enaSupport: 'required',
      efaSupported: false,
      encryptionInTransitSupported: true,
    },
    gpuInfo: type.gpus
      ? {
          gpus: items([
            {
              name: type.gpus.name,
              manufacturer: type.gpus.manufacturer,
              count: type.gpus.count,
              memoryInfo: { sizeInMiB: type.gpus.memoryMiB },
            },
          ]),
          totalGpuMemoryInMiB: type.gpus.count * type.gpus.memoryMiB,
        }
      : undefined,
    placementGroupInfo: { supportedStrategies: items(['cluster', 'partition', 'spread']) },
    hibernationSupported: false,
    burstablePerformanceSupported: type.burstable === true,
    dedicatedHostsSupported: true,
    autoRecoverySupported: true,
    supportedBootModes: items(['legacy-bios', 'uefi']),
  };
}

function describeInstanceTypes(context: CallContext): XmlFields {
  const form = context.request.form;
  const names = listParameter(form, 'InstanceType');
  if (names.length > 100) {
    throw new AwsError(
      'InvalidParameterValue',
      'The maximum number of instance types in a request is 100.',
      400,
    );
  }
  const catalogue = [...context.state.instanceTypes.values()].sort((a, b) => a.name.localeCompare(b.name));
  let selected = catalogue;
  if (names.length > 0) {
    const unknown = names.filter((name) => !context.state.instanceTypes.has(name));
    if (unknown.length > 0) {
      throw new AwsError(
        'InvalidInstanceType',
        `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
        400,
      );
    }
    selected = catalogue.filter((t) => names.includes(t.name));
  }
  const filters = filtersOf(form);
  selected = applyFilters(selected, filters, (type, name) => {
    switch (name) {
      case 'instance-type':
        return [type.name];
      case 'processor-info.supported-architecture':
        return [type.architecture];
      case 'current-generation':
        return ['true'];
      case 'vcpu-info.default-vcpus':
        return [String(type.vcpus)];
      case 'memory-info.size-in-mib':
        return [String(type.memoryMiB)];
      default:
        return undefined;
    }
  });
  const page = paginate(
    selected,
    {
      nextToken: form.get('NextToken') ?? undefined,
      maxResults: maxResultsOf(form),
      defaultSize: 100,
      min: 5,
      max: 100,
      scope: `DescribeInstanceTypes|${names.join(',')}|${JSON.stringify(filters)}`,
    },
    pagingErrors(5, 100),
  );
  return { instanceTypeSet: items(page.items.map(instanceTypeFields)), nextToken: page.nextToken };
}

function describeRegions(context: CallContext): XmlFields {
  const form = context.request.form;
  const allRegions = form.get('AllRegions') === 'true';
  const names = listParameter(form, 'RegionName');
  const declared = [...(context.state.accounts.get(context.account)?.regions.keys() ?? [])];
  const every = [...new Set([...DEFAULT_ENABLED_REGIONS, ...OPT_IN_REGIONS, ...declared])].sort();
  const rows = every
    .map((name) => {
      const enabled = regionEnabled(context, context.account, name);
      const optIn = OPT_IN_REGIONS.includes(name);
      return {
        regionName: name,
        regionEndpoint: `ec2.${name}.amazonaws.com`,
        optInStatus: !optIn && enabled ? 'opt-in-not-required' : enabled ? 'opted-in' : 'not-opted-in',
        enabled,
      };
    })
    .filter((row) => (names.length > 0 ? names.includes(row.regionName) : allRegions || row.enabled));
  return {
    regionInfo: items(
      rows.map((row) => ({
        regionName: row.regionName,
        regionEndpoint: row.regionEndpoint,
        optInStatus: row.optInStatus,
      })),
    ),
  };
}

function describeSubnets(context: CallContext): XmlFields {
  const form = context.request.form;
  const ids = listParameter(form, 'SubnetId');
  const region = context.regionState;
  const subnets = region?.subnets ?? [];
  const missing = ids.filter((id) => !subnets.some((s) => s.id === id));
  if (missing.length > 0) {
    throw new AwsError(
      'InvalidSubnetID.NotFound',
      `The subnet ID '${missing.join(', ')}' does not exist`,
      400,
    );
  }
  const filters = filtersOf(form);
  const selected = applyFilters(
    subnets.filter((s) => ids.length === 0 || ids.includes(s.id)),
    filters,
    (subnet, name) => {
      switch (name) {
        case 'subnet-id':
          return [subnet.id];
        case 'vpc-id':
          return [region?.vpcId ?? ''];
        case 'availability-zone':
          return [subnet.availabilityZone];
        case 'map-public-ip-on-launch':
          return [String(subnet.public)];
        default:
          return tagFilter({}, name);
      }
    },
  );
  const page = paginate(
    selected,
    {
      nextToken: form.get('NextToken') ?? undefined,
      maxResults: maxResultsOf(form),
      defaultSize: Number.POSITIVE_INFINITY,
      min: 5,
      max: 1000,
      scope: `DescribeSubnets|${ids.join(',')}|${JSON.stringify(filters)}`,
    },
    pagingErrors(5, 1000),
  );
  return {
    subnetSet: items(
      page.items.map((subnet) => ({
        subnetId: subnet.id,
        subnetArn: `arn:aws:ec2:${context.region}:${context.account}:subnet/${subnet.id}`,
        state: 'available',
        vpcId: region?.vpcId,
        ownerId: context.account,
        cidrBlock: subnet.cidrBlock,
        availableIpAddressCount: 4000,
        availabilityZone: subnet.availabilityZone,
        defaultForAz: false,
        mapPublicIpOnLaunch: subnet.public,
        tagSet: tagSet({ Name: `${subnet.public ? 'public' : 'private'}-${subnet.availabilityZone}` }),
      })),
    ),
    nextToken: page.nextToken,
  };
}

function routeTableFields(table: RouteTable, context: CallContext): XmlFields {
  return {
    routeTableId: table.id,
    vpcId: table.vpcId,
    ownerId: context.account,
    routeSet: items(
      table.routes.map((route) => ({
        destinationCidrBlock: route.destinationCidrBlock,
        gatewayId: route.gatewayId,
        natGatewayId: route.natGatewayId,
        state: 'active',
        origin: route.gatewayId === 'local' ? 'CreateRouteTable' : 'CreateRoute',
      })),
    ),
    associationSet: items([
      ...(table.main
        ? [
            {
              main: true,
              routeTableAssociationId: `rtbassoc-${stableHex(17, table.id, 'main')}`,
              routeTableId: table.id,
              associationState: { state: 'associated' },
            },
          ]
        : []),
      ...table.subnetIds.map((subnetId) => ({
        main: false,
        routeTableAssociationId: `rtbassoc-${stableHex(17, table.id, subnetId)}`,
        routeTableId: table.id,
        subnetId,
        associationState: { state: 'associated' },
      })),
    ]),
    propagatingVgwSet: items([]),
    tagSet: items([]),
  };
}

function describeRouteTables(context: CallContext): XmlFields {
  const form = context.request.form;
  const ids = listParameter(form, 'RouteTableId');
  const tables = (context.regionState?.routeTables ?? []).filter(
    (t) => ids.length === 0 || ids.includes(t.id),
  );
  const filters = filtersOf(form);
  const selected = applyFilters(tables, filters, (table, name) => {
    switch (name) {
      case 'route-table-id':
        return [table.id];
      case 'vpc-id':
        return [table.vpcId];
      case 'association.subnet-id':
        return table.subnetIds;
      case 'association.main':
        return [String(table.main)];
      default:
        return tagFilter({}, name);
    }
  });
  const page = paginate(
    selected,
    {
      nextToken: form.get('NextToken') ?? undefined,
      maxResults: maxResultsOf(form),
      defaultSize: Number.POSITIVE_INFINITY,
      min: 5,
      max: 100,
      scope: `DescribeRouteTables|${ids.join(',')}|${JSON.stringify(filters)}`,
    },
    pagingErrors(5, 100),
  );
  return {
    routeTableSet: items(page.items.map((t) => routeTableFields(t, context))),
    nextToken: page.nextToken,
  };
}

const HANDLERS: Readonly<Record<string, (context: CallContext) => XmlFields>> = {
  DescribeInstances: describeInstances,
  DescribeInstanceTypes: describeInstanceTypes,
  DescribeRegions: describeRegions,
  DescribeSubnets: describeSubnets,
  DescribeRouteTables: describeRouteTables,
};

/**
 * DescribeInstances without filters, ids or MaxResults draws from EC2's smaller bucket for
 * unfiltered, unpaginated calls (scan-limits §2.2).
 */
export function isUnfilteredUnpaginated(action: string, form: URLSearchParams): boolean {
  return (
    action === 'DescribeInstances' &&
    !form.has('InstanceId.1') &&
    !form.has('Filter.1.Name') &&
    !form.has('MaxResults')
  );
}

export function handleEc2(context: CallContext): XmlFields {
  const handler = HANDLERS[context.request.action];
  if (!handler) throw COMMON_ERRORS.unknownOperation('ec2', context.request.action);
  return handler(context);
}
