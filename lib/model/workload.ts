/**
 * The normalized workload model every rule, sizing and pricing function reads.
 *
 * Collectors (live AWS / Kubernetes) and readers (files on disk) turn SDK and manifest shapes into
 * these readonly objects. Environment variables, secrets and config maps are reduced to their
 * names at read time: no value ever enters the model, so none can leak into a finding or sink.
 *
 * Units: CPU in millicores (1 vCPU = 1000m; an ECS CPU unit is 1000/1024 m), memory in MiB.
 */

/** Which world a workload comes from. */
export type Scope = 'ecs' | 'eks';

/** Where a workload runs now. */
export type LaunchType = 'EC2' | 'FARGATE' | 'FARGATE_SPOT' | 'EXTERNAL';

export type OsFamily = 'linux' | 'windows';
export type Architecture = 'x86_64' | 'arm64';

/**
 * How a workload is scheduled: `replicated` (service, Deployment, StatefulSet, ReplicaSet),
 * `daemon` (DaemonSet, ECS DAEMON strategy), `batch` (Job, CronJob, standalone tasks), `single`
 * (bare Pod, bare task definition).
 */
export type SchedulingKind = 'replicated' | 'daemon' | 'batch' | 'single';

export interface PortMapping {
  readonly containerPort: number | null;
  /** ECS hostPort / Kubernetes hostPort; null when unset. */
  readonly hostPort: number | null;
  /** Kubernetes hostIP; null when unset. */
  readonly hostIP: string | null;
  readonly protocol: string;
}

export interface VolumeMount {
  readonly volume: string;
  readonly path: string;
  readonly readOnly: boolean;
}

/** ECS-only container fields the Fargate catalogue needs. */
export interface EcsContainerDetail {
  /** Container `cpu` in ECS units (1024 = 1 vCPU), null when unset. */
  readonly cpuUnits: number | null;
  /** Hard limit `memory` (MiB). */
  readonly memoryMiB: number | null;
  /** Soft limit `memoryReservation` (MiB). */
  readonly memoryReservationMiB: number | null;
  readonly essential: boolean;
  readonly links: readonly string[];
  readonly hostname: boolean;
  readonly extraHosts: number;
  readonly dnsServers: number;
  readonly dnsSearchDomains: number;
  readonly disableNetworking: boolean;
  readonly dockerSecurityOptions: readonly string[];
  readonly sharedMemorySize: number | null;
  readonly tmpfs: number;
  readonly maxSwap: number | null;
  readonly swappiness: number | null;
  readonly initProcessEnabled: boolean;
  /** `logConfiguration.logDriver`, null when the container has no log configuration. */
  readonly logDriver: string | null;
  /** Names of `logConfiguration.options` (values are not kept: some carry tokens). */
  readonly logOptionNames: readonly string[];
  /** `logConfiguration.options.mode` (blocking / non-blocking), a non-sensitive value kept on purpose. */
  readonly logMode: string | null;
  /** `firelensConfiguration`: type and options.config-file-type. */
  readonly firelens: { readonly type: string; readonly configFileType: string | null } | null;
  /** `credentialSpecs` and `credentialspec:` entries of dockerSecurityOptions, reduced to their prefix. */
  readonly credentialSpecKinds: readonly ('credentialspec' | 'credentialspecdomainless')[];
  readonly startTimeout: number | null;
  readonly stopTimeout: number | null;
  /** `ulimits` as `name=soft:hard` (e.g. `nofile=65535:1048576`). */
  readonly ulimits: readonly string[];
  readonly hasHealthCheck: boolean;
  readonly hasDependsOn: boolean;
  readonly hasEnvironmentFiles: boolean;
  readonly hasRestartPolicy: boolean;
  /** `resourceRequirements[].type` (GPU, InferenceAccelerator, NeuronDevice) with their values. */
  readonly resourceRequirements: readonly { readonly type: string; readonly value: string }[];
  /** `systemControls` namespaces set on this container. */
  readonly systemControls: readonly string[];
}

/** Kubernetes-only container fields. */
export interface K8sContainerDetail {
  /** Raw `resources.requests` / `limits` keys beyond cpu and memory (e.g. nvidia.com/gpu). */
  readonly extendedResources: Readonly<Record<string, string>>;
  /** `resources.requests['ephemeral-storage']` in MiB. */
  readonly ephemeralStorageRequestMiB: number | null;
  readonly ephemeralStorageLimitMiB: number | null;
  readonly restartPolicy: string | null;
}

export interface Container {
  readonly name: string;
  readonly image: string | null;
  /** `app` runs for the pod/task lifetime; `init` runs to completion first; `sidecar` is a native
   * sidecar (init container with restartPolicy Always), counted as an app container for sizing. */
  readonly role: 'app' | 'init' | 'sidecar';
  readonly cpuRequestMillis: number | null;
  readonly cpuLimitMillis: number | null;
  readonly memoryRequestMiB: number | null;
  readonly memoryLimitMiB: number | null;
  readonly ports: readonly PortMapping[];
  readonly privileged: boolean;
  readonly allowPrivilegeEscalation: boolean | null;
  readonly readOnlyRootFilesystem: boolean | null;
  /** ECS `user`, Kubernetes `runAsUser` (as a string), null when unset. */
  readonly user: string | null;
  /** Kubernetes `runAsNonRoot`. */
  readonly runAsNonRoot: boolean | null;
  readonly capabilitiesAdd: readonly string[];
  readonly capabilitiesDrop: readonly string[];
  /** Host device paths passed into the container. */
  readonly devices: readonly string[];
  /**
   * Names of environment variables not sourced from a secret store: literal values, config maps,
   * field refs. Names only; values are dropped by the readers.
   */
  readonly envNames: readonly string[];
  /** Names of env entries that come from a secret store (ECS `secrets`, Kubernetes secretKeyRef). */
  readonly secretEnvNames: readonly string[];
  readonly volumeMounts: readonly VolumeMount[];
  readonly ecs: EcsContainerDetail | null;
  readonly k8s: K8sContainerDetail | null;
}

/** A persistent volume claim as resolved against the PVCs, PVs and StorageClasses known. */
export interface ClaimResolution {
  readonly claimName: string;
  /** The storage class the claim uses, or the default assumed. */
  readonly storageClass: string | null;
  /** CSI driver or in-tree provisioner backing the claim (e.g. ebs.csi.aws.com, kubernetes.io/aws-ebs). */
  readonly driver: string | null;
  /** The PV's volume source type when a PV is bound (csi, awsElasticBlockStore, nfs, ...). */
  readonly pvSourceType: string | null;
  /** `efs-ap` and other dynamic provisioning modes of an EFS StorageClass. */
  readonly provisioningMode: string | null;
  /**
   * How the backing storage was found. `assumed-default`: the claim names no class, or a class that is
   * neither in the input nor well known, so the EKS default class (gp2, EBS) is assumed.
   */
  readonly resolvedBy: 'pv' | 'storage-class' | 'assumed-default' | 'unresolved';
  /** True when the claim will be dynamically provisioned (no pre-created PV). */
  readonly dynamic: boolean;
  readonly requestMiB: number | null;
}

export type VolumeType =
  | 'emptyDir'
  | 'hostPath'
  | 'configMap'
  | 'secret'
  | 'downwardAPI'
  | 'projected'
  | 'persistentVolumeClaim'
  | 'ephemeral'
  | 'csi'
  | 'awsElasticBlockStore'
  | 'nfs'
  | 'iscsi'
  | 'otherK8s'
  | 'ecsBind'
  | 'ecsHost'
  | 'ecsDocker'
  | 'ecsEfs'
  | 'ecsFsxWindows'
  | 'ecsEbsAtLaunch'
  | 'ecsS3Files';

export interface Volume {
  readonly name: string;
  readonly type: VolumeType;
  /** hostPath path, ECS host.sourcePath. */
  readonly hostPath: string | null;
  /** Inline CSI driver name, or Kubernetes volume source key for otherK8s. */
  readonly driver: string | null;
  /** ECS dockerVolumeConfiguration scope/driver/autoprovision. */
  readonly docker: {
    readonly scope: string | null;
    readonly driver: string | null;
    readonly autoprovision: boolean;
  } | null;
  /** ECS efsVolumeConfiguration.transitEncryption. */
  readonly efsTransitEncryption: string | null;
  /** PVC, ephemeral volume claim template or StatefulSet volumeClaimTemplate resolution. */
  readonly claim: ClaimResolution | null;
}

export interface NodeSelectorTerm {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** ECS service context (only for workloads that come from a live service). */
export interface EcsServiceDetail {
  readonly serviceArn: string;
  readonly schedulingStrategy: 'REPLICA' | 'DAEMON';
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly launchType: string | null;
  readonly capacityProviders: readonly string[];
  readonly hasNetworkConfiguration: boolean;
  readonly assignPublicIp: boolean;
  readonly platformVersion: string | null;
  readonly classicLoadBalancers: number;
  readonly targetGroupArns: readonly string[];
  /** Target types of the service's target groups (`ip`, `instance`), when looked up. */
  readonly targetTypes: readonly string[];
  readonly placementConstraints: number;
  readonly placementStrategies: number;
}

/** ECS task-definition level fields the catalogue needs. */
export interface EcsTaskDetail {
  readonly family: string;
  readonly revision: number | null;
  readonly taskDefinitionArn: string | null;
  readonly requiresCompatibilities: readonly string[];
  /** Read-only `compatibilities` returned by DescribeTaskDefinition, null when absent. */
  readonly compatibilities: readonly string[] | null;
  /** Raw `networkMode`, null when absent (= bridge on Linux EC2). */
  readonly networkMode: string | null;
  /** Task-level cpu in ECS units, normalized from strings like "1 vCPU". */
  readonly cpuUnits: number | null;
  /** Task-level memory in MiB, normalized from strings like "2 GB". */
  readonly memoryMiB: number | null;
  readonly operatingSystemFamily: string | null;
  readonly cpuArchitecture: string | null;
  readonly pidMode: string | null;
  readonly ipcMode: string | null;
  readonly ephemeralStorageGiB: number | null;
  readonly placementConstraints: number;
  readonly proxyConfigurationType: string | null;
  readonly inferenceAccelerators: number;
  /** Task-level `systemControls` namespaces (ECS also allows them per container). */
  readonly systemControls: readonly string[];
  readonly hasTaskRole: boolean;
  readonly hasExecutionRole: boolean;
  /** Platform version pinned by a service or run configuration, null when not known. */
  readonly platformVersion: string | null;
  readonly service: EcsServiceDetail | null;
}

/** Which Fargate profile selects an EKS workload, when profiles are known. */
export interface FargateProfileMatch {
  readonly profileName: string;
  readonly selectorIndex: number;
}

/** Kubernetes pod-template level fields. */
export interface EksPodDetail {
  readonly apiVersion: string | null;
  readonly serviceAccountName: string | null;
  readonly runtimeClassName: string | null;
  readonly sysctls: readonly string[];
  /** Job / CronJob `ttlSecondsAfterFinished`, null when unset or not a Job. */
  readonly ttlSecondsAfterFinished: number | null;
  /** Annotation `eks.amazonaws.com/compute-type` on the pod template. */
  readonly computeType: string | null;
  readonly schedulerName: string | null;
  readonly priorityClassName: string | null;
  readonly tolerations: readonly { readonly key: string | null; readonly value: string | null }[];
  /**
   * `undefined` when no Fargate profiles are known (check mode); `null` when profiles are known and
   * none selects the workload.
   */
  readonly fargateProfile?: FargateProfileMatch | null;
  /** Services in the same input (or cluster) whose selector matches the pod labels. */
  readonly services: readonly ExposingService[];
  /** Names of NetworkPolicies in the same input (or cluster) that select the pod. */
  readonly networkPolicies: readonly string[];
  /** ServiceAccount has an IRSA role annotation (`eks.amazonaws.com/role-arn`); null when unknown. */
  readonly serviceAccountHasIrsa: boolean | null;
  /** The service account is used through an EKS Pod Identity association; null when unknown. */
  readonly usesPodIdentity: boolean | null;
  /** Cluster facts known in a live scan; null in check mode. */
  readonly clusterContext: EksClusterContext | null;
}

/** A Kubernetes Service that exposes the workload. */
export interface ExposingService {
  readonly name: string;
  /** ClusterIP, NodePort, LoadBalancer, ExternalName. */
  readonly type: string;
  /**
   * True when traffic reaches the pods by IP targets: a LoadBalancer served by the AWS Load Balancer
   * Controller in IP mode, or a NodePort/ClusterIP Service behind an ALB Ingress with target-type ip.
   */
  readonly ipTargets: boolean;
}

/** Cluster-level facts that decide some EKS rules, gathered by the scan collectors. */
export interface EksClusterContext {
  /** `region`, or `outposts` / `local-zone` / `wavelength` when the cluster runs there. */
  readonly location: string;
  /** Fargate profile subnets that route to an Internet Gateway (public), by id. */
  readonly publicProfileSubnets: readonly string[];
  /** VPC has DNS resolution and DNS hostnames enabled; null when unknown. */
  readonly vpcDnsEnabled: boolean | null;
  /** An alternate CNI (Calico, Cilium, ...) detected in the cluster, or null. */
  readonly alternateCni: string | null;
}

/**
 * An EC2 instance (ECS container instance or Kubernetes node) that runs some of a workload's tasks
 * or pods, as the live scan saw it. Pricing splits the instance's hourly price over these figures.
 */
export interface Placement {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly capacityType: 'on-demand' | 'spot';
  /** Registered (ECS) or allocatable (Kubernetes) capacity of the instance. */
  readonly capacityCpuUnits: number;
  readonly capacityMemoryMiB: number;
  /** What all tasks or pods on the instance reserve, this workload's included. */
  readonly allocatedCpuUnits: number;
  readonly allocatedMemoryMiB: number;
  /** How many of this workload's tasks or pods run on the instance. */
  readonly replicasHere: number;
}

export interface SourceLocation {
  readonly file: string;
  readonly documentIndex: number;
  /** 1-based line of the document start in YAML files. */
  readonly line: number | null;
}

export interface Workload {
  /** Stable identity, see DESIGN.md (service ARN, eks:<cluster>/<ns>/<Kind>/<name>, <file>#<index>). */
  readonly id: string;
  readonly scope: Scope;
  /** `ecs-task-definition`, `ecs-service`, `ecs-standalone-tasks`, or the Kubernetes top-level kind. */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly cluster: string | null;
  readonly account: string | null;
  readonly region: string | null;
  readonly launchType: LaunchType | null;
  /** Running tasks or pods; desired count when nothing runs; manifest `replicas` in check; null if unknown. */
  readonly replicas: number | null;
  readonly schedulingKind: SchedulingKind;
  /** The kind that directly owns the pods (ReplicaSet, Job, ...), or the top-level kind. */
  readonly ownerKind: string;
  readonly os: OsFamily;
  readonly architecture: Architecture | null;
  readonly hostNetwork: boolean;
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Required node-affinity match expressions (OR of terms flattened; each entry one expression). */
  readonly nodeAffinity: readonly NodeSelectorTerm[];
  readonly containers: readonly Container[];
  readonly volumes: readonly Volume[];
  /** EC2 instances running the workload now (empty in check mode or when it runs on Fargate). */
  readonly placements: readonly Placement[];
  readonly ecs: EcsTaskDetail | null;
  readonly eks: EksPodDetail | null;
  readonly source: SourceLocation | null;
}
