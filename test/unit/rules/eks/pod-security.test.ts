import { describe, expect, it } from 'vitest';
import { eksCapAdd } from '../../../../lib/rules/eks/eks-cap-add.js';
import { eksHostPidIpc } from '../../../../lib/rules/eks/eks-host-pid-ipc.js';
import { eksHostPort } from '../../../../lib/rules/eks/eks-host-port.js';
import { eksPrivEscalation } from '../../../../lib/rules/eks/eks-priv-escalation.js';
import { eksPrivileged } from '../../../../lib/rules/eks/eks-privileged.js';
import { eksSysctls } from '../../../../lib/rules/eks/eks-sysctls.js';
import { eksRules } from '../../../../lib/rules/eks/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { makeEksWorkload, makeK8sContainer } from '../../../support/builders.js';

describe('rule eks-cap-add', () => {
  it.each([
    ['NET_ADMIN', 'NET_ADMIN'],
    ['CAP_SYS_ADMIN', 'SYS_ADMIN'],
    ['sys_ptrace', 'SYS_PTRACE'],
    ['cap_chown', 'CHOWN'],
    ['ALL', 'ALL'],
  ])('blocks an added %s and reports it as %s', (added, reported) => {
    const workload = makeEksWorkload({ containers: [makeK8sContainer({ capabilitiesAdd: [added] })] });
    const result = evaluateWorkload(workload, eksRules);
    expect(result.verdict).toBe('ineligible');
    expect(result.findings.find((f) => f.ruleId === 'eks-cap-add')?.message).toContain(reported);
  });

  it.each(['NET_BIND_SERVICE', 'CAP_NET_BIND_SERVICE', 'net_bind_service'])(
    'lets %s alone through',
    (added) => {
      const workload = makeEksWorkload({ containers: [makeK8sContainer({ capabilitiesAdd: [added] })] });
      expect(eksCapAdd.evaluate(workload)).toEqual([]);
    },
  );

  it('names the init container and only the refused capabilities', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer(),
        makeK8sContainer({
          name: 'istio-init',
          role: 'init',
          capabilitiesAdd: ['NET_BIND_SERVICE', 'NET_ADMIN', 'NET_RAW'],
        }),
      ],
    });
    const violations = eksCapAdd.evaluate(workload);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.message).toBe('init container "istio-init" adds capabilities NET_ADMIN, NET_RAW.');
  });

  it('ignores dropped capabilities', () => {
    const workload = makeEksWorkload({
      containers: [makeK8sContainer({ capabilitiesDrop: ['ALL', 'NET_RAW'] })],
    });
    expect(eksCapAdd.evaluate(workload)).toEqual([]);
  });
});

describe('rule eks-privileged', () => {
  it('blocks a privileged native sidecar and says it is a sidecar', () => {
    const workload = makeEksWorkload({
      containers: [makeK8sContainer(), makeK8sContainer({ name: 'vpn', role: 'sidecar', privileged: true })],
    });
    const [violation] = eksPrivileged.evaluate(workload);
    expect(violation?.message).toContain('sidecar container "vpn"');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });
});

describe('rule eks-host-port', () => {
  it('flags hostPort in an init container and shows the mapping', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer(),
        makeK8sContainer({
          name: 'warmup',
          role: 'init',
          ports: [{ containerPort: 9000, hostPort: 19000, hostIP: null, protocol: 'TCP' }],
        }),
      ],
    });
    const [violation] = eksHostPort.evaluate(workload);
    expect(violation?.message).toContain('init container "warmup"');
    expect(violation?.message).toContain('9000/TCP (hostPort 19000)');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible-with-changes');
  });
});

describe('unverified rows', () => {
  it('eks-priv-escalation asks for the change and says the current behaviour is unverified', () => {
    const workload = makeEksWorkload({ containers: [makeK8sContainer({ allowPrivilegeEscalation: true })] });
    expect(eksPrivEscalation.evaluate(workload)[0]?.message).toContain('unverified');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible-with-changes');
  });

  it('eks-host-pid-ipc blocks and says it is unverified', () => {
    const workload = makeEksWorkload({ hostPID: true, hostIPC: true });
    const [violation] = eksHostPidIpc.evaluate(workload);
    expect(violation?.message).toContain('hostPID: true and hostIPC: true');
    expect(violation?.message).toContain('unverified');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });
});

describe('rule eks-sysctls', () => {
  it('blocks unsafe sysctls such as vm.max_map_count', () => {
    const workload = makeEksWorkload({}, { sysctls: ['vm.max_map_count'] });
    const violations = eksSysctls.evaluate(workload);
    expect(violations).toEqual([
      expect.objectContaining({ message: expect.stringContaining('vm.max_map_count') }),
    ]);
    expect(violations[0]?.severity).toBeUndefined();
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('treats safe sysctls as an unverified change, not a blocker', () => {
    const workload = makeEksWorkload({}, { sysctls: ['net/ipv4/ip_local_port_range'] });
    const [violation] = eksSysctls.evaluate(workload);
    expect(violation?.severity).toBe('fixable');
    expect(violation?.message).toContain('net.ipv4.ip_local_port_range');
    expect(violation?.message).toContain('unverified');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible-with-changes');
  });

  it('reports only the sysctl name even when the reader kept name=value', () => {
    const [violation] = eksSysctls.evaluate(makeEksWorkload({}, { sysctls: ['kernel.msgmax=65536'] }));
    expect(violation?.message).toContain('kernel.msgmax');
    expect(violation?.message).not.toContain('65536');
  });
});
