/**
 * Deterministic identifiers: the same scenario always yields the same ARNs, instance ids, uids and
 * pod names, so tests and the demo can name resources they never declared.
 */
import { hash } from 'node:crypto';

/** Lowercase hex digest of the parts, cut to `length` characters. */
export function stableHex(length: number, ...parts: readonly (string | number)[]): string {
  let out = '';
  for (let round = 0; out.length < length; round += 1) {
    out += hash('sha256', `${round}\u0000${parts.join('\u0000')}`, 'hex');
  }
  return out.slice(0, length);
}

/** A UUID-shaped id (Kubernetes uids, ECS deployment ids). */
export function stableUuid(...parts: readonly (string | number)[]): string {
  const hex = stableHex(32, ...parts);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes).
const KUBE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A Kubernetes-style random suffix (`-7d9f8b6c5d`, `-x2k4p`), derived from the parts. */
export function kubeSuffix(length: number, ...parts: readonly (string | number)[]): string {
  const hex = stableHex(length * 2, ...parts);
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += KUBE_ALPHABET[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % KUBE_ALPHABET.length];
  }
  return out;
}

/** Add `offset` to the base address of an IPv4 CIDR (`10.0.32.0/19`, 12 → `10.0.32.12`). */
export function ipInCidr(cidr: string, offset: number): string {
  const [base = '10.0.0.0'] = cidr.split('/');
  const value = base.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0) + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
