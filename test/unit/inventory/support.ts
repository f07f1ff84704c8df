/**
 * Shared pieces of the inventory tests: recorded AWS responses, a fake clock, and builders for
 * Kubernetes objects as the API lists them (with the kind stamped, as the connector does).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../../lib/inventory/limiter.js';
import type { KubernetesObject, KubernetesObjects } from '../../../lib/inventory/snapshot.js';
import { emptyKubernetesObjects } from '../../../lib/inventory/snapshot.js';

const fixturesDir = fileURLToPath(new URL('../../fixtures/aws/', import.meta.url));

/** SDK output members that are timestamps: the SDK hands them out as Date objects. */
const DATE_KEY = /(At|Date|Timestamp|Time|^Expiration)$/;

/** A recorded response `<service>.<Operation>_<n>.json`, with timestamps revived as the SDK returns them. */
export function awsFixture<T = Record<string, unknown>>(name: string): T {
  const text = readFileSync(`${fixturesDir}${name}.json`, 'utf8');
  return JSON.parse(text, (key, value) =>
    typeof value === 'string' && DATE_KEY.test(key) && !Number.isNaN(Date.parse(value))
      ? new Date(value)
      : value,
  ) as T;
}

/** A clock that only moves when something sleeps on it; records every sleep. */
export class FakeClock implements Clock {
  time = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

type Labels = Record<string, string>;

interface OwnerRef {
  kind: string;
  name: string;
}

function metadata(name: string, namespace: string | undefined, labels: Labels = {}, owner?: OwnerRef) {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid: `${namespace ?? 'cluster'}-${name}-uid`,
    labels,
    ...(owner
      ? {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: owner.kind,
              name: owner.name,
              uid: `${owner.name}-uid`,
              controller: true,
            },
          ],
        }
      : {}),
  };
}

export interface ContainerSpec {
  name?: string;
  cpu?: string;
  memory?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
}

export function podSpec(containers: ContainerSpec[] = [{}], extra: Record<string, unknown> = {}) {
  return {
    containers: containers.map((c, index) => ({
      name: c.name ?? `c${index}`,
      image: 'public.ecr.aws/nginx/nginx:1.27',
      ...(c.env ? { env: c.env } : {}),
      resources: {
        requests: { cpu: c.cpu ?? '250m', memory: c.memory ?? '256Mi' },
        limits: { cpu: c.cpu ?? '250m', memory: c.memory ?? '256Mi' },
      },
    })),
    ...extra,
  };
}

export function pod(
  name: string,
  namespace: string,
  options: {
    labels?: Labels;
    owner?: OwnerRef;
    node?: string;
    phase?: string;
    containers?: ContainerSpec[];
    spec?: Record<string, unknown>;
  } = {},
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadata(name, namespace, options.labels, options.owner),
    spec: {
      ...podSpec(options.containers),
      ...(options.node ? { nodeName: options.node } : {}),
      ...options.spec,
    },
    status: { phase: options.phase ?? 'Running' },
  };
}

function controller(
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
  owner?: OwnerRef,
  status?: Record<string, unknown>,
): KubernetesObject {
  return {
    apiVersion,
    kind,
    metadata: metadata(name, namespace, {}, owner),
    spec,
    ...(status ? { status } : {}),
  };
}

export function deployment(name: string, namespace: string, labels: Labels, replicas = 2): KubernetesObject {
  return controller('apps/v1', 'Deployment', name, namespace, {
    replicas,
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: podSpec() },
  });
}

export function replicaSet(
  name: string,
  namespace: string,
  labels: Labels,
  owner?: OwnerRef,
): KubernetesObject {
  return controller(
    'apps/v1',
    'ReplicaSet',
    name,
    namespace,
    { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec() } },
    owner,
  );
}

export function daemonSet(name: string, namespace: string, labels: Labels, desired = 2): KubernetesObject {
  return controller(
    'apps/v1',
    'DaemonSet',
    name,
    namespace,
    { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec() } },
    undefined,
    { desiredNumberScheduled: desired },
  );
}

export function cronJob(name: string, namespace: string, labels: Labels): KubernetesObject {
  return controller('batch/v1', 'CronJob', name, namespace, {
    schedule: '0 2 * * *',
    jobTemplate: {
      spec: { template: { metadata: { labels }, spec: podSpec([{}], { restartPolicy: 'OnFailure' }) } },
    },
  });
}

export function job(name: string, namespace: string, labels: Labels, owner?: OwnerRef): KubernetesObject {
  return controller(
    'batch/v1',
    'Job',
    name,
    namespace,
    { template: { metadata: { labels }, spec: podSpec([{}], { restartPolicy: 'Never' }) } },
    owner,
  );
}

export function node(
  name: string,
  options: { labels?: Labels; providerID?: string; cpu?: string; memory?: string } = {},
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: options.labels ?? {} },
    spec: options.providerID ? { providerID: options.providerID } : {},
    status: { allocatable: { cpu: options.cpu ?? '3920m', memory: options.memory ?? '15000Mi' } },
  };
}

/** A Kubernetes object set with the given lists filled in. */
export function kubernetesObjects(parts: Partial<KubernetesObjects>): KubernetesObjects {
  return { ...emptyKubernetesObjects(), ...parts };
}
