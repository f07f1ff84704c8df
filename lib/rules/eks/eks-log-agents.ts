import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';

// Image names of node log and monitoring agents that are deployed as DaemonSets.
const NODE_AGENT_IMAGES = [
  'fluent-bit',
  'fluentbit',
  'fluentd',
  'cloudwatch-agent',
  'datadog/agent',
  'datadoghq/agent',
  'newrelic/infrastructure',
  'newrelic/nri-',
  'filebeat',
  'metricbeat',
  'promtail',
  'grafana/alloy',
  'timberio/vector',
  'splunk-otel-collector',
  'opentelemetry-collector',
  'dynatrace/oneagent',
  'sumologic',
];

// Pod annotations read by node-level log agents (the agent on the node tails the pod's log files).
const NODE_AGENT_ANNOTATION_PREFIXES = [
  'fluentbit.io/',
  'ad.datadoghq.com/',
  'co.elastic.logs/',
  'splunk.com/',
];

/** True when an annotation key starts with a node-agent prefix, without listing the keys. */
function hasAgentAnnotation(annotations: Readonly<Record<string, string>>): boolean {
  for (const key in annotations) {
    if (Object.hasOwn(annotations, key) && NODE_AGENT_ANNOTATION_PREFIXES.some((p) => key.startsWith(p))) {
      return true;
    }
  }
  return false;
}

function imageName(image: string): string {
  return image.toLowerCase().split('@')[0] ?? '';
}

const isNodeAgentImage = (name: string): boolean => NODE_AGENT_IMAGES.some((agent) => name.includes(agent));

/** Node log/monitoring agents, and pods configured for them, whose logs Fargate would not collect. */
export const eksLogAgents = defineRule({
  id: 'eks-log-agents',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'Logs depend on a node agent',
  rationale:
    'Node log and monitoring agents run as DaemonSets and read container logs from the node; Fargate has ' +
    'neither. Fargate ships a built-in Fluent Bit log router configured through the aws-observability namespace.',
  fix:
    'Configure the built-in Fargate log router (ConfigMap aws-logging in namespace aws-observability) or run ' +
    'the agent as a sidecar.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-logging.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['daemonSet', 'annotations'],
  evaluate(workload) {
    const daemon = workload.schedulingKind === 'daemon' || workload.kind === 'DaemonSet';
    if (!daemon && !hasAgentAnnotation(workload.annotations)) return NO_VIOLATIONS;
    const found: Violation[] = [];
    if (workload.schedulingKind === 'daemon' || workload.kind === 'DaemonSet') {
      const agents = workload.containers
        .filter((c) => c.image !== null && isNodeAgentImage(imageName(c.image)))
        .map((c) => `"${c.name}" (${c.image})`);
      if (agents.length > 0) {
        found.push({
          message: `This DaemonSet runs the node agent ${agents.join(', ')}, which Fargate pods cannot use.`,
        });
      }
    }
    const annotations = Object.keys(workload.annotations).filter((key) =>
      NODE_AGENT_ANNOTATION_PREFIXES.some((prefix) => key.startsWith(prefix)),
    );
    if (annotations.length > 0) {
      found.push({
        message:
          `The pod template carries node log-agent annotations (${annotations.join(', ')}); no node agent ` +
          "reads a Fargate pod's logs.",
      });
    }
    return found;
  },
});
