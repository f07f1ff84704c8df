import { describe, expect, it } from 'vitest';
import {
  familyOf,
  groupStandaloneTasks,
  isServiceTask,
  revisionOf,
} from '../../../lib/inventory/ecs/standalone.js';
import type { EcsTaskRecord } from '../../../lib/inventory/snapshot.js';

const CLUSTER = 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod';
let counter = 0;
function task(taskDefinition: string, group: string | null, lastStatus = 'RUNNING'): EcsTaskRecord {
  counter += 1;
  return {
    arn: `arn:aws:ecs:eu-west-1:111122223333:task/prod/t${counter}`,
    clusterArn: CLUSTER,
    taskDefinitionArn: `arn:aws:ecs:eu-west-1:111122223333:task-definition/${taskDefinition}`,
    group,
    startedBy: null,
    launchType: 'FARGATE',
    capacityProviderName: null,
    platformVersion: '1.4.0',
    lastStatus,
    desiredStatus: 'RUNNING',
    containerInstanceArn: null,
    cpu: '256',
    memory: '512',
    availabilityZone: null,
    tags: {},
  };
}

describe('standalone tasks', () => {
  it('reads family and revision from a task definition ARN', () => {
    expect(familyOf('arn:aws:ecs:eu-west-1:111122223333:task-definition/nightly-report:12')).toBe(
      'nightly-report',
    );
    expect(revisionOf('arn:aws:ecs:eu-west-1:111122223333:task-definition/nightly-report:12')).toBe(12);
    expect(familyOf('web:3')).toBe('web');
  });

  it('tells service tasks from standalone ones by their group', () => {
    expect(isServiceTask(task('web:1', 'service:web'))).toBe(true);
    expect(isServiceTask(task('job:1', 'family:job'))).toBe(false);
    expect(isServiceTask(task('job:1', 'batch-jobs'))).toBe(false);
    expect(isServiceTask(task('job:1', null))).toBe(false);
  });

  it('groups standalone tasks per cluster and family, represented by the newest revision', () => {
    const groups = groupStandaloneTasks([
      task('web:7', 'service:web'),
      task('report:4', 'family:report'),
      task('report:5', 'family:report', 'PENDING'),
      task('report:4', 'nightly'),
      task('migrate:1', 'family:migrate'),
    ]);
    expect(groups.map((g) => [g.id, g.tasks.length, g.taskDefinitionArn.split('/').pop()])).toEqual([
      [`${CLUSTER}/standalone/migrate`, 1, 'migrate:1'],
      [`${CLUSTER}/standalone/report`, 3, 'report:5'],
    ]);
  });
});
