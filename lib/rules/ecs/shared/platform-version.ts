import type { Container, Workload } from '../../../model/workload.js';
import { NO_VIOLATIONS, type Violation } from '../../rule.js';
import { isWindowsTask } from './operating-system.js';
import { containersThat } from './wording.js';

/** A Fargate Linux platform version that a service or run configuration pins explicitly. */
export interface PlatformVersionPin {
  readonly version: string;
  readonly pinnedBy: 'the service' | 'the run configuration';
}

const NO_PINS: readonly PlatformVersionPin[] = Object.freeze([]);

/** Fargate Linux platform versions at which features arrived (the `LATEST` one is 1.4.0). */
export type LinuxPlatformVersion = '1.1.0' | '1.3.0' | '1.4.0';

/** Major, minor and patch of a `1.4.0` style version. */
type VersionTriple = readonly [number, number, number];

/** The {@link LinuxPlatformVersion} minimums as numbers, parsed once instead of at every call. */
const MINIMUM_TRIPLES: Readonly<Record<LinuxPlatformVersion, VersionTriple>> = {
  '1.1.0': [1, 1, 0],
  '1.3.0': [1, 3, 0],
  '1.4.0': [1, 4, 0],
};

function parse(version: string): VersionTriple | null {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version.trim());
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function isBelow(version: VersionTriple, minimum: VersionTriple) {
  for (let i = 0; i < 3; i++) {
    if (version[i]! !== minimum[i]!) return version[i]! < minimum[i]!;
  }
  return false;
}

/**
 * True when `version` is a numbered version below `minimum`. Most pins are `LATEST`: anything not
 * starting with a digit cannot be numbered, so it is answered without the regular expression.
 */
function isNumberedBelow(version: string, minimum: VersionTriple): boolean {
  const first = version.trim().charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return false;
  const parsed = parse(version);
  return parsed !== null && isBelow(parsed, minimum);
}

/**
 * Linux platform versions pinned below `minimum` by the service or the run configuration.
 * `LATEST` and an unset version resolve to the newest Linux version and never count; Windows
 * tasks use their own numbering (1.0.0 is current), so they never have a Linux pin.
 */
export function linuxPinsBelow(
  workload: Workload,
  minimum: LinuxPlatformVersion,
): readonly PlatformVersionPin[] {
  const fromService = workload.ecs?.service?.platformVersion;
  const fromRun = workload.ecs?.platformVersion;
  // Most tasks pin nothing older: answer before the Windows test and building any pin.
  if (!fromService && !fromRun) return NO_PINS;
  const wanted = MINIMUM_TRIPLES[minimum];
  const serviceBelow = fromService ? isNumberedBelow(fromService, wanted) : false;
  const runBelow =
    fromRun && fromRun.trim() !== fromService?.trim() ? isNumberedBelow(fromRun, wanted) : false;
  if (!serviceBelow && !runBelow) return NO_PINS;
  if (isWindowsTask(workload)) return NO_PINS;
  const pins: PlatformVersionPin[] = [];
  if (serviceBelow) pins.push({ version: fromService!.trim(), pinnedBy: 'the service' });
  if (runBelow) pins.push({ version: fromRun!.trim(), pinnedBy: 'the run configuration' });
  return pins;
}

/** "the service pins platform version 1.3.0", joined with "; " for several pins. */
export function describePins(pins: readonly PlatformVersionPin[]): string {
  return pins.map((pin) => `${pin.pinnedBy} pins platform version ${pin.version}`).join('; ');
}

/** Fix text for a feature that needs a newer Linux platform version than the one pinned. */
export function upgradePlatformFix(minimum: LinuxPlatformVersion): string {
  return `Set the platform version to LATEST (or ${minimum} or later) on the service or run configuration.`;
}

/**
 * The violation of a supported feature on a too-old pinned platform version: `subject` says who
 * uses what (`container "app" sets healthCheck`); nothing when no older version is pinned. A
 * function `subject` is only called when there is something to say.
 */
export function featureNeedsPlatform(
  workload: Workload,
  subject: string | (() => string),
  minimum: LinuxPlatformVersion,
): readonly Violation[] {
  const pins = linuxPinsBelow(workload, minimum);
  if (pins.length === 0) return NO_VIOLATIONS;
  return [
    {
      message: `${typeof subject === 'function' ? subject() : subject}, which needs platform version ${minimum} or later; ${describePins(pins)}`,
      fix: upgradePlatformFix(minimum),
    },
  ];
}

/**
 * {@link featureNeedsPlatform} for a container feature: `containers "a" and "b" set healthCheck,
 * which needs ...`, the verbs as in {@link containersThat}. For a task with a container that
 * `uses` the feature: the rules find that out first with a plain loop, as most tasks have none.
 */
export function containersNeedPlatform(
  workload: Workload,
  uses: (container: Container) => boolean,
  singularVerb: string,
  pluralVerb: string,
  feature: string,
  minimum: LinuxPlatformVersion,
): readonly Violation[] {
  return featureNeedsPlatform(
    workload,
    () => `${containersThat(workload.containers.filter(uses), singularVerb, pluralVerb)} ${feature}`,
    minimum,
  );
}
