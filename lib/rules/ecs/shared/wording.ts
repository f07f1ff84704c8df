import type { FargateSize } from '../../../findings/result.js';
import type { Container } from '../../../model/workload.js';

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
export function quotedList(values: readonly string[]): string {
  const quoted = values.map((value) => `"${value}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** `container "a"` or `containers "a" and "b"`. */
export function containersLabel(containers: readonly Pick<Container, 'name'>[]): string {
  const names = containers.map((c) => c.name);
  return `${names.length === 1 ? 'container' : 'containers'} ${quotedList(names)}`;
}

function trimmed(value: number): string {
  return String(Number.parseFloat(value.toFixed(3)));
}

/** `cpu 1024 (1 vCPU) / memory 3072 MiB (3 GiB)`, the units a task definition is written in. */
export function describeSize(size: FargateSize): string {
  return `cpu ${size.cpu} (${trimmed(size.cpu / 1024)} vCPU) / memory ${size.memoryMiB} MiB (${trimmed(size.memoryMiB / 1024)} GiB)`;
}

/** `container "a" adds` or `containers "a" and "b" add`: the subject with a verb that agrees. */
export function containersThat(
  containers: readonly Pick<Container, 'name'>[],
  singularVerb: string,
  pluralVerb: string,
): string {
  return `${containersLabel(containers)} ${containers.length === 1 ? singularVerb : pluralVerb}`;
}
