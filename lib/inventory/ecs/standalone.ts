/**
 * Standalone tasks — started with RunTask or StartTask, by a person, a scheduler, Step Functions or
 * AWS Batch, rather than by a service — are workloads too: one per cluster and task-definition
 * family, since revisions of a family are one job at different versions.
 */

import { byText } from '../../model/text-order.js';
import type { EcsTaskRecord } from '../snapshot.js';

/** ECS sets a service's tasks' group to `service:<name>`; every other group is standalone. */
export function isServiceTask(task: EcsTaskRecord): boolean {
  return task.group?.startsWith('service:') ?? false;
}

/** `family` of `arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>` (or of `family:revision`). */
export function familyOf(taskDefinitionArn: string): string {
  const tail = taskDefinitionArn.split('/').pop() ?? taskDefinitionArn;
  const colon = tail.lastIndexOf(':');
  return colon > 0 ? tail.slice(0, colon) : tail;
}

/** The revision number of a task definition ARN, or null when it has none. */
export function revisionOf(taskDefinitionArn: string): number | null {
  const match = /:(\d+)$/.exec(taskDefinitionArn);
  return match ? Number(match[1]) : null;
}

/** The standalone tasks of one cluster and task-definition family. */
export interface StandaloneGroup {
  readonly clusterArn: string;
  readonly family: string;
  /** `<cluster ARN>/standalone/<family>`: stable across runs of the family. */
  readonly id: string;
  readonly tasks: readonly EcsTaskRecord[];
  /** The newest revision among the group's tasks: the one that represents the job now. */
  readonly taskDefinitionArn: string;
}

/** Workload id of a standalone group. */
export function standaloneId(clusterArn: string, family: string): string {
  return `${clusterArn}/standalone/${family}`;
}

/** The (cluster, family) keys of a cluster's standalone tasks. */
export function standaloneGroupKeys(tasks: readonly EcsTaskRecord[]): Set<string> {
  return new Set(
    tasks
      .filter((t) => !isServiceTask(t))
      .map((t) => standaloneId(t.clusterArn, familyOf(t.taskDefinitionArn))),
  );
}

/** Groups a cluster's standalone tasks by family, in family order. */
export function groupStandaloneTasks(tasks: readonly EcsTaskRecord[]): StandaloneGroup[] {
  const groups = new Map<string, EcsTaskRecord[]>();
  for (const task of tasks) {
    if (isServiceTask(task)) continue;
    const id = standaloneId(task.clusterArn, familyOf(task.taskDefinitionArn));
    const members = groups.get(id) ?? [];
    members.push(task);
    groups.set(id, members);
  }
  return [...groups.entries()]
    .map(([id, members]) => {
      const first = members[0]!;
      const newest = members.reduce((best, task) =>
        (revisionOf(task.taskDefinitionArn) ?? -1) > (revisionOf(best.taskDefinitionArn) ?? -1) ? task : best,
      );
      return {
        clusterArn: first.clusterArn,
        family: familyOf(first.taskDefinitionArn),
        id,
        tasks: members,
        taskDefinitionArn: newest.taskDefinitionArn,
      };
    })
    .sort((a, b) => byText(a.id, b.id));
}
