/**
 * The parts as one flat string. For messages built from many pieces that a finding keeps: a
 * template literal keeps one linked piece per \`+\`, and the garbage collector copies and visits
 * each of them for as long as the result lives; one flat string is a single object without links.
 */
export function joined(parts: readonly string[]): string {
  return parts.join('');
}
