import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { mayHintArchitecture, nameAndTag } from './shared/image-reference.js';
import { isWindowsTask } from './shared/operating-system.js';

const ARM_HINT = /(^|[/:._-])(arm64v8|arm64|aarch64)([/:._-]|$)/i;
const X86_HINT = /(^|[/:.-])(amd64|x86_64|x86-64)([/:.-]|$)/i;
const WINDOWS_RELEASE_HINTS: readonly [string, RegExp][] = [
  ['2016', /(ltsc2016|[:._-]1607([._-]|$))/i],
  ['2019', /(ltsc2019|[:._-]1809([._-]|$))/i],
  ['2022', /(ltsc2022|[:._-]20348([._-]|$))/i],
  ['2025', /(ltsc2025|[:._-]26100([._-]|$))/i],
];

/** ecs-image-platform: an image tag says a different OS release or CPU architecture than the task. */
export const ecsImagePlatform = defineRule({
  id: 'ecs-image-platform',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Image built for another OS release or architecture',
  rationale:
    'On Fargate the task runs exactly on the runtimePlatform it names. Windows images must match the Windows ' +
    'Server release of the host, and a single-architecture image must match cpuArchitecture. The scanner reads ' +
    'only image names and tags; the registry manifest is the authority.',
  fix: "Use an image built for the task's OS release and CPU architecture (or a multi-platform image), or change runtimePlatform to match it.",
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RuntimePlatform.html',
  verifiedAt: '2026-11-27',
  // An architecture mismatch needs a hint in an image name; a release mismatch, a Windows task.
  firesOnlyWith: ['architectureHint', 'windows'],
  evaluate(workload) {
    const task = workload.ecs;
    if (!task) return NO_VIOLATIONS;
    const arm = task.cpuArchitecture?.toUpperCase() === 'ARM64';
    const family = task.operatingSystemFamily?.toUpperCase() ?? '';
    const taskRelease = family === '' ? null : (/WINDOWS_SERVER_(\d{4})/.exec(family)?.[1] ?? null);
    // Allocated at the first violation: most tasks have none.
    let violations: Violation[] | null = null;
    for (const c of workload.containers) {
      if (!c.image) continue;
      const ref = nameAndTag(c.image);
      // Without a possible hint the patterns cannot match, so skip them.
      const hinted = mayHintArchitecture(ref);
      if (hinted && arm && X86_HINT.test(ref)) {
        violations ??= [];
        violations.push({
          message: `container "${c.name}" image ${c.image} looks x86_64-only, but cpuArchitecture is ARM64`,
        });
      } else if (hinted && !arm && ARM_HINT.test(ref)) {
        violations ??= [];
        violations.push({
          message: `container "${c.name}" image ${c.image} looks arm64-only, but the task runs on X86_64 (set cpuArchitecture ARM64 or use an x86_64 image)`,
        });
      }
      if (taskRelease && isWindowsTask(workload)) {
        const imageRelease = WINDOWS_RELEASE_HINTS.find(([, hint]) => hint.test(ref))?.[0];
        if (imageRelease && imageRelease !== taskRelease) {
          violations ??= [];
          violations.push({
            message: `container "${c.name}" image ${c.image} is built for Windows Server ${imageRelease}, but operatingSystemFamily is ${family}`,
          });
        }
      }
    }
    return violations ?? NO_VIOLATIONS;
  },
});
