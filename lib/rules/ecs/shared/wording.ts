import type { FargateSize } from '../../../findings/result.js';
import { BoundedCache } from '../../../model/bounded-cache.js';
import type { Container } from '../../../model/workload.js';

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
export function quotedList(values: readonly string[]): string {
  // Built in one pass: ecs-cp-asg quotes a list for most EC2 services.
  const last = values.length - 1;
  if (last < 0) return '';
  let text = `"${values[0]}"`;
  for (let i = 1; i < last; i++) text += `, "${values[i]}"`;
  return last === 0 ? text : `${text} and "${values[last]}"`;
}

/** `container "a"` or `containers "a" and "b"`. */
export function containersLabel(containers: readonly Pick<Container, 'name'>[]): string {
  const names = containers.map((c) => c.name);
  return `${names.length === 1 ? 'container' : 'containers'} ${quotedList(names)}`;
}

/** {@link trimmed} of the sizes seen so far: sizes come from the Fargate grid, so there are few. */
const trimmedByValue = new BoundedCache<number, string>(512);

/** `0.25`, `2`: up to three decimals, without trailing zeros. */
const trimmed = (value: number): string => trimmedByValue.remembered(value, trimmedText);
const trimmedText = (value: number): string => String(Number.parseFloat(value.toFixed(3)));

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
