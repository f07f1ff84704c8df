import { memoizeLastWorkload } from '../../../model/memo.js';
import type { Workload } from '../../../model/workload.js';

const NONE: readonly string[] = Object.freeze([]);

const WINDOWS_IMAGE =
  /(^|\/)(windows\/|windowsservercore|nanoserver|iis(:|$)|dotnet\/framework\/)|[:\-_.](ltsc20(16|19|22|25)|windowsservercore|nanoserver)([-_.]|$)/i;

/** True for an image whose name or tag says it is a Windows image (Server Core, Nano Server, LTSC tags). */
export function isWindowsImage(image: string): boolean {
  return WINDOWS_IMAGE.test(image);
}

/** True for a host path written the Windows way: a drive letter or a named pipe. */
export function isWindowsHostPath(hostPath: string): boolean {
  return /^[a-z]:\\/i.test(hostPath) || hostPath.startsWith('\\\\');
}

/**
 * Images whose name or tag says they are Windows images (Server Core, Nano Server, LTSC tags).
 * Remembered for the last workload: a dozen rules ask, through {@link isWindowsTask}.
 */
export const windowsImages: (workload: Workload) => readonly string[] = memoizeLastWorkload((workload) => {
  let found: string[] | null = null;
  for (const c of workload.containers) {
    if (c.image && isWindowsImage(c.image)) {
      if (found === null) found = [];
      found.push(c.image);
    }
  }
  return found ?? NONE;
});

/** Host paths written the Windows way: drive letters or named pipes. */
export const windowsHostPaths: (workload: Workload) => readonly string[] = memoizeLastWorkload((workload) => {
  let found: string[] | null = null;
  for (const v of workload.volumes) {
    if (v.hostPath && isWindowsHostPath(v.hostPath)) {
      if (found === null) found = [];
      found.push(v.hostPath);
    }
  }
  return found ?? NONE;
});
