import type { Workload } from '../../../model/workload.js';

const WINDOWS_IMAGE =
  /(^|\/)(windows\/|windowsservercore|nanoserver|iis(:|$)|dotnet\/framework\/)|[:\-_.](ltsc20(16|19|22|25)|windowsservercore|nanoserver)([-_.]|$)/i;

/** Images whose name or tag says they are Windows images (Server Core, Nano Server, LTSC tags). */
export function windowsImages(workload: Workload): string[] {
  return workload.containers.flatMap((c) => (c.image && WINDOWS_IMAGE.test(c.image) ? [c.image] : []));
}

/** Host paths written the Windows way: drive letters or named pipes. */
export function windowsHostPaths(workload: Workload): string[] {
  return workload.volumes.flatMap((v) =>
    v.hostPath && (/^[a-z]:\\/i.test(v.hostPath) || v.hostPath.startsWith('\\\\')) ? [v.hostPath] : [],
  );
}
