import type { TaskDefinitionDocument } from '../snapshot.js';

/**
 * Where task definitions are kept between lookups. A task definition ARN names one immutable
 * revision, so an entry never goes stale; a persistent implementation can carry entries across
 * scans and drop DescribeTaskDefinition from the steady-state critical path (scan-limits §4.4).
 * Entries are stored already redacted.
 */
export interface TaskDefinitionCache {
  get(arn: string): Promise<TaskDefinitionDocument | undefined>;
  set(arn: string, taskDefinition: TaskDefinitionDocument): Promise<void>;
}

/** The default cache: a Map that lives as long as the scan. */
export class InMemoryTaskDefinitionCache implements TaskDefinitionCache {
  private readonly entries = new Map<string, TaskDefinitionDocument>();

  async get(arn: string): Promise<TaskDefinitionDocument | undefined> {
    return this.entries.get(arn);
  }

  async set(arn: string, taskDefinition: TaskDefinitionDocument): Promise<void> {
    this.entries.set(arn, taskDefinition);
  }

  get size(): number {
    return this.entries.size;
  }
}
