import { memoizeLastWorkload } from '../../../model/memo.js';
import type { OsFamily, Workload } from '../../../model/workload.js';
import { equalsUpperCase } from './letter-case.js';
import { windowsHostPaths, windowsImages } from './windows-signals.js';

/**
 * True for a Windows task. An explicit `runtimePlatform.operatingSystemFamily` wins; without one,
 * the workload's `os`, Windows images (Server Core, Nano Server, LTSC tags) or Windows host paths
 * decide, so Windows-only limits are not missed on a task that forgot its runtimePlatform.
 */
export const isWindowsTask: (workload: Workload) => boolean = memoizeLastWorkload((workload) => {
  const family = workload.ecs?.operatingSystemFamily;
  if (family) return family.toUpperCase().startsWith('WINDOWS');
  return (
    workload.os === 'windows' || windowsImages(workload).length > 0 || windowsHostPaths(workload).length > 0
  );
});

/**
 * True when the task already runs on Fargate (live scan) or, with no launch type known (check
 * mode), its task definition is registered for Fargate: it cannot be relying on an EC2 host.
 */
export function isAlreadyOnFargate(workload: Workload): boolean {
  if (workload.launchType !== null)
    return workload.launchType === 'FARGATE' || workload.launchType === 'FARGATE_SPOT';
  const declared = workload.ecs?.requiresCompatibilities;
  return declared ? namesFargate(declared) : false;
}

/** True when a compatibilities list names FARGATE, in any letter case. */
export function namesFargate(compatibilities: readonly string[]): boolean {
  for (const c of compatibilities) {
    if (equalsUpperCase(c, 'FARGATE')) return true;
  }
  return false;
}

/** The OS family the Fargate size grid is chosen by. */
export function osOf(workload: Workload): OsFamily {
  return isWindowsTask(workload) ? 'windows' : 'linux';
}

/** `Linux` or `Windows`, for messages. */
export function osLabel(workload: Workload): 'Linux' | 'Windows' {
  return isWindowsTask(workload) ? 'Windows' : 'Linux';
}

/**
 * Fix text for Linux-only settings found on a Windows task. ECS does not apply them to Windows
 * containers on any capacity, so nothing can depend on them and removing them is safe.
 */
export const REMOVE_LINUX_ONLY_ON_WINDOWS =
  'Remove it: Windows containers do not support this Linux-only setting on any capacity, so the task cannot rely on it.';
