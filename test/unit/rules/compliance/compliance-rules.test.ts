import { describe, expect, it } from 'vitest';
import type { Workload } from '../../../../lib/model/workload.js';
import { complianceEcsEnvironmentCredentials } from '../../../../lib/rules/compliance/compliance-ecs-environment-credentials.js';
import { complianceEcsLogNonBlocking } from '../../../../lib/rules/compliance/compliance-ecs-log-non-blocking.js';
import { complianceEksEnvironmentCredentials } from '../../../../lib/rules/compliance/compliance-eks-environment-credentials.js';
import { complianceEksRunAsNonRoot } from '../../../../lib/rules/compliance/compliance-eks-run-as-non-root.js';
import { isRootUser, isWindowsAdministrator } from '../../../../lib/rules/compliance/container-identity.js';
import { looksLikeCredentialName } from '../../../../lib/rules/compliance/credential-env-names.js';
import { complianceRules } from '../../../../lib/rules/compliance/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import {
  makeEcsContainer,
  makeEcsWorkload,
  makeEksWorkload,
  makeK8sContainer,
} from '../../../support/builders.js';

function ruleIdsFiring(workload: Workload): string[] {
  return evaluateWorkload(workload, complianceRules).findings.map((f) => f.ruleId);
}

describe('compliance catalogue', () => {
  it('has 25 advisory compliance rules, each naming its Security Hub, Config, Prowler or PSS control', () => {
    expect(complianceRules).toHaveLength(25);
    for (const rule of complianceRules) {
      expect(rule.category, rule.id).toBe('compliance');
      expect(rule.severity, rule.id).toBe('advisory');
      expect(rule.id.startsWith(`compliance-${rule.scope}-`), rule.id).toBe(true);
      expect(rule.control, rule.id).toMatch(
        /Security Hub|AWS Config|Prowler|Pod Security Standards|Kubernetes|ECS\.\d+/,
      );
      expect(rule.verifiedAt, rule.id).toBe('2026-11-27');
    }
  });

  it('covers 14 task-definition controls and 11 manifest analogues', () => {
    expect(complianceRules.filter((r) => r.scope === 'ecs')).toHaveLength(14);
    expect(complianceRules.filter((r) => r.scope === 'eks')).toHaveLength(11);
  });
});

describe('rule compliance-ecs-environment-credentials', () => {
  it('names the exposed variable in the finding and points at Security Hub ECS.8', () => {
    const workload = makeEcsWorkload({
      containers: [makeEcsContainer({ name: 'api', envNames: ['LOG_LEVEL', 'AWS_SECRET_ACCESS_KEY'] })],
    });
    const [finding, ...others] = evaluateWorkload(workload, [complianceEcsEnvironmentCredentials]).findings;
    expect(others).toEqual([]);
    expect(finding?.message).toBe(
      'container "api" sets AWS_SECRET_ACCESS_KEY in its plain environment instead of "secrets"',
    );
    expect(finding?.docsUrl).toBe(
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8',
    );
  });

  it('accepts the same names when they come from the secrets list', () => {
    const workload = makeEcsWorkload({
      containers: [makeEcsContainer({ secretEnvNames: ['AWS_ACCESS_KEY_ID', 'ECS_ENGINE_AUTH_DATA'] })],
    });
    expect(complianceEcsEnvironmentCredentials.evaluate(workload)).toEqual([]);
  });
});

describe('rule compliance-eks-environment-credentials', () => {
  it('reports one finding per exposed variable and says a Secret is expected', () => {
    const workload = makeEksWorkload({
      containers: [makeK8sContainer({ name: 'web', envNames: ['DB_PASSWORD', 'PORT', 'SLACK_TOKEN'] })],
    });
    expect(complianceEksEnvironmentCredentials.evaluate(workload).map((v) => v.message)).toEqual([
      'container "web" sets DB_PASSWORD from a literal value or ConfigMap, not from a Secret',
      'container "web" sets SLACK_TOKEN from a literal value or ConfigMap, not from a Secret',
    ]);
  });
});

describe('credential name recognition', () => {
  it.each([
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'ECS_ENGINE_AUTH_DATA',
    'MYSQL_ROOT_PASSWORD',
    'PASSWORD',
    'db.password',
    'JWT_SECRET',
    'OAUTH_CLIENT_SECRET',
    'DD_API_KEY',
    'OPENAI_APIKEY',
    'HUGGING_FACE_HUB_TOKEN',
    'TLS_PRIVATE_KEY',
  ])('treats %s as a credential', (name) => {
    expect(looksLikeCredentialName(name)).toBe(true);
  });

  it.each([
    'PASSWORD_FILE',
    'TOKEN_URL',
    'SECRET_NAME',
    'MYSQL_ALLOW_EMPTY_PASSWORD',
    'MYSQL_RANDOM_ROOT_PASSWORD',
    'AWS_REGION',
    'TOKENIZER_MODEL',
    'POD_NAME',
  ])('does not treat %s as a credential', (name) => {
    expect(looksLikeCredentialName(name)).toBe(false);
  });
});

describe('Windows task definitions', () => {
  const windowsTask = (user: string | null) =>
    makeEcsWorkload(
      { os: 'windows', containers: [makeEcsContainer({ name: 'iis', user, readOnlyRootFilesystem: null })] },
      { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuUnits: 1024, memoryMiB: 2048 },
    );

  it('skips the Linux-only controls and reports the administrator user under ECS.21', () => {
    const fired = ruleIdsFiring(windowsTask(null));
    expect(fired).toEqual(['compliance-ecs-windows-user-non-admin']);
    const [finding] = evaluateWorkload(windowsTask(null), complianceRules).findings;
    expect(finding?.message).toBe('container "iis" sets no user, so it runs as ContainerAdministrator');
  });

  it('reports nothing for a Windows container running as ContainerUser', () => {
    expect(ruleIdsFiring(windowsTask('ContainerUser'))).toEqual([]);
  });

  it('reports the same Linux container under the read-only and non-root controls', () => {
    const linux = makeEcsWorkload({
      containers: [makeEcsContainer({ user: null, readOnlyRootFilesystem: null })],
    });
    expect(ruleIdsFiring(linux).sort()).toEqual([
      'compliance-ecs-linux-user-non-root',
      'compliance-ecs-readonly-root-filesystem',
    ]);
  });
});

describe('rule compliance-ecs-log-non-blocking', () => {
  it('explains that an unset mode depends on the account setting rather than calling it blocking', () => {
    const workload = makeEcsWorkload({ containers: [makeEcsContainer({ name: 'app' }, { logMode: null })] });
    expect(complianceEcsLogNonBlocking.evaluate(workload)).toEqual([
      {
        message:
          'container "app" sets no log mode, so whether logging can block depends on the account\'s defaultLogDriverMode setting',
      },
    ]);
  });

  it('says so plainly when blocking mode is chosen', () => {
    const workload = makeEcsWorkload({
      containers: [makeEcsContainer({ name: 'app' }, { logMode: 'blocking' })],
    });
    expect(complianceEcsLogNonBlocking.evaluate(workload)[0]?.message).toBe(
      'container "app" logs in blocking mode',
    );
  });
});

describe('rule compliance-eks-run-as-non-root', () => {
  it('calls runAsUser 0 root even when runAsNonRoot is set', () => {
    const workload = makeEksWorkload({
      containers: [makeK8sContainer({ name: 'db', user: '0', runAsNonRoot: true })],
    });
    expect(complianceEksRunAsNonRoot.evaluate(workload)).toEqual([
      { message: 'container "db" sets runAsUser: 0, which is root' },
    ]);
  });

  it('names init containers as such', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer(),
        makeK8sContainer({ name: 'setup', role: 'init', runAsNonRoot: null, user: null }),
      ],
    });
    expect(complianceEksRunAsNonRoot.evaluate(workload)[0]?.message).toMatch(
      /^init container "setup" does not set/,
    );
  });
});

describe('ECS workloads without a task definition', () => {
  it('turn into rule errors and an unknown verdict, never a silent pass', () => {
    const broken = makeEcsWorkload({ ecs: null });
    const result = evaluateWorkload(broken, complianceRules);
    expect(result.verdict).toBe('unknown');
    expect(result.errors.map((e) => e.ruleId).sort()).toEqual([
      'compliance-ecs-awsvpc-networking',
      'compliance-ecs-host-mode-user',
      'compliance-ecs-network-mode-host',
      'compliance-ecs-nonroot-user',
      'compliance-ecs-pid-mode-host',
    ]);
  });
});

describe('user names', () => {
  it.each([
    ['root', true],
    ['0', true],
    ['0:0', true],
    ['root:wheel', true],
    ['ROOT', true],
    ['1000', false],
    ['1000:0', false],
    ['nginx', false],
    ['10', false],
  ])('isRootUser(%s) is %s', (user, expected) => {
    expect(isRootUser(user)).toBe(expected);
  });

  it.each([
    ['ContainerAdministrator', true],
    ['administrator', true],
    ['CORP\\Administrator', true],
    ['ContainerUser', false],
    ['CORP\\svc-web', false],
  ])('isWindowsAdministrator(%s) is %s', (user, expected) => {
    expect(isWindowsAdministrator(user)).toBe(expected);
  });
});
