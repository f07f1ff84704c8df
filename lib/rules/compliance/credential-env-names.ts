import { BoundedCache } from '../../model/bounded-cache.js';
import type { Container } from '../../model/workload.js';
import { NO_VIOLATIONS, type Violation } from '../rule.js';
import { appendResult, type ContainerCheck } from './container-identity.js';

/**
 * Environment variable names that carry credentials. Rules only ever see names: the readers drop
 * every value, so a finding can say which variable is exposed without repeating what it holds.
 */

/** The names Security Hub ECS.8 looks for in a container definition's `environment`. */
export const ecsControlCredentialNames: readonly string[] = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'ECS_ENGINE_AUTH_DATA',
];

/** Exact names beyond ECS.8 that are credentials whatever the application. */
const wellKnownCredentialNames = new Set([...ecsControlCredentialNames, 'AWS_SESSION_TOKEN']);

/**
 * Name endings that mark a credential (`DB_PASSWORD`, `GITHUB_TOKEN`, `STRIPE_API_KEY`, ...). Matched
 * on whole `_`-separated words so `TOKEN_URL` or `PASSWORD_FILE` (a path, the recommended pattern)
 * are not reported.
 */
const credentialSuffix =
  /(^|_)(PASSWORD|PASSWD|PASSPHRASE|SECRET|SECRET_KEY|CLIENT_SECRET|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|TOKEN|ACCESS_TOKEN|AUTH_TOKEN|BEARER_TOKEN)$/;

/** Switches whose names end like a credential but hold yes/no (official MySQL / MariaDB images, Bitnami). */
const credentialLookingSwitches = /(^|_)(ALLOW_EMPTY(_ROOT)?|RANDOM_ROOT)_PASSWORD$/;

/** Upper-cases and turns `-` and `.` into `_` so `db-password` and `DB_PASSWORD` are judged alike. */
function normalizeEnvName(name: string): string {
  // Most names are written that way already; skip the three string passes for them.
  if (ALREADY_NORMALIZED.test(name)) return name;
  return name.trim().toUpperCase().replace(/[-.]/g, '_');
}

const ALREADY_NORMALIZED = /^[A-Z0-9_]*$/;

/**
 * True when a normalized name ends the way {@link credentialSuffix} needs (every alternative ends in
 * one of these), so the common name is judged by a few `endsWith` instead of two regular expressions.
 */
function mayEndLikeCredential(normalized: string): boolean {
  return (
    normalized.endsWith('WORD') ||
    normalized.endsWith('PASSWD') ||
    normalized.endsWith('PHRASE') ||
    normalized.endsWith('SECRET') ||
    normalized.endsWith('KEY') ||
    normalized.endsWith('TOKEN')
  );
}

const REMEMBERED_NAMES = 10_000;

/**
 * A verdict per variable name, remembered: an estate reuses a few hundred variable names across
 * thousands of containers. Keyed by the name (a string), bounded, so an estate of unique names
 * cannot grow it without end.
 */
function rememberedByName(judge: (name: string) => boolean): (name: string) => boolean {
  const verdicts = new BoundedCache<string, boolean>(REMEMBERED_NAMES);
  return (name) => verdicts.remembered(name, judge);
}

/** True when the variable name is one of the ECS.8 names. */
export const isEcsControlCredentialName: (name: string) => boolean = rememberedByName((name) =>
  ecsControlCredentialNames.includes(normalizeEnvName(name)),
);

/** True when the variable name says it holds a credential (AWS keys, passwords, tokens, API keys). */
export const looksLikeCredentialName: (name: string) => boolean = rememberedByName(judgeCredentialName);

function judgeCredentialName(name: string): boolean {
  const normalized = normalizeEnvName(name);
  if (wellKnownCredentialNames.has(normalized)) return true;
  if (!mayEndLikeCredential(normalized)) return false;
  if (credentialLookingSwitches.test(normalized)) return false;
  return credentialSuffix.test(normalized);
}

/**
 * A container check that reports each plain environment variable whose name `isCredential` flags, in
 * name order, with the shared result `resultOf` gives for the container and the name.
 */
export function credentialCheck(
  isCredential: (name: string) => boolean,
  resultOf: (container: Container, name: string) => readonly Violation[],
): ContainerCheck {
  return (container) => {
    let found = NO_VIOLATIONS;
    for (const name of container.envNames) {
      if (isCredential(name)) found = appendResult(found, resultOf(container, name));
    }
    return found;
  };
}
