/**
 * Compiles an EKS cluster: the EKS API's view (cluster, node groups, Fargate profiles) and the
 * Kubernetes objects inside it, with what the control plane would have made of the scenario's
 * objects — controllers' dependents, scheduling onto EC2 or Fargate nodes, claims bound to
 * volumes, default namespaces, service accounts and statuses.
 */

import { byCodeUnits } from '../../../lib/model/text-order.js';
import { roundUpToFargateSize } from '../../../lib/sizing/fargate-size.js';
import type {
  EksClusterSpec,
  EksFargateProfileSpec,
  EksNodegroupSpec,
  JsonObject,
  KubeObject,
  KubeOwnerReference,
} from '../scenario/types.js';
import { kubeSuffix, stableHex, stableUuid } from './ids.js';
import { arrayOf, asJson, compact, isObject, stringRecord } from './json.js';
import type { EksClusterState, KubeResourceType } from './model.js';
import { cpuMillis, memoryMiB } from './quantities.js';
import type { RegionContext } from './region-context.js';
import { ScenarioError } from './scenario-error.js';
import { wildcardMatch } from './wildcard.js';

/** The Kubernetes resources the emulator serves, by plural name. */
export const KUBE_RESOURCES: readonly KubeResourceType[] = [
  { resource: 'namespaces', kind: 'Namespace', group: '', version: 'v1', namespaced: false },
  { resource: 'nodes', kind: 'Node', group: '', version: 'v1', namespaced: false },
  { resource: 'pods', kind: 'Pod', group: '', version: 'v1', namespaced: true },
  {
    resource: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    group: '',
    version: 'v1',
    namespaced: true,
  },
  { resource: 'persistentvolumes', kind: 'PersistentVolume', group: '', version: 'v1', namespaced: false },
  { resource: 'services', kind: 'Service', group: '', version: 'v1', namespaced: true },
  { resource: 'serviceaccounts', kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true },
  { resource: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'statefulsets', kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'daemonsets', kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true },
  { resource: 'jobs', kind: 'Job', group: 'batch', version: 'v1', namespaced: true },
  { resource: 'cronjobs', kind: 'CronJob', group: 'batch', version: 'v1', namespaced: true },
  {
    resource: 'storageclasses',
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    version: 'v1',
    namespaced: false,
  },
  {
    resource: 'networkpolicies',
    kind: 'NetworkPolicy',
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: true,
  },
  { resource: 'ingresses', kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', namespaced: true },
];

const RESOURCE_BY_KIND = new Map(KUBE_RESOURCES.map((r) => [r.kind, r]));
const apiVersionOf = (type: KubeResourceType): string =>
  type.group ? `${type.group}/${type.version}` : type.version;

type Dict = Record<string, unknown>;

interface DraftMetadata {
  name: string;
  namespace?: string;
  uid: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ownerReferences?: KubeOwnerReference[];
  creationTimestamp: string;
  resourceVersion?: string;
  generation?: number;
  generateName?: string;
  [field: string]: unknown;
}

/** A mutable object while the cluster is being compiled. */
interface Draft {
  apiVersion: string;
  kind: string;
  metadata: DraftMetadata;
  spec?: Dict;
  status?: Dict;
  [field: string]: unknown;
}

/** The draft's spec, created empty when the object has none yet. */
function specOf(draft: Draft): Dict {
  if (!draft.spec) draft.spec = {};
  return draft.spec;
}

const dict = (value: unknown): Dict => (isObject(value) ? value : {});
const dicts = (value: unknown): Dict[] => arrayOf(value).filter(isObject);

/** True when a Fargate profile selector selects a pod with this namespace and these labels. */
export function selectorSelects(
  selector: EksFargateProfileSpec['selectors'][number],
  namespace: string,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!wildcardMatch(selector.namespace, namespace)) return false;
  return Object.entries(selector.labels ?? {}).every(([key, value]) =>
    Object.entries(labels).some(
      ([labelKey, labelValue]) => wildcardMatch(key, labelKey) && wildcardMatch(value, labelValue),
    ),
  );
}

const EKS_TAINT_EFFECT: Readonly<Record<string, string>> = {
  NoSchedule: 'NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
};

interface NodeInfo {
  readonly draft: Draft;
  readonly name: string;
  readonly address: string;
  readonly subnetId: string;
  readonly fargate: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Dict[];
  readonly allocatable: Readonly<Record<string, string>>;
}

/** Per-pod resource sums as Fargate sizes them (fargate-rules 2a). */
function podRequests(spec: Dict): { cpuMillis: number; memoryMiB: number; any: boolean } {
  const read = (container: Dict, resource: 'cpu' | 'memory'): number | null => {
    const resources = dict(container.resources);
    const raw = dict(resources.requests)[resource] ?? dict(resources.limits)[resource];
    return resource === 'cpu' ? cpuMillis(raw) : memoryMiB(raw);
  };
  const app = dicts(spec.containers);
  const init = dicts(spec.initContainers);
  const sidecars = init.filter((c) => c.restartPolicy === 'Always');
  const plainInit = init.filter((c) => c.restartPolicy !== 'Always');
  const running = [...app, ...sidecars];
  let any = false;
  const sum = (resource: 'cpu' | 'memory'): number =>
    running.reduce((total, c) => {
      const value = read(c, resource);
      if (value !== null) any = true;
      return total + (value ?? 0);
    }, 0);
  const max = (resource: 'cpu' | 'memory'): number =>
    plainInit.reduce((best, c) => {
      const value = read(c, resource);
      if (value !== null) any = true;
      return Math.max(best, value ?? 0);
    }, 0);
  return {
    cpuMillis: Math.max(sum('cpu'), max('cpu')),
    memoryMiB: Math.max(sum('memory'), max('memory')),
    any,
  };
}

/** The `CapacityProvisioned` size EKS gives a Fargate pod, or null when it is too big for Fargate. */
export function fargateCapacityOf(spec: Dict): { cpu: number; memoryMiB: number } | null {
  const requests = podRequests(spec);
  if (!requests.any) return { cpu: 256, memoryMiB: 512 };
  return roundUpToFargateSize((requests.cpuMillis * 1024) / 1000, requests.memoryMiB + 256, 'linux');
}

const formatCapacity = (size: { cpu: number; memoryMiB: number }): string =>
  `${size.cpu / 1024}vCPU ${size.memoryMiB / 1024}GB`;

class KubernetesCompiler {
  private readonly drafts: Draft[] = [];
  // Indexes keep a 20,000-pod scenario linear: by kind/namespace/name, and by owner.
  private readonly byKey = new Map<string, Draft>();
  private readonly byOwner = new Map<string, Draft[]>();
  private readonly nodes: NodeInfo[] = [];
  private readonly nodesByName = new Map<string, NodeInfo>();
  private fargateNodeCount = 0;
  private readonly timestamps = new Map<number, string>();
  private readonly imageIds = new Map<string, string>();
  private resourceVersion = 1000;
  private scheduleCursor = 0;
  private readonly creation: string;

  constructor(
    private readonly spec: EksClusterSpec,
    private readonly ctx: RegionContext,
    private readonly version: string,
  ) {
    this.creation = new Date(ctx.epochMs - 14 * 24 * 3600 * 1000).toISOString().replace('.000Z', 'Z');
  }

  private timestamp(offsetMinutes: number): string {
    // Objects are created a minute apart, capped at a day so huge scenarios stay in the past.
    const minutes = Math.min(offsetMinutes, 24 * 60);
    let text = this.timestamps.get(minutes);
    if (text === undefined) {
      text = new Date(this.ctx.epochMs - 14 * 24 * 3600 * 1000 + minutes * 60_000)
        .toISOString()
        .replace('.000Z', 'Z');
      this.timestamps.set(minutes, text);
    }
    return text;
  }

  private find(kind: string, namespace: string | undefined, name: string): Draft | undefined {
    return this.byKey.get(`${kind}/${namespace ?? ''}/${name}`);
  }

  private indexOwners(draft: Draft): void {
    for (const ref of draft.metadata.ownerReferences ?? []) {
      const key = `${ref.kind}/${draft.metadata.namespace ?? ''}/${ref.name}`;
      const list = this.byOwner.get(key);
      if (list) list.push(draft);
      else this.byOwner.set(key, [draft]);
    }
  }

  private addNode(info: NodeInfo): void {
    this.nodes.push(info);
    this.nodesByName.set(info.name, info);
    if (info.fargate) this.fargateNodeCount += 1;
  }

  /** Register an object; callers hand over a fresh object (the scenario's own are cloned first). */
  private add(object: KubeObject | Draft, origin: string): Draft {
    const type = RESOURCE_BY_KIND.get(object.kind);
    if (!type) {
      throw new ScenarioError(
        `EKS cluster ${this.spec.name}: ${origin} has kind ${object.kind}; supported: ${[...RESOURCE_BY_KIND.keys()].join(', ')}`,
      );
    }
    const copy = object as unknown as Draft;
    const metadata = dict(copy.metadata) as Partial<DraftMetadata>;
    if (typeof metadata.name !== 'string' || metadata.name === '') {
      throw new ScenarioError(`EKS cluster ${this.spec.name}: a ${object.kind} has no metadata.name`);
    }
    const namespace = type.namespaced ? (metadata.namespace ?? 'default') : undefined;
    if (this.find(object.kind, namespace, metadata.name)) {
      throw new ScenarioError(
        `EKS cluster ${this.spec.name}: ${object.kind} ${namespace ? `${namespace}/` : ''}${metadata.name} declared twice`,
      );
    }
    copy.apiVersion = apiVersionOf(type);
    copy.metadata = {
      ...metadata,
      name: metadata.name,
      ...(namespace ? { namespace } : {}),
      uid:
        metadata.uid ??
        stableUuid(
          this.ctx.account,
          this.ctx.region,
          this.spec.name,
          object.kind,
          namespace ?? '',
          metadata.name,
        ),
      labels: { ...metadata.labels },
      annotations: { ...metadata.annotations },
      creationTimestamp: metadata.creationTimestamp ?? this.timestamp(this.drafts.length),
    };
    if (metadata.ownerReferences) copy.metadata.ownerReferences = [...metadata.ownerReferences];
    this.drafts.push(copy);
    this.byKey.set(`${copy.kind}/${namespace ?? ''}/${copy.metadata.name}`, copy);
    this.indexOwners(copy);
    return copy;
  }

  private ownerRef(owner: Draft): KubeOwnerReference {
    return {
      apiVersion: owner.apiVersion,
      kind: owner.kind,
      name: owner.metadata.name,
      uid: owner.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    };
  }

  private dependentsOf(owner: Draft, kind: string): Draft[] {
    const key = `${owner.kind}/${owner.metadata.namespace ?? ''}/${owner.metadata.name}`;
    return (this.byOwner.get(key) ?? []).filter((d) => d.kind === kind);
  }

  /** Owner references written by name only get the owner's uid, as the API server would hold it. */
  private resolveOwnerUids(): void {
    for (const draft of this.drafts) {
      draft.metadata.ownerReferences = draft.metadata.ownerReferences?.map((ref) => {
        if (ref.uid) return ref;
        const owner = this.find(ref.kind, draft.metadata.namespace, ref.name);
        if (!owner) {
          throw new ScenarioError(
            `EKS cluster ${this.spec.name}: ${draft.kind} ${draft.metadata.name} is owned by missing ${ref.kind} ${ref.name}`,
          );
        }
        return { ...ref, uid: owner.metadata.uid };
      });
    }
  }

  // -----------------------------------------------------------------------------------------
  // Nodes

  addNodegroupNodes(nodegroup: EksNodegroupSpec): void {
    const asgName = `eks-${nodegroup.name}-${stableUuid(this.spec.name, nodegroup.name).slice(0, 36)}`;
    for (let i = 0; i < nodegroup.desiredSize; i += 1) {
      const instanceTypeName = nodegroup.instanceTypes[i % nodegroup.instanceTypes.length];
      if (!instanceTypeName) throw new ScenarioError(`node group ${nodegroup.name} lists no instance types`);
      const type = this.ctx.instanceType(instanceTypeName);
      const instance = this.ctx.addInstance({
        instanceId: `i-${stableHex(17, this.ctx.account, this.ctx.region, this.spec.name, nodegroup.name, i)}`,
        instanceType: instanceTypeName,
        spot: nodegroup.capacityType === 'SPOT',
        instanceProfileArn: `arn:aws:iam::${this.ctx.account}:instance-profile/eks-${stableHex(8, nodegroup.name)}`,
        tags: {
          Name: `${this.spec.name}-${nodegroup.name}-Node`,
          'eks:cluster-name': this.spec.name,
          'eks:nodegroup-name': nodegroup.name,
          [`kubernetes.io/cluster/${this.spec.name}`]: 'owned',
          'aws:autoscaling:groupName': asgName,
          'k8s.io/cluster-autoscaler/enabled': 'true',
          ...nodegroup.tags,
        },
      });
      const arch = type.architecture === 'arm64' ? 'arm64' : 'amd64';
      const labels: Record<string, string> = {
        'beta.kubernetes.io/arch': arch,
        'beta.kubernetes.io/instance-type': type.name,
        'beta.kubernetes.io/os': 'linux',
        'eks.amazonaws.com/capacityType': nodegroup.capacityType ?? 'ON_DEMAND',
        'eks.amazonaws.com/nodegroup': nodegroup.name,
        'eks.amazonaws.com/nodegroup-image': instance.imageId,
        'failure-domain.beta.kubernetes.io/region': this.ctx.region,
        'failure-domain.beta.kubernetes.io/zone': instance.availabilityZone,
        'kubernetes.io/arch': arch,
        'kubernetes.io/hostname': instance.privateDnsName,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': type.name,
        'topology.kubernetes.io/region': this.ctx.region,
        'topology.kubernetes.io/zone': instance.availabilityZone,
        ...(type.gpus
          ? { 'k8s.amazonaws.com/accelerator': `nvidia-tesla-${type.gpus.name.toLowerCase()}` }
          : {}),
        ...nodegroup.labels,
      };
      // kubelet reservations of the EKS AMI: CPU 6%/1%/0.5%/0.25% per core band, memory 255Mi + 11Mi per pod, eviction 100Mi.
      const cores = type.vcpus;
      const reservedCpu =
        60 + (cores > 1 ? 10 : 0) + Math.max(0, Math.min(cores, 4) - 2) * 5 + Math.max(0, cores - 4) * 2.5;
      const capacityMemoryKi = Math.floor(type.memoryMiB * 0.95) * 1024;
      const allocatableMemoryKi = capacityMemoryKi - (255 + 11 * type.maxPods + 100) * 1024;
      const gpu: Record<string, string> = type.gpus ? { 'nvidia.com/gpu': String(type.gpus.count) } : {};
      const capacity: Record<string, string> = {
        cpu: String(cores),
        'ephemeral-storage': '20959212Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${capacityMemoryKi}Ki`,
        pods: String(type.maxPods),
        ...gpu,
      };
      const allocatable: Record<string, string> = {
        cpu: `${Math.floor(cores * 1000 - reservedCpu)}m`,
        'ephemeral-storage': '18242267924',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory: `${allocatableMemoryKi}Ki`,
        pods: String(type.maxPods),
        ...gpu,
      };
      const taints = (nodegroup.taints ?? []).map((t) =>
        compact({ key: t.key, value: t.value, effect: t.effect }),
      );
      const draft = this.add(
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name: instance.privateDnsName,
            labels,
            annotations: {
              'alpha.kubernetes.io/provided-node-ip': instance.privateIp,
              'node.alpha.kubernetes.io/ttl': '0',
              'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
            },
          },
          spec: compact({
            providerID: `aws:///${instance.availabilityZone}/${instance.instanceId}`,
            taints: taints.length > 0 ? taints : undefined,
          }),
          status: this.nodeStatus(
            instance.privateIp,
            instance.privateDnsName,
            capacity,
            allocatable,
            arch,
            false,
          ),
        },
        `node group ${nodegroup.name}`,
      );
      this.addNode({
        draft,
        name: instance.privateDnsName,
        address: instance.privateIp,
        subnetId: instance.subnetId,
        fargate: false,
        labels,
        taints,
        allocatable,
      });
    }
  }

  private nodeStatus(
    address: string,
    hostname: string,
    capacity: Record<string, string>,
    allocatable: Record<string, string>,
    arch: string,
    fargate: boolean,
  ): JsonObject {
    const heartbeat = new Date(this.ctx.epochMs).toISOString().replace('.000Z', 'Z');
    return {
      addresses: [
        { type: 'InternalIP', address },
        { type: 'InternalDNS', address: hostname },
        { type: 'Hostname', address: hostname },
      ],
      allocatable,
      capacity,
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: this.creation,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: this.creation,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: this.creation,
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          lastHeartbeatTime: heartbeat,
          lastTransitionTime: this.creation,
        },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: arch,
        bootID: stableUuid(hostname, 'boot'),
        containerRuntimeVersion: 'containerd://1.7.27',
        kernelVersion: fargate ? '5.10.234-225.910.amzn2.x86_64' : '6.1.132-147.221.amzn2023.x86_64',
        kubeProxyVersion: '',
        kubeletVersion: `v${this.version}.4-eks-${stableHex(7, this.version)}`,
        machineID: stableHex(32, hostname, 'machine'),
        operatingSystem: 'linux',
        osImage: fargate ? 'Amazon Linux 2' : 'Amazon Linux 2023.7.20250512',
        systemUUID: stableHex(32, hostname, 'system'),
      },
    };
  }

  private addFargateNode(
    profile: EksFargateProfileSpec,
    pod: Draft,
    size: { cpu: number; memoryMiB: number },
  ): NodeInfo {
    const subnets =
      profile.subnets && profile.subnets.length > 0
        ? profile.subnets
        : this.ctx.privateSubnets().map((s) => s.id);
    const subnet = this.ctx.subnet(subnets[this.fargateNodeCount % subnets.length]!);
    const address = this.ctx.allocateAddress(subnet);
    const name = `fargate-${this.ctx.privateDnsName(address)}`;
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'eks.amazonaws.com/compute-type': 'fargate',
      'eks.amazonaws.com/fargate-profile': profile.name,
      'failure-domain.beta.kubernetes.io/region': this.ctx.region,
      'failure-domain.beta.kubernetes.io/zone': subnet.availabilityZone,
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': this.ctx.privateDnsName(address),
      'kubernetes.io/os': 'linux',
      'topology.k8s.aws/zone-id': `use1-az${(subnet.availabilityZone.charCodeAt(subnet.availabilityZone.length - 1) % 6) + 1}`,
      'topology.kubernetes.io/region': this.ctx.region,
      'topology.kubernetes.io/zone': subnet.availabilityZone,
    };
    const resources = { cpu: String(size.cpu / 1024), memory: `${size.memoryMiB * 1024}Ki`, pods: '1' };
    const taints = [{ key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' }];
    const draft = this.add(
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          labels,
          annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
          creationTimestamp: pod.metadata.creationTimestamp,
        },
        spec: {
          providerID: `aws:///${subnet.availabilityZone}/${stableHex(32, name)}/${name}`,
          taints,
        },
        status: this.nodeStatus(address, name, resources, resources, 'amd64', true),
      },
      `Fargate profile ${profile.name}`,
    );
    const info: NodeInfo = {
      draft,
      name,
      address,
      subnetId: subnet.id,
      fargate: true,
      labels,
      taints,
      allocatable: resources,
    };
    this.addNode(info);
    return info;
  }

  // -----------------------------------------------------------------------------------------
  // Controllers

  private podFromTemplate(
    template: Dict,
    owner: Draft,
    name: string,
    extraLabels: Record<string, string>,
    extraSpec: Dict = {},
  ): Draft {
    const templateMetadata = dict(template.metadata);
    const spec = structuredClone(dict(template.spec));
    return this.add(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: owner.metadata.namespace,
          labels: { ...stringRecord(templateMetadata.labels), ...extraLabels },
          annotations: stringRecord(templateMetadata.annotations),
          ownerReferences: [this.ownerRef(owner)],
          creationTimestamp: owner.metadata.creationTimestamp,
        },
        spec: asJson({ ...spec, ...extraSpec }) as JsonObject,
      },
      `${owner.kind} ${owner.metadata.name}`,
    );
  }

  private expandCronJobs(): void {
    for (const cronJob of this.drafts.filter((d) => d.kind === 'CronJob')) {
      if (this.dependentsOf(cronJob, 'Job').length > 0 || dict(cronJob.spec).suspend === true) continue;
      const jobTemplate = dict(dict(cronJob.spec).jobTemplate);
      const scheduledMinute = Math.floor(this.ctx.epochMs / 60_000) - 30;
      const job = this.add(
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name: `${cronJob.metadata.name}-${scheduledMinute}`,
            namespace: cronJob.metadata.namespace,
            labels: stringRecord(dict(jobTemplate.metadata).labels),
            annotations: {
              'batch.kubernetes.io/cronjob-scheduled-timestamp': new Date(
                scheduledMinute * 60_000,
              ).toISOString(),
            },
            ownerReferences: [this.ownerRef(cronJob)],
            creationTimestamp: new Date(scheduledMinute * 60_000).toISOString().replace('.000Z', 'Z'),
          },
          spec: asJson(structuredClone(dict(jobTemplate.spec))) as JsonObject,
        },
        `CronJob ${cronJob.metadata.name}`,
      );
      cronJob.status = {
        ...cronJob.status,
        lastScheduleTime: job.metadata.creationTimestamp,
        active: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: job.metadata.name,
            namespace: job.metadata.namespace,
            uid: job.metadata.uid,
          },
        ],
      };
    }
  }

  private expandDeployments(): void {
    for (const deployment of this.drafts.filter((d) => d.kind === 'Deployment')) {
      const spec = dict(deployment.spec);
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      deployment.metadata.generation ??= 1;
      deployment.metadata.annotations['deployment.kubernetes.io/revision'] ??= '1';
      if (this.dependentsOf(deployment, 'ReplicaSet').length > 0) continue;
      const template = dict(spec.template);
      const hash = kubeSuffix(10, deployment.metadata.uid, JSON.stringify(template));
      this.add(
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: `${deployment.metadata.name}-${hash}`,
            namespace: deployment.metadata.namespace,
            labels: { ...stringRecord(dict(template.metadata).labels), 'pod-template-hash': hash },
            annotations: {
              'deployment.kubernetes.io/desired-replicas': String(replicas),
              'deployment.kubernetes.io/max-replicas': String(
                replicas + Math.max(1, Math.ceil(replicas / 4)),
              ),
              'deployment.kubernetes.io/revision': '1',
            },
            ownerReferences: [this.ownerRef(deployment)],
            creationTimestamp: deployment.metadata.creationTimestamp,
          },
          spec: asJson({
            replicas,
            selector: {
              ...dict(spec.selector),
              matchLabels: { ...stringRecord(dict(spec.selector).matchLabels), 'pod-template-hash': hash },
            },
            template: {
              ...template,
              metadata: {
                ...dict(template.metadata),
                labels: { ...stringRecord(dict(template.metadata).labels), 'pod-template-hash': hash },
              },
            },
          }) as JsonObject,
        },
        `Deployment ${deployment.metadata.name}`,
      );
    }
  }

  private expandReplicaSets(): void {
    for (const replicaSet of this.drafts.filter((d) => d.kind === 'ReplicaSet')) {
      if (this.dependentsOf(replicaSet, 'Pod').length > 0) continue;
      const spec = dict(replicaSet.spec);
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const template = dict(spec.template);
      for (let i = 0; i < replicas; i += 1) {
        this.podFromTemplate(
          template,
          replicaSet,
          `${replicaSet.metadata.name}-${kubeSuffix(5, replicaSet.metadata.uid, i)}`,
          {},
        );
      }
    }
  }

  private expandStatefulSets(): void {
    for (const statefulSet of this.drafts.filter((d) => d.kind === 'StatefulSet')) {
      const spec = dict(statefulSet.spec);
      statefulSet.metadata.generation ??= 1;
      if (this.dependentsOf(statefulSet, 'Pod').length > 0) continue;
      const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
      const revision = `${statefulSet.metadata.name}-${kubeSuffix(10, statefulSet.metadata.uid)}`;
      const claimTemplates = dicts(spec.volumeClaimTemplates);
      for (let i = 0; i < replicas; i += 1) {
        const podName = `${statefulSet.metadata.name}-${i}`;
        const claimVolumes = claimTemplates.map((claimTemplate) => {
          const templateName = String(dict(claimTemplate.metadata).name ?? 'data');
          const claimName = `${templateName}-${podName}`;
          if (!this.find('PersistentVolumeClaim', statefulSet.metadata.namespace, claimName)) {
            this.add(
              {
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                metadata: {
                  name: claimName,
                  namespace: statefulSet.metadata.namespace,
                  labels: stringRecord(dict(spec.selector).matchLabels),
                  creationTimestamp: statefulSet.metadata.creationTimestamp,
                },
                spec: asJson(structuredClone(dict(claimTemplate.spec))) as JsonObject,
              },
              `StatefulSet ${statefulSet.metadata.name}`,
            );
          }
          return { name: templateName, persistentVolumeClaim: { claimName } };
        });
        const template = dict(spec.template);
        const templateSpec = dict(template.spec);
        this.podFromTemplate(
          template,
          statefulSet,
          podName,
          {
            'apps.kubernetes.io/pod-index': String(i),
            'controller-revision-hash': revision,
            'statefulset.kubernetes.io/pod-name': podName,
          },
          {
            hostname: podName,
            ...(typeof spec.serviceName === 'string' ? { subdomain: spec.serviceName } : {}),
            volumes: [...dicts(templateSpec.volumes), ...claimVolumes],
          },
        );
      }
      statefulSet.status ??= {
        observedGeneration: 1,
        replicas,
        currentReplicas: replicas,
        updatedReplicas: replicas,
        currentRevision: revision,
        updateRevision: revision,
        collisionCount: 0,
      };
    }
  }

  private expandDaemonSets(): void {
    for (const daemonSet of this.drafts.filter((d) => d.kind === 'DaemonSet')) {
      daemonSet.metadata.generation ??= 1;
      if (this.dependentsOf(daemonSet, 'Pod').length > 0) continue;
      const template = dict(dict(daemonSet.spec).template);
      const podSpec = dict(template.spec);
      const hash = kubeSuffix(10, daemonSet.metadata.uid);
      for (const node of this.nodes.filter((n) => !n.fargate && this.fits(podSpec, n))) {
        this.podFromTemplate(
          template,
          daemonSet,
          `${daemonSet.metadata.name}-${kubeSuffix(5, daemonSet.metadata.uid, node.name)}`,
          { 'controller-revision-hash': hash, 'pod-template-generation': '1' },
          { nodeName: node.name },
        );
      }
    }
  }

  private expandJobs(): void {
    for (const job of this.drafts.filter((d) => d.kind === 'Job')) {
      if (this.dependentsOf(job, 'Pod').length > 0) continue;
      const spec = dict(job.spec);
      const completions = typeof spec.completions === 'number' ? spec.completions : 1;
      const parallelism = typeof spec.parallelism === 'number' ? spec.parallelism : 1;
      const active = Math.min(completions, parallelism);
      const controllerLabels = {
        'batch.kubernetes.io/controller-uid': job.metadata.uid,
        'batch.kubernetes.io/job-name': job.metadata.name,
        'controller-uid': job.metadata.uid,
        'job-name': job.metadata.name,
      };
      job.metadata.labels = { ...controllerLabels, ...job.metadata.labels };
      for (let i = 0; i < active; i += 1) {
        this.podFromTemplate(
          dict(spec.template),
          job,
          `${job.metadata.name}-${kubeSuffix(5, job.metadata.uid, i)}`,
          {
            ...controllerLabels,
            ...(spec.completionMode === 'Indexed'
              ? { 'batch.kubernetes.io/job-completion-index': String(i) }
              : {}),
          },
        );
      }
      job.status ??= {
        active,
        ready: active,
        startTime: job.metadata.creationTimestamp,
        terminating: 0,
        uncountedTerminatedPods: {},
      };
    }
  }

  // -----------------------------------------------------------------------------------------
  // Scheduling

  private tolerates(podSpec: Dict, taint: Dict): boolean {
    if (taint.effect === 'PreferNoSchedule') return true;
    return dicts(podSpec.tolerations).some((toleration) => {
      if (toleration.effect !== undefined && toleration.effect !== taint.effect) return false;
      if (toleration.operator === 'Exists')
        return toleration.key === undefined || toleration.key === taint.key;
      return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
    });
  }

  private fits(podSpec: Dict, node: NodeInfo): boolean {
    const selector = stringRecord(podSpec.nodeSelector);
    if (!Object.entries(selector).every(([key, value]) => node.labels[key] === value)) return false;
    if (!node.taints.every((taint) => this.tolerates(podSpec, taint))) return false;
    const extended = new Set<string>();
    for (const container of [...dicts(podSpec.containers), ...dicts(podSpec.initContainers)]) {
      const resources = dict(container.resources);
      for (const key of [...Object.keys(dict(resources.requests)), ...Object.keys(dict(resources.limits))]) {
        if (key.includes('/')) extended.add(key);
      }
    }
    return [...extended].every((resource) => Number.parseInt(node.allocatable[resource] ?? '0', 10) > 0);
  }

  private fargateProfileFor(pod: Draft): EksFargateProfileSpec | null {
    const podSpec = dict(pod.spec);
    if (pod.metadata.annotations['eks.amazonaws.com/compute-type'] === 'ec2') return null;
    if ((pod.metadata.ownerReferences ?? []).some((ref) => ref.kind === 'DaemonSet')) return null;
    if (typeof podSpec.nodeName === 'string') return null;
    const profiles = [...(this.spec.fargateProfiles ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    const pinned = pod.metadata.labels['eks.amazonaws.com/fargate-profile'];
    const namespace = pod.metadata.namespace ?? 'default';
    const candidates = profiles.filter((profile) =>
      profile.selectors.some((selector) => selectorSelects(selector, namespace, pod.metadata.labels)),
    );
    if (pinned) return candidates.find((profile) => profile.name === pinned) ?? null;
    return candidates[0] ?? null;
  }

  private schedule(): void {
    for (const pod of this.drafts.filter((d) => d.kind === 'Pod')) {
      const spec = specOf(pod);
      if (pod.status && typeof pod.status.phase === 'string' && typeof spec.nodeName !== 'string') continue;
      const profile = this.fargateProfileFor(pod);
      if (profile) {
        const size = fargateCapacityOf(spec);
        if (!size) {
          this.markPending(
            pod,
            'Pod not supported on Fargate: pod resources exceed the largest Fargate size',
            'fargate-scheduler',
          );
          continue;
        }
        const node = this.addFargateNode(profile, pod, size);
        spec.nodeName = node.name;
        spec.schedulerName = 'fargate-scheduler';
        spec.tolerations = [
          ...dicts(spec.tolerations),
          {
            key: 'eks.amazonaws.com/compute-type',
            operator: 'Equal',
            value: 'fargate',
            effect: 'NoSchedule',
          },
        ];
        pod.metadata.labels['eks.amazonaws.com/fargate-profile'] = profile.name;
        pod.metadata.annotations.CapacityProvisioned = formatCapacity(size);
        pod.metadata.annotations.Logging = 'LoggingDisabled: LOGGING_CONFIGMAP_NOT_FOUND';
        continue;
      }
      if (typeof spec.nodeName === 'string') continue;
      const candidates = this.nodes.filter((node) => !node.fargate && this.fits(spec, node));
      if (candidates.length === 0) {
        this.markPending(
          pod,
          `0/${this.nodes.filter((n) => !n.fargate).length} nodes are available: no node matches the pod's node selector, tolerations or extended resources.`,
          'default-scheduler',
        );
        continue;
      }
      spec.nodeName = candidates[this.scheduleCursor % candidates.length]!.name;
      this.scheduleCursor += 1;
    }
  }

  private imageIdOf(image: string): string {
    let id = this.imageIds.get(image);
    if (id === undefined) {
      id = `${image.split(':')[0]}@sha256:${stableHex(64, image)}`;
      this.imageIds.set(image, id);
    }
    return id;
  }

  private markPending(pod: Draft, message: string, scheduler: string): void {
    const spec = specOf(pod);
    spec.schedulerName = scheduler;
    pod.status = {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message,
          lastProbeTime: null,
          lastTransitionTime: pod.metadata.creationTimestamp,
        },
      ],
      qosClass: qosClassOf(spec),
    };
  }

  // -----------------------------------------------------------------------------------------
  // What admission and the kubelet add to a running pod

  private finishPods(): void {
    const serviceAccounts = new Map<string, Draft>();
    for (const sa of this.drafts.filter((d) => d.kind === 'ServiceAccount')) {
      serviceAccounts.set(`${sa.metadata.namespace}/${sa.metadata.name}`, sa);
    }
    for (const pod of this.drafts.filter((d) => d.kind === 'Pod')) {
      const spec = specOf(pod);
      const namespace = pod.metadata.namespace ?? 'default';
      const serviceAccountName =
        typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : 'default';
      spec.serviceAccountName = serviceAccountName;
      spec.serviceAccount = serviceAccountName;
      spec.restartPolicy ??= 'Always';
      spec.dnsPolicy ??= 'ClusterFirst';
      spec.schedulerName ??= 'default-scheduler';
      spec.terminationGracePeriodSeconds ??= 30;
      spec.enableServiceLinks ??= true;
      spec.priority ??= 0;
      spec.preemptionPolicy ??= 'PreemptLowerPriority';
      spec.tolerations = [
        ...dicts(spec.tolerations),
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ];
      const volumes = dicts(spec.volumes);
      const mounts: Dict[] = [];
      const env: Dict[] = [];
      const roleArn = serviceAccounts.get(`${namespace}/${serviceAccountName}`)?.metadata.annotations[
        'eks.amazonaws.com/role-arn'
      ];
      if (roleArn) {
        // The EKS pod identity webhook (IRSA) projects a web identity token and points the SDKs at it.
        volumes.push({
          name: 'aws-iam-token',
          projected: {
            defaultMode: 420,
            sources: [
              {
                serviceAccountToken: {
                  audience: 'sts.amazonaws.com',
                  expirationSeconds: 86400,
                  path: 'token',
                },
              },
            ],
          },
        });
        mounts.push({
          name: 'aws-iam-token',
          mountPath: '/var/run/secrets/eks.amazonaws.com/serviceaccount',
          readOnly: true,
        });
        env.push(
          { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' },
          { name: 'AWS_DEFAULT_REGION', value: this.ctx.region },
          { name: 'AWS_REGION', value: this.ctx.region },
          { name: 'AWS_ROLE_ARN', value: roleArn },
          {
            name: 'AWS_WEB_IDENTITY_TOKEN_FILE',
            value: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
          },
        );
      }
      if (spec.automountServiceAccountToken !== false) {
        const tokenVolume = `kube-api-access-${kubeSuffix(5, pod.metadata.uid)}`;
        volumes.push({
          name: tokenVolume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                downwardAPI: {
                  items: [
                    { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                  ],
                },
              },
            ],
          },
        });
        mounts.push({
          name: tokenVolume,
          mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
          readOnly: true,
        });
      }
      spec.volumes = volumes;
      for (const key of ['containers', 'initContainers'] as const) {
        if (!Array.isArray(spec[key])) continue;
        spec[key] = dicts(spec[key]).map((container) => ({
          imagePullPolicy: String(container.image ?? '').endsWith(':latest') ? 'Always' : 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
          ...container,
          env: [...dicts(container.env), ...env],
          volumeMounts: [...dicts(container.volumeMounts), ...mounts],
        }));
      }
      if (pod.status?.phase === 'Pending') continue;
      const node = typeof spec.nodeName === 'string' ? this.nodesByName.get(spec.nodeName) : undefined;
      const hostIP = node?.address ?? null;
      const podIP =
        spec.hostNetwork === true || node?.fargate
          ? hostIP
          : node
            ? this.ctx.allocateAddress(this.ctx.subnet(node.subnetId))
            : null;
      const started = pod.metadata.creationTimestamp;
      const statuses = (key: 'containers' | 'initContainers'): Dict[] =>
        dicts(spec[key]).map((container) => {
          const name = String(container.name ?? '');
          const sidecar = key === 'initContainers' && container.restartPolicy === 'Always';
          const done = key === 'initContainers' && !sidecar;
          return {
            name,
            image: container.image ?? null,
            imageID: this.imageIdOf(String(container.image ?? '')),
            containerID: `containerd://${stableHex(64, pod.metadata.uid, name)}`,
            ready: !done,
            started: !done,
            restartCount: 0,
            state: done
              ? { terminated: { exitCode: 0, reason: 'Completed', startedAt: started, finishedAt: started } }
              : { running: { startedAt: started } },
            lastState: {},
          };
        });
      const initStatuses = statuses('initContainers');
      pod.status = {
        phase: 'Running',
        conditions: [
          'PodReadyToStartContainers',
          'Initialized',
          'Ready',
          'ContainersReady',
          'PodScheduled',
        ].map((type) => ({
          type,
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: started,
        })),
        hostIP,
        hostIPs: hostIP ? [{ ip: hostIP }] : [],
        podIP,
        podIPs: podIP ? [{ ip: podIP }] : [],
        startTime: started,
        containerStatuses: statuses('containers'),
        ...(initStatuses.length > 0 ? { initContainerStatuses: initStatuses } : {}),
        qosClass: qosClassOf(spec),
        ...pod.status,
      };
    }
  }

  // -----------------------------------------------------------------------------------------
  // Storage

  private bindClaims(): void {
    const classes = this.drafts.filter((d) => d.kind === 'StorageClass');
    if (!classes.some((c) => c.metadata.name === 'gp2')) {
      // EKS clusters come with a gp2 class; before 1.30 it was also the default.
      const defaultBefore130 = Number.parseFloat(this.version) < 1.3 && !classes.some(isDefaultClass);
      classes.push(
        this.add(
          {
            apiVersion: 'storage.k8s.io/v1',
            kind: 'StorageClass',
            metadata: {
              name: 'gp2',
              annotations: defaultBefore130 ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {},
            },
            provisioner: 'kubernetes.io/aws-ebs',
            parameters: { fsType: 'ext4', type: 'gp2' },
            reclaimPolicy: 'Delete',
            volumeBindingMode: 'WaitForFirstConsumer',
          },
          'EKS defaults',
        ),
      );
    }
    const defaultClass = classes.find(isDefaultClass);
    const declaredVolumes = this.drafts.filter((d) => d.kind === 'PersistentVolume');
    for (const claim of this.drafts.filter((d) => d.kind === 'PersistentVolumeClaim')) {
      const spec = specOf(claim);
      if (spec.storageClassName === undefined && defaultClass && typeof spec.volumeName !== 'string') {
        spec.storageClassName = defaultClass.metadata.name;
      }
      spec.volumeMode ??= 'Filesystem';
      const request = String(dict(dict(spec.resources).requests).storage ?? '1Gi');
      const accessModes = arrayOf(spec.accessModes).length > 0 ? spec.accessModes : ['ReadWriteOnce'];
      let volume =
        typeof spec.volumeName === 'string'
          ? this.find('PersistentVolume', undefined, spec.volumeName)
          : undefined;
      if (!volume && typeof spec.volumeName !== 'string') {
        volume = declaredVolumes.find(
          (d) =>
            d.status?.phase !== 'Bound' &&
            !isObject(dict(d.spec).claimRef) &&
            (dict(d.spec).storageClassName ?? '') === (spec.storageClassName ?? ''),
        );
        const storageClass = classes.find((c) => c.metadata.name === spec.storageClassName);
        if (!volume && storageClass && storageClass.provisioner !== 'kubernetes.io/no-provisioner') {
          volume = this.provisionVolume(claim, storageClass, request, accessModes);
        }
      }
      if (!volume) {
        claim.status = { phase: 'Pending' };
        continue;
      }
      spec.volumeName = volume.metadata.name;
      claim.metadata.annotations['pv.kubernetes.io/bind-completed'] = 'yes';
      claim.metadata.annotations['pv.kubernetes.io/bound-by-controller'] = 'yes';
      volume.spec = {
        ...volume.spec,
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: claim.metadata.name,
          namespace: claim.metadata.namespace,
          uid: claim.metadata.uid,
        },
      };
      volume.status = { phase: 'Bound' };
      claim.status = {
        phase: 'Bound',
        accessModes: asJson(accessModes),
        capacity: { storage: String(dict(dict(volume.spec).capacity).storage ?? request) },
      };
    }
    for (const volume of this.drafts.filter((d) => d.kind === 'PersistentVolume'))
      volume.status ??= { phase: 'Available' };
  }

  private provisionVolume(claim: Draft, storageClass: Draft, request: string, accessModes: unknown): Draft {
    const provisioner = String(storageClass.provisioner);
    const parameters = stringRecord(storageClass.parameters);
    const zone = this.ctx.privateSubnets()[0]!.availabilityZone;
    const source: Dict =
      provisioner === 'kubernetes.io/aws-ebs'
        ? {
            awsElasticBlockStore: {
              volumeID: `aws://${zone}/vol-${stableHex(17, claim.metadata.uid)}`,
              fsType: 'ext4',
            },
          }
        : provisioner === 'efs.csi.aws.com'
          ? {
              csi: {
                driver: provisioner,
                volumeHandle: `${parameters.fileSystemId ?? `fs-${stableHex(17, 'efs', this.spec.name)}`}::fsap-${stableHex(17, claim.metadata.uid)}`,
              },
            }
          : {
              csi: {
                driver: provisioner,
                volumeHandle:
                  provisioner === 'ebs.csi.aws.com'
                    ? `vol-${stableHex(17, claim.metadata.uid)}`
                    : stableUuid(claim.metadata.uid),
                fsType: 'ext4',
                volumeAttributes: {
                  'storage.kubernetes.io/csiProvisionerIdentity': `${Math.floor(this.ctx.epochMs / 1000)}-${provisioner}`,
                },
              },
            };
    const zonal = provisioner === 'kubernetes.io/aws-ebs' || provisioner === 'ebs.csi.aws.com';
    claim.metadata.annotations['volume.kubernetes.io/storage-provisioner'] = provisioner;
    claim.metadata.annotations['volume.beta.kubernetes.io/storage-provisioner'] = provisioner;
    return this.add(
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: {
          name: `pvc-${claim.metadata.uid}`,
          annotations: {
            'pv.kubernetes.io/provisioned-by': provisioner,
            'volume.kubernetes.io/provisioner-deletion-secret-name': '',
            'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
          },
          creationTimestamp: claim.metadata.creationTimestamp,
        },
        spec: asJson({
          accessModes,
          capacity: { storage: request },
          persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
          storageClassName: storageClass.metadata.name,
          volumeMode: 'Filesystem',
          ...source,
          ...(zonal
            ? {
                nodeAffinity: {
                  required: {
                    nodeSelectorTerms: [
                      {
                        matchExpressions: [
                          { key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] },
                        ],
                      },
                    ],
                  },
                },
              }
            : {}),
        }) as JsonObject,
      },
      `claim ${claim.metadata.name}`,
    );
  }

  // -----------------------------------------------------------------------------------------
  // Defaults and statuses

  private addDefaults(): void {
    const namespaces = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
    for (const draft of this.drafts) if (draft.metadata.namespace) namespaces.add(draft.metadata.namespace);
    for (const namespace of [...namespaces].sort()) {
      const existing = this.find('Namespace', undefined, namespace);
      if (existing) {
        existing.metadata.labels['kubernetes.io/metadata.name'] = namespace;
        existing.spec ??= { finalizers: ['kubernetes'] };
        existing.status ??= { phase: 'Active' };
        continue;
      }
      this.add(
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: namespace, labels: { 'kubernetes.io/metadata.name': namespace } },
          spec: { finalizers: ['kubernetes'] },
          status: { phase: 'Active' },
        },
        'namespace defaults',
      );
    }
    const wantedAccounts = new Set<string>();
    for (const namespace of namespaces) wantedAccounts.add(`${namespace}/default`);
    for (const draft of this.drafts) {
      const template = draft.kind === 'Pod' ? draft.spec : dict(dict(draft.spec).template).spec;
      const jobTemplate =
        draft.kind === 'CronJob'
          ? dict(dict(dict(dict(draft.spec).jobTemplate).spec).template).spec
          : undefined;
      for (const podSpec of [template, jobTemplate]) {
        const name = dict(podSpec).serviceAccountName;
        if (typeof name === 'string' && draft.metadata.namespace)
          wantedAccounts.add(`${draft.metadata.namespace}/${name}`);
      }
    }
    for (const key of [...wantedAccounts].sort()) {
      const [namespace = 'default', name = 'default'] = key.split('/');
      if (this.find('ServiceAccount', namespace, name)) continue;
      this.add(
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } },
        'service account defaults',
      );
    }
    if (!this.find('Service', 'default', 'kubernetes')) {
      this.add(
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: {
            name: 'kubernetes',
            namespace: 'default',
            labels: { component: 'apiserver', provider: 'kubernetes' },
          },
          spec: {
            clusterIP: '172.20.0.1',
            clusterIPs: ['172.20.0.1'],
            ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }],
            type: 'ClusterIP',
            sessionAffinity: 'None',
          },
          status: { loadBalancer: {} },
        },
        'service defaults',
      );
    }
    let serviceIp = 10;
    for (const service of this.drafts.filter((d) => d.kind === 'Service')) {
      const spec = specOf(service);
      spec.type ??= 'ClusterIP';
      if (spec.clusterIP === undefined) {
        serviceIp += 1;
        const address = `172.20.${Math.floor(serviceIp / 250)}.${serviceIp % 250}`;
        spec.clusterIP = address;
        spec.clusterIPs = [address];
      }
      service.status ??=
        spec.type === 'LoadBalancer'
          ? {
              loadBalancer: {
                ingress: [
                  { hostname: `${stableHex(32, service.metadata.uid)}.elb.${this.ctx.region}.amazonaws.com` },
                ],
              },
            }
          : { loadBalancer: {} };
    }
  }

  private fillControllerStatuses(): void {
    const podsOf = (owner: Draft): Draft[] => this.dependentsOf(owner, 'Pod');
    const ready = (pods: Draft[]): number => pods.filter((p) => p.status?.phase === 'Running').length;
    for (const replicaSet of this.drafts.filter((d) => d.kind === 'ReplicaSet')) {
      const pods = podsOf(replicaSet);
      replicaSet.metadata.generation ??= 1;
      replicaSet.status ??= {
        replicas: pods.length,
        fullyLabeledReplicas: pods.length,
        readyReplicas: ready(pods),
        availableReplicas: ready(pods),
        observedGeneration: 1,
      };
    }
    for (const deployment of this.drafts.filter((d) => d.kind === 'Deployment')) {
      const pods = this.dependentsOf(deployment, 'ReplicaSet').flatMap(podsOf);
      const available = ready(pods);
      deployment.status ??= {
        observedGeneration: 1,
        replicas: pods.length,
        updatedReplicas: pods.length,
        readyReplicas: available,
        availableReplicas: available,
        ...(pods.length - available > 0 ? { unavailableReplicas: pods.length - available } : {}),
        conditions: [
          {
            type: 'Available',
            status: available > 0 || pods.length === 0 ? 'True' : 'False',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastUpdateTime: deployment.metadata.creationTimestamp,
            lastTransitionTime: deployment.metadata.creationTimestamp,
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet has successfully progressed.`,
            lastUpdateTime: deployment.metadata.creationTimestamp,
            lastTransitionTime: deployment.metadata.creationTimestamp,
          },
        ],
      };
    }
    for (const statefulSet of this.drafts.filter((d) => d.kind === 'StatefulSet')) {
      const pods = podsOf(statefulSet);
      statefulSet.status = {
        ...statefulSet.status,
        readyReplicas: ready(pods),
        availableReplicas: ready(pods),
        replicas: pods.length,
      };
    }
    for (const daemonSet of this.drafts.filter((d) => d.kind === 'DaemonSet')) {
      const pods = podsOf(daemonSet);
      daemonSet.status ??= {
        currentNumberScheduled: pods.length,
        desiredNumberScheduled: pods.length,
        numberAvailable: ready(pods),
        numberMisscheduled: 0,
        numberReady: ready(pods),
        updatedNumberScheduled: pods.length,
        observedGeneration: 1,
      };
    }
  }

  compile(): Map<string, KubeObject[]> {
    for (const [index, object] of (this.spec.objects ?? []).entries()) {
      this.add(structuredClone(object), `objects[${index}]`);
    }
    this.resolveOwnerUids();
    for (const nodegroup of this.spec.nodegroups ?? []) this.addNodegroupNodes(nodegroup);
    for (const node of this.drafts.filter(
      (d) => d.kind === 'Node' && !this.nodesByName.has(d.metadata.name),
    )) {
      // Nodes the scenario declares itself (self-managed, or Fargate nodes written out).
      const labels = node.metadata.labels;
      const addresses = dicts(dict(node.status).addresses);
      this.addNode({
        draft: node,
        name: node.metadata.name,
        address: String(
          addresses.find((a) => a.type === 'InternalIP')?.address ??
            this.ctx.allocateAddress(this.ctx.privateSubnets()[0]!),
        ),
        subnetId: this.ctx.privateSubnets()[0]!.id,
        fargate: labels['eks.amazonaws.com/compute-type'] === 'fargate',
        labels,
        taints: dicts(dict(node.spec).taints),
        allocatable: stringRecord(dict(node.status).allocatable),
      });
    }
    this.expandCronJobs();
    this.expandDeployments();
    this.expandReplicaSets();
    this.expandStatefulSets();
    this.expandDaemonSets();
    this.expandJobs();
    this.schedule();
    this.addDefaults();
    this.finishPods();
    this.bindClaims();
    this.fillControllerStatuses();
    const byResource = new Map<string, KubeObject[]>(KUBE_RESOURCES.map((r) => [r.resource, []]));
    for (const draft of this.drafts) {
      this.resourceVersion += 1;
      draft.metadata.resourceVersion = String(this.resourceVersion);
      byResource.get(RESOURCE_BY_KIND.get(draft.kind)!.resource)!.push(draft as unknown as KubeObject);
    }
    for (const list of byResource.values()) {
      // As etcd keys: byte order, whatever the host's locale.
      list.sort((a, b) =>
        byCodeUnits(
          `${a.metadata.namespace ?? ''}/${a.metadata.name}`,
          `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
        ),
      );
    }
    return byResource;
  }

  get latestResourceVersion(): string {
    return String(this.resourceVersion);
  }
}

function isDefaultClass(storageClass: Draft): boolean {
  return storageClass.metadata.annotations['storageclass.kubernetes.io/is-default-class'] === 'true';
}

function qosClassOf(spec: Dict): string {
  const containers = [...dicts(spec.containers), ...dicts(spec.initContainers)];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const container of containers) {
    const resources = dict(container.resources);
    const requests = stringRecord(resources.requests);
    const limits = stringRecord(resources.limits);
    if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) anySet = true;
    for (const resource of ['cpu', 'memory']) {
      const limit = limits[resource];
      const request = requests[resource] ?? limit;
      if (limit === undefined || request !== limit) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Compile one EKS cluster of an account-region. */
export function compileEksCluster(spec: EksClusterSpec, ctx: RegionContext): EksClusterState {
  const version = spec.version ?? '1.31';
  const arn = ctx.arn('eks', `cluster/${spec.name}`);
  const createdAt = ctx.epochSeconds - 60 * 24 * 3600;
  const compiler = new KubernetesCompiler(spec, ctx, version);
  const objects = compiler.compile();
  const logTypes = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
  const enabledLogs = spec.logging ?? [];
  const privateSubnetIds = ctx.privateSubnets().map((s) => s.id);
  const wire = compact({
    name: spec.name,
    arn,
    createdAt,
    version,
    roleArn: `arn:aws:iam::${ctx.account}:role/${spec.name}-cluster-role`,
    resourcesVpcConfig: {
      subnetIds: ctx.subnets.map((s) => s.id),
      securityGroupIds: [],
      clusterSecurityGroupId: `sg-${stableHex(17, arn, 'cluster-sg')}`,
      vpcId: ctx.vpcId,
      endpointPublicAccess: spec.endpointPublicAccess ?? true,
      endpointPrivateAccess: spec.endpointPrivateAccess ?? false,
      publicAccessCidrs: [...(spec.publicAccessCidrs ?? ['0.0.0.0/0'])],
    },
    kubernetesNetworkConfig: {
      serviceIpv4Cidr: '172.20.0.0/16',
      ipFamily: 'ipv4',
      elasticLoadBalancing: { enabled: false },
    },
    logging: {
      clusterLogging: [
        ...(enabledLogs.length > 0 ? [{ types: [...enabledLogs], enabled: true }] : []),
        ...(logTypes.some((t) => !enabledLogs.includes(t))
          ? [{ types: logTypes.filter((t) => !enabledLogs.includes(t)), enabled: false }]
          : []),
      ],
    },
    identity: {
      oidc: { issuer: `https://oidc.eks.${ctx.region}.amazonaws.com/id/${stableHex(32, arn).toUpperCase()}` },
    },
    status: spec.status ?? 'ACTIVE',
    platformVersion: 'eks.25',
    tags: { ...spec.tags },
    encryptionConfig: spec.secretsEncryptionKeyArn
      ? [{ resources: ['secrets'], provider: { keyArn: spec.secretsEncryptionKeyArn } }]
      : undefined,
    accessConfig: { authenticationMode: spec.authenticationMode ?? 'API_AND_CONFIG_MAP' },
    upgradePolicy: { supportType: 'STANDARD' },
    health: { issues: [] },
  });
  const nodegroups = (spec.nodegroups ?? []).map((nodegroup) => {
    const gpu = nodegroup.instanceTypes.some((t) => ctx.instanceType(t).gpus);
    const arm = nodegroup.instanceTypes.some((t) => ctx.instanceType(t).architecture === 'arm64');
    return {
      name: nodegroup.name,
      wire: compact({
        nodegroupName: nodegroup.name,
        nodegroupArn: ctx.arn(
          'eks',
          `nodegroup/${spec.name}/${nodegroup.name}/${stableUuid(arn, nodegroup.name)}`,
        ),
        clusterName: spec.name,
        version,
        releaseVersion: `${version}.4-20250501`,
        createdAt: createdAt + 3600,
        modifiedAt: createdAt + 7200,
        status: 'ACTIVE',
        capacityType: nodegroup.capacityType ?? 'ON_DEMAND',
        scalingConfig: {
          minSize: nodegroup.minSize ?? Math.min(1, nodegroup.desiredSize),
          maxSize: nodegroup.maxSize ?? Math.max(nodegroup.desiredSize, 1) * 2,
          desiredSize: nodegroup.desiredSize,
        },
        instanceTypes: [...nodegroup.instanceTypes],
        subnets: privateSubnetIds,
        amiType:
          nodegroup.amiType ??
          (gpu ? 'AL2023_x86_64_NVIDIA' : arm ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD'),
        nodeRole: `arn:aws:iam::${ctx.account}:role/${spec.name}-node-role`,
        labels: { ...nodegroup.labels },
        taints: (nodegroup.taints ?? []).map((t) =>
          compact({ key: t.key, value: t.value, effect: EKS_TAINT_EFFECT[t.effect] ?? t.effect }),
        ),
        resources: {
          autoScalingGroups: [{ name: `eks-${nodegroup.name}-${stableUuid(spec.name, nodegroup.name)}` }],
        },
        diskSize: 20,
        health: { issues: [] },
        updateConfig: { maxUnavailable: 1 },
        tags: { ...nodegroup.tags },
      }),
    };
  });
  const fargateProfiles = (spec.fargateProfiles ?? []).map((profile) => ({
    name: profile.name,
    wire: compact({
      fargateProfileName: profile.name,
      fargateProfileArn: ctx.arn(
        'eks',
        `fargateprofile/${spec.name}/${profile.name}/${stableUuid(arn, profile.name)}`,
      ),
      clusterName: spec.name,
      createdAt: createdAt + 5400,
      podExecutionRoleArn:
        profile.podExecutionRoleArn ?? `arn:aws:iam::${ctx.account}:role/${spec.name}-fargate-pod-execution`,
      subnets: [...(profile.subnets ?? privateSubnetIds)],
      selectors: profile.selectors.map((s) =>
        compact({ namespace: s.namespace, labels: s.labels ? { ...s.labels } : undefined }),
      ),
      status: 'ACTIVE',
      tags: { ...profile.tags },
      health: { issues: [] },
    }),
  }));
  return {
    name: spec.name,
    arn,
    wire,
    nodegroups,
    fargateProfiles,
    podIdentityAssociations: [...(spec.podIdentityAssociations ?? [])],
    kubernetes: { objects, resourceVersion: compiler.latestResourceVersion },
  };
}
