import type { Workload } from '../../../model/workload.js';

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

/** Images whose name or tag says they are Windows images (Server Core, Nano Server, LTSC tags). */
export function windowsImages(workload: Workload): string[] {
  return workload.containers.flatMap((c) => (c.image && isWindowsImage(c.image) ? [c.image] : []));
}

/** Host paths written the Windows way: drive letters or named pipes. */
export function windowsHostPaths(workload: Workload): string[] {
  return workload.volumes.flatMap((v) => (v.hostPath && isWindowsHostPath(v.hostPath) ? [v.hostPath] : []));
}
