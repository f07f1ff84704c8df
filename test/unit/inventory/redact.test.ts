/**
 * Redaction of the free-form maps a credential can hide in (driver options, log and FireLens
 * options, secretOptions, annotations, CSI attributes, FlexVolume options, StorageClass parameters,
 * mount options, probe headers): the values go, the keys stay, and judging a redacted document
 * gives the same verdicts and findings as judging the original, so a live scan (which judges
 * redacted documents) and `check` (which reads files as written) agree.
 */
import { describe, expect, it } from 'vitest';
import { judgeWorkloads } from '../../../lib/findings/judge.js';
import {
  REDACTED,
  redactKubernetesObject,
  redactParsedKubernetesObject,
  redactTaskDefinition,
} from '../../../lib/inventory/redact.js';
import { readText } from '../../../lib/manifests/read.js';
import { allRules } from '../../../lib/rules/index.js';

const CANARY = 'c4nary-redact-7Hq2Lz9Wv';

const taskDefinition = {
  family: 'log-routing',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['EC2'],
  cpu: '512',
  memory: '1024',
  volumes: [
    {
      name: 'share',
      dockerVolumeConfiguration: {
        scope: 'task',
        driver: 'local',
        driverOpts: { type: 'cifs', device: '//files/share', o: `username=svc,password=${CANARY}` },
        labels: { owner: `${CANARY}-label` },
      },
    },
  ],
  containerDefinitions: [
    {
      name: 'app',
      image: 'public.ecr.aws/example/app:1',
      essential: true,
      mountPoints: [{ sourceVolume: 'share', containerPath: '/share' }],
      logConfiguration: {
        logDriver: 'awsfirelens',
        options: { Name: 'datadog', apikey: `${CANARY}-apikey`, mode: 'non-blocking' },
        secretOptions: [
          { name: 'dd_api_key', valueFrom: `arn:aws:ssm:us-east-1:111122223333:parameter/${CANARY}` },
        ],
      },
    },
    {
      name: 'router',
      image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
      essential: true,
      firelensConfiguration: {
        type: 'fluentbit',
        options: {
          'config-file-type': 'file',
          'enable-ecs-log-metadata': 'true',
          'splunk-token': `${CANARY}-firelens`,
        },
      },
    },
  ],
};

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'agent-checked',
    namespace: 'apps',
    annotations: { 'ad.datadoghq.com/app.instances': `[{"password":"${CANARY}-annotation"}]` },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'agent-checked' } },
    template: {
      metadata: {
        labels: { app: 'agent-checked' },
        annotations: {
          'eks.amazonaws.com/compute-type': 'ec2',
          'ad.datadoghq.com/app.instances': `[{"password":"${CANARY}-template"}]`,
        },
      },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'public.ecr.aws/example/app:1',
            resources: { requests: { cpu: '250m', memory: '256Mi' } },
            readinessProbe: {
              httpGet: {
                path: '/ready',
                port: 8080,
                httpHeaders: [{ name: 'Authorization', value: `Bearer ${CANARY}-header` }],
              },
            },
          },
        ],
        volumes: [
          {
            name: 'secrets',
            csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { token: `${CANARY}-csi` } },
          },
          { name: 'flex', flexVolume: { driver: 'fstab/cifs', options: { password: `${CANARY}-flex` } } },
          { name: 'repo', gitRepo: { repository: `https://bot:${CANARY}-git@git.example.com/app.git` } },
          { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        ],
      },
    },
  },
};

const storageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'efs-ap' },
  provisioner: 'efs.csi.aws.com',
  parameters: { provisioningMode: 'efs-ap', fileSystemId: 'fs-1', restuserkey: `${CANARY}-storage-class` },
};

const persistentVolume = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'data-pv' },
  spec: {
    storageClassName: 'efs-ap',
    capacity: { storage: '5Gi' },
    accessModes: ['ReadWriteMany'],
    mountOptions: ['vers=3.0', `password=${CANARY}-mount`],
    csi: { driver: 'efs.csi.aws.com', volumeHandle: 'fs-1', volumeAttributes: { key: `${CANARY}-pv` } },
    claimRef: { namespace: 'apps', name: 'data' },
  },
};

const claim = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'apps' },
  spec: { storageClassName: 'efs-ap', volumeName: 'data-pv', resources: { requests: { storage: '5Gi' } } },
};

const kubernetesObjects = [deployment, storageClass, persistentVolume, claim];

/** Verdict and finding rule ids of each workload read from `text`, as `check` would judge it. */
function judged(file: string, text: string) {
  const read = readText(file, text);
  expect(read.gaps).toEqual([]);
  return judgeWorkloads(read.workloads, { rules: allRules }).results.map((result) => ({
    id: result.id,
    verdict: result.verdict,
    findings: result.findings.map((finding) => `${finding.ruleId}: ${finding.message}`),
  }));
}

describe('redaction of credential-bearing maps', () => {
  it('masks driver options, log, FireLens and secret options of a task definition, keeping every key', () => {
    const redacted = redactTaskDefinition(taskDefinition);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(CANARY);
    const volume = (redacted.volumes as { dockerVolumeConfiguration: Record<string, unknown> }[])[0]!;
    expect(volume.dockerVolumeConfiguration).toEqual({
      scope: 'task',
      driver: 'local',
      driverOpts: { type: REDACTED, device: REDACTED, o: REDACTED },
      labels: { owner: REDACTED },
    });
    const [app, router] = redacted.containerDefinitions as Record<string, Record<string, unknown>>[];
    expect(app?.logConfiguration).toEqual({
      logDriver: 'awsfirelens',
      options: { Name: REDACTED, apikey: REDACTED, mode: 'non-blocking' },
      secretOptions: [{ name: 'dd_api_key', valueFrom: REDACTED }],
    });
    expect(router?.firelensConfiguration).toEqual({
      type: 'fluentbit',
      options: { 'config-file-type': 'file', 'enable-ecs-log-metadata': 'true', 'splunk-token': REDACTED },
    });
  });

  it('masks annotations, CSI attributes, FlexVolume options, git URLs, probe headers, StorageClass parameters and mount options', () => {
    const redacted = kubernetesObjects.map(redactKubernetesObject);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(CANARY);
    // biome-ignore lint/suspicious/noExplicitAny: reads deep into known fixtures.
    const [dep, sc, pv] = redacted as Record<string, any>[];
    const template = dep?.spec.template;
    expect(template.metadata.annotations).toEqual({
      'eks.amazonaws.com/compute-type': 'ec2',
      'ad.datadoghq.com/app.instances': REDACTED,
    });
    expect(template.spec.volumes.slice(0, 3)).toEqual([
      { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { token: REDACTED } } },
      { name: 'flex', flexVolume: { driver: 'fstab/cifs', options: { password: REDACTED } } },
      { name: 'repo', gitRepo: { repository: REDACTED } },
    ]);
    expect(template.spec.containers[0].readinessProbe.httpGet.httpHeaders).toEqual([
      { name: 'Authorization', value: REDACTED },
    ]);
    expect(sc?.parameters).toEqual({
      provisioningMode: 'efs-ap',
      fileSystemId: REDACTED,
      restuserkey: REDACTED,
    });
    expect(pv?.spec.mountOptions).toEqual(['vers=(redacted)', 'password=(redacted)']);
    expect(pv?.spec.csi.volumeAttributes).toEqual({ key: REDACTED });
  });

  it('is idempotent', () => {
    const once = redactTaskDefinition(taskDefinition);
    expect(redactTaskDefinition(once)).toEqual(once);
    const objects = kubernetesObjects.map(redactKubernetesObject);
    expect(objects.map(redactKubernetesObject)).toEqual(objects);
  });

  it('redacts a just-parsed object in place to exactly what the copying redaction gives, leaving a held input alone', () => {
    const asWritten = JSON.stringify(kubernetesObjects);
    const copied = kubernetesObjects.map(redactKubernetesObject);
    expect(JSON.stringify(kubernetesObjects)).toBe(asWritten);
    const parsed = JSON.parse(asWritten) as Record<string, unknown>[];
    const inPlace = parsed.map(redactParsedKubernetesObject);
    expect(inPlace).toEqual(copied);
    expect(inPlace[0]).toBe(parsed[0]);
    expect(JSON.stringify(inPlace)).not.toContain(CANARY);
  });

  it('judges a redacted task definition exactly as the original', () => {
    const original = judged('td.json', JSON.stringify(taskDefinition));
    expect(original).toHaveLength(1);
    expect(original[0]?.findings.length).toBeGreaterThan(0);
    expect(judged('td.json', JSON.stringify(redactTaskDefinition(taskDefinition)))).toEqual(original);
  });

  it('judges redacted Kubernetes objects exactly as the originals (compute-type and EFS access point still read)', () => {
    const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    const original = judged('k8s.json', list(kubernetesObjects));
    expect(original).toHaveLength(1);
    expect(original[0]?.findings.join('\n')).toMatch(/compute-type/);
    expect(judged('k8s.json', list(kubernetesObjects.map(redactKubernetesObject)))).toEqual(original);
  });
});
