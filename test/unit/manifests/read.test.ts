import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPaths, readText } from '../../../lib/manifests/read.js';
import { FIXTURES, fixtureText, readFixture, workloadNamed } from './fixtures.js';

describe('readText: formats', () => {
  it('decides Kubernetes JSON by its shape', () => {
    const result = readFixture('k8s/deployment.json');
    expect(result.gaps).toEqual([]);
    expect(result.workloads).toHaveLength(1);
    expect(result.workloads[0]).toMatchObject({
      id: 'k8s/deployment.json#0',
      kind: 'Deployment',
      name: 'from-kubectl',
      namespace: 'tools',
      replicas: 2,
      source: { file: 'k8s/deployment.json', documentIndex: 0, line: null },
    });
  });

  it('decides an ECS task definition by its shape, in JSON or YAML', () => {
    const yaml = readText(
      'task.yaml',
      'family: from-yaml\ncontainerDefinitions:\n  - name: app\n    memory: 512\n',
    );
    expect(yaml.gaps).toEqual([]);
    expect(yaml.workloads[0]).toMatchObject({ kind: 'ecs-task-definition', name: 'from-yaml', scope: 'ecs' });
    const wrapped = readFixture('ecs/describe-task-definition-wrapped.json');
    expect(wrapped.workloads.map((workload) => workload.id)).toEqual([
      'ecs/describe-task-definition-wrapped.json#0',
    ]);
  });

  it('counts every YAML document, empty ones included, in workload ids', () => {
    const text =
      '---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a}]}\n';
    const result = readText('pods.yaml', text);
    expect(result.gaps).toEqual([]);
    expect(result.workloads.map((workload) => [workload.id, workload.source?.line])).toEqual([
      ['pods.yaml#1', 3],
    ]);
  });

  it('honours YAML anchors and << merge keys, as kubectl does', () => {
    const text = [
      'x-resources: &resources {requests: {cpu: 250m, memory: 256Mi}}',
      'kind: Pod',
      'metadata: {name: merged}',
      'spec:',
      '  containers:',
      '    - name: a',
      '      resources:',
      '        <<: *resources',
      '        limits: {cpu: 500m}',
    ].join('\n');
    const [pod] = readText('merge.yaml', text).workloads;
    expect(pod?.containers[0]).toMatchObject({
      cpuRequestMillis: 250,
      cpuLimitMillis: 500,
      memoryRequestMiB: 256,
    });
  });

  it('sniffs the format of a file with another name', () => {
    expect(readText('task.txt', '{"family":"sniffed","containerDefinitions":[]}').workloads[0]?.name).toBe(
      'sniffed',
    );
    expect(
      readText('pod.txt', 'kind: Pod\nmetadata: {name: sniffed}\nspec: {containers: []}\n').workloads[0]
        ?.name,
    ).toBe('sniffed');
  });

  it('reads a YAML document that is a list item by item, like a List', () => {
    const text =
      '- kind: Pod\n  metadata: {name: one}\n  spec: {containers: [{name: a}]}\n- kind: ConfigMap\n  metadata: {name: c}\n';
    expect(readText('list.yaml', text).workloads.map((workload) => workload.id)).toEqual(['list.yaml#0.0']);
  });

  it('takes a StorageClass defined later in the same file into account', () => {
    const text = [
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers: [{name: a}]',
      '  volumes: [{name: v, persistentVolumeClaim: {claimName: c}}]',
      '---',
      'kind: PersistentVolumeClaim',
      'metadata: {name: c}',
      'spec: {storageClassName: fast}',
      '---',
      'kind: StorageClass',
      'metadata: {name: fast}',
      'provisioner: fsx.csi.aws.com',
    ].join('\n');
    expect(readText('app.yaml', text).workloads[0]?.volumes[0]?.claim).toMatchObject({
      resolvedBy: 'storage-class',
      driver: 'fsx.csi.aws.com',
    });
  });

  it('reads the pod spec hidden behind a quoted annotation indented the way kubectl tolerates', () => {
    const result = readFixture('k8s/legacy-init-annotation.yaml');
    expect(result.gaps).toEqual([]);
    const esData = workloadNamed(result, 'es-data');
    expect(
      esData.containers.map((container) => [container.name, container.role, container.privileged]),
    ).toEqual([
      ['sysctl', 'init', true],
      ['es-data', 'app', false],
    ]);
    expect(esData.annotations).toEqual({});
    expect(esData.replicas).toBe(3);
  });
});

describe('readText: bad input', () => {
  it('lists broken JSON as a gap naming the file and line, without the offending text', () => {
    const result = readFixture('bad/broken.json');
    expect(result.workloads).toEqual([]);
    expect(result.gaps).toEqual([
      {
        scope: 'file',
        file: 'bad/broken.json',
        line: 7,
        errorName: 'ManifestSyntaxError',
        message: "JSON syntax error: Expected ',' or '}' after property value",
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('never quotes input in a JSON error, even where the parser would', () => {
    const result = readText('token.json', '{"token": CANARY-BARE-1234}');
    expect(result.gaps[0]?.message).toBe('JSON syntax error: Unexpected token');
    expect(result.gaps[0]?.line).toBe(1);
    expect(JSON.stringify(result)).not.toContain('CANARY');
    const multiLine = readText('token.json', '{\n  "family": "x",\n  "token": CANARY-BARE-1234\n}\n');
    expect(multiLine.gaps[0]?.line).toBe(3);
    expect(readText('cut.json', '{\n  "family": "x",\n  "containerDefinitions": [\n').gaps[0]).toMatchObject({
      line: 3,
      message: 'JSON syntax error: Unexpected end of JSON input',
    });
  });

  it('lists a broken YAML document with its line and still reads the documents around it', () => {
    const result = readFixture('bad/broken.yaml');
    expect(result.workloads.map((workload) => [workload.id, workload.name])).toEqual([
      ['bad/broken.yaml#0', 'before-the-break'],
      ['bad/broken.yaml#2', 'after-the-break'],
    ]);
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]).toMatchObject({
      scope: 'file',
      file: 'bad/broken.yaml',
      line: 24,
      errorName: 'ManifestSyntaxError',
    });
    expect(result.gaps[0]?.message).toMatch(
      /^YAML syntax error in document 1 at column \d+: Missing closing "quote$/,
    );
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('describes a YAML error without the text around it', () => {
    const result = readFixture('bad/nested-mapping.yaml');
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]).toMatchObject({ line: 11, errorName: 'ManifestSyntaxError' });
    expect(result.gaps[0]?.message).toContain('Nested mappings are not allowed in compact mappings');
    expect(JSON.stringify(result)).not.toContain('CANARY');
  });

  it('refuses a document whose aliases expand without bound, and reads the next one', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '---',
      'kind: Pod',
      'metadata: {name: survivor}',
      'spec: {containers: [{name: a}]}',
    ].join('\n');
    const result = readText('bomb.yaml', bomb);
    expect(result.workloads.map((workload) => workload.name)).toEqual(['survivor']);
    expect(result.gaps).toEqual([
      {
        scope: 'file',
        file: 'bomb.yaml',
        line: 1,
        errorName: 'ManifestSyntaxError',
        message: 'YAML document 0: Excessive alias count indicates a resource exhaustion attack',
      },
    ]);
  });

  it('lists a duplicate key as a gap, as kubectl refuses it', () => {
    const result = readText(
      'dup.yaml',
      'kind: Pod\nmetadata: {name: a}\nmetadata: {name: b}\nspec: {containers: []}\n',
    );
    expect(result.workloads).toEqual([]);
    expect(result.gaps[0]).toMatchObject({ line: 3, errorName: 'ManifestSyntaxError' });
  });

  it.each([
    ['bad/empty.yaml', 'empty file'],
    ['bad/comments-only.yaml', 'contains no YAML document (empty or only comments)'],
  ])('lists %s as a gap', (file, message) => {
    expect(readFixture(file)).toEqual({
      workloads: [],
      gaps: [{ scope: 'file', file, errorName: 'ManifestError', message }],
    });
  });

  it('lists binary content as a gap instead of parsing it', () => {
    const result = readText('image.yaml', 'PNG\u0000\u0001\u0002kind: Pod');
    expect(result.workloads).toEqual([]);
    expect(result.gaps).toEqual([
      {
        scope: 'file',
        file: 'image.yaml',
        errorName: 'ManifestSyntaxError',
        message: 'binary file, not JSON or YAML text',
      },
    ]);
  });

  it('lists a document that is not an object, and reads the next one', () => {
    const result = readFixture('bad/not-an-object.yaml');
    expect(result.workloads.map((workload) => workload.name)).toEqual(['still-read']);
    expect(result.gaps).toEqual([
      {
        scope: 'file',
        file: 'bad/not-an-object.yaml',
        line: 1,
        errorName: 'ManifestError',
        message: 'document 0: not an object (got a string)',
      },
    ]);
  });

  it('ignores unknown kinds and kinds that run no pods: neither workloads nor gaps', () => {
    expect(readFixture('bad/unknown-kind.yaml')).toEqual({ workloads: [], gaps: [] });
  });

  it('lists a workload kind without a pod spec, naming document and line', () => {
    const result = readFixture('bad/no-pod-spec.yaml');
    expect(result.workloads).toEqual([]);
    expect(result.gaps).toEqual([
      {
        scope: 'file',
        file: 'bad/no-pod-spec.yaml',
        line: 8,
        errorName: 'ManifestError',
        message: "document 1: Deployment 'hollow': spec.template.spec: Deployment has no pod template",
      },
      {
        scope: 'file',
        file: 'bad/no-pod-spec.yaml',
        line: 17,
        errorName: 'ManifestError',
        message:
          "document 2: CronJob 'hollow-cron': spec.jobTemplate.spec.template.spec: CronJob has no pod template",
      },
    ]);
  });

  it('is strict where a pod spec is broken and lenient where it is only sloppy', () => {
    const result = readFixture('bad/containers-not-list.yaml');
    expect(result.gaps.map((gap) => [gap.line, gap.message])).toEqual([
      [
        9,
        "document 0: Deployment 'mapping-containers': spec.template.spec.containers: must be a list, got a object",
      ],
      [
        24,
        "document 1: Deployment 'bad-quantity': spec.template.spec.containers[0].resources.requests.cpu: " +
          '"two cores" is not a Kubernetes quantity',
      ],
    ]);
    expect(result.workloads).toHaveLength(1);
    expect(result.workloads[0]).toMatchObject({
      id: 'bad/containers-not-list.yaml#2',
      name: 'sloppy-but-fine',
    });
    expect(result.workloads[0]?.containers[0]).toMatchObject({
      name: 'container-0',
      image: null,
      memoryRequestMiB: 256,
    });
  });

  it('lists a task definition whose containerDefinitions is not a list, with the line of the field', () => {
    expect(readFixture('bad/containers-not-list.json').gaps).toEqual([
      {
        scope: 'file',
        file: 'bad/containers-not-list.json',
        line: 3,
        errorName: 'ManifestError',
        message: 'document 0: task definition: containerDefinitions: must be a list, got a object',
      },
    ]);
  });

  it('lists a non-object element of a JSON array and reads the others', () => {
    const result = readText('tasks.json', '[{"family":"ok","containerDefinitions":[]}, 42]');
    expect(result.workloads.map((workload) => workload.id)).toEqual(['tasks.json#0']);
    expect(result.gaps.map((gap) => gap.message)).toEqual(['document 1: not an object (got a number)']);
  });
});

describe('readPaths', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'fargate-fit-read-'));
    const tree = path.join(root, 'tree');
    await mkdir(path.join(tree, 'services', 'deep'), { recursive: true });
    await mkdir(path.join(tree, 'node_modules', 'pkg'), { recursive: true });
    await mkdir(path.join(tree, '.git'), { recursive: true });
    const pod = (name: string) => `kind: Pod\nmetadata: {name: ${name}}\nspec: {containers: [{name: a}]}\n`;
    await writeFile(path.join(tree, 'b.yaml'), pod('b'));
    await writeFile(path.join(tree, 'a.yml'), pod('a'));
    await writeFile(
      path.join(tree, 'services', 'deep', 'task.json'),
      fixtureText('ecs/fargate-arm64-string-sizes.json'),
    );
    await writeFile(
      path.join(tree, 'services', 'claim.yaml'),
      'kind: Pod\nmetadata: {name: claims}\nspec:\n  containers: [{name: a}]\n  volumes: [{name: v, persistentVolumeClaim: {claimName: data}}]\n',
    );
    await writeFile(
      path.join(tree, 'storage.yaml'),
      'kind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {storageClassName: efs-sc}\n---\nkind: StorageClass\nmetadata: {name: efs-sc}\nprovisioner: efs.csi.aws.com\nparameters: {provisioningMode: efs-ap}\n',
    );
    await writeFile(path.join(tree, 'README.md'), pod('markdown-is-not-read'));
    await writeFile(path.join(tree, 'node_modules', 'pkg', 'x.yaml'), pod('from-node-modules'));
    await writeFile(path.join(tree, '.git', 'config.yaml'), pod('from-git'));
    await writeFile(path.join(tree, 'package.json'), '{"name": "not-a-manifest", "version": "1.0.0"}');
    await writeFile(path.join(tree, 'z-broken.yaml'), 'kind: Pod\nmetadata: {name: [unclosed\n');
    await writeFile(path.join(tree, 'binary.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28]));
    await symlink(tree, path.join(tree, 'services', 'loop'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('walks directories recursively in sorted order, taking .json, .yaml and .yml files', async () => {
    const tree = path.join(root, 'tree');
    const result = await readPaths([tree]);
    expect(result.workloads.map((workload) => workload.id)).toEqual([
      `${path.join(tree, 'a.yml')}#0`,
      `${path.join(tree, 'b.yaml')}#0`,
      `${path.join(tree, 'services', 'claim.yaml')}#0`,
      `${path.join(tree, 'services', 'deep', 'task.json')}#0`,
    ]);
  });

  it('resolves a claim against objects defined in another file of the same input', async () => {
    const result = await readPaths([path.join(root, 'tree')]);
    expect(workloadNamed(result, 'claims').volumes[0]?.claim).toMatchObject({
      resolvedBy: 'storage-class',
      driver: 'efs.csi.aws.com',
      provisioningMode: 'efs-ap',
    });
  });

  it('lists the broken and the binary file as gaps and judges every other file', async () => {
    const tree = path.join(root, 'tree');
    const result = await readPaths([tree]);
    expect(result.gaps.map((gap) => [gap.file, gap.errorName, gap.message])).toEqual([
      [path.join(tree, 'binary.yaml'), 'ManifestSyntaxError', 'binary file, not UTF-8 text'],
      [
        path.join(tree, 'z-broken.yaml'),
        'ManifestSyntaxError',
        expect.stringMatching(/^YAML syntax error in document 0/),
      ],
    ]);
    expect(result.gaps[1]?.line).toBeGreaterThanOrEqual(2);
  });

  it('keeps a relative path relative in ids and gaps', async () => {
    const relative = path.relative(process.cwd(), path.join(FIXTURES, 'bad', 'broken.yaml'));
    const result = await readPaths([relative]);
    expect(result.workloads[0]?.id).toBe(`${relative}#0`);
    expect(result.workloads[0]?.source?.file).toBe(relative);
    expect(result.gaps[0]?.file).toBe(relative);
  });

  it('reads a file named twice only once', async () => {
    const file = path.join(root, 'tree', 'a.yml');
    const result = await readPaths([file, file, path.join(root, 'tree', 'a.yml')]);
    expect(result.workloads).toHaveLength(1);
  });

  it('reads a file named explicitly whatever its extension', async () => {
    const result = await readPaths([path.join(root, 'tree', 'README.md')]);
    expect(result.workloads.map((workload) => workload.name)).toEqual(['markdown-is-not-read']);
  });

  it('lists a missing path as a gap and still reads the rest', async () => {
    const missing = path.join(root, 'does-not-exist.yaml');
    const result = await readPaths([missing, path.join(root, 'tree', 'a.yml')]);
    expect(result.workloads).toHaveLength(1);
    expect(result.gaps).toEqual([
      { scope: 'file', file: missing, errorName: 'ManifestFileError', message: 'cannot read: ENOENT' },
    ]);
  });

  it('reads the fixtures directory without a crash and judges every good fixture', async () => {
    const result = await readPaths([path.join(FIXTURES, 'ecs'), path.join(FIXTURES, 'k8s')]);
    expect(result.gaps).toEqual([]);
    expect(result.workloads.length).toBeGreaterThanOrEqual(20);
  });
});
