import type { LaunchType, SourceLocation } from '../model/workload.js';

/**
 * What the caller knows about a workload beyond its definition: its stable id and where it came
 * from. The file readers pass `<file>#<index>` and the source location; the live collectors pass
 * a service ARN or `eks:<cluster>/<namespace>/<Kind>/<name>` with cluster, account and region.
 * Members left out are null in the resulting Workload.
 */
export interface WorkloadIdentity {
  readonly id: string;
  readonly source?: SourceLocation | null;
  readonly cluster?: string | null;
  readonly account?: string | null;
  readonly region?: string | null;
  readonly launchType?: LaunchType | null;
}
