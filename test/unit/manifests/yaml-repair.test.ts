import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { indentQuotedScalarContinuations } from '../../../lib/manifests/yaml-repair.js';

const underIndented = [
  'metadata:',
  '  annotations:',
  "    init: '[",
  '      { "name": "a" }',
  "    ]'",
  '    other: "x',
  '  y"',
  'spec: {}',
].join('\n');

describe('indentQuotedScalarContinuations', () => {
  it('makes a scalar the YAML parser rejects parse, with the value kubectl would read', () => {
    expect(parseAllDocuments(underIndented)[0]?.errors.length).toBeGreaterThan(0);
    const repaired = indentQuotedScalarContinuations(underIndented);
    expect(parse(repaired)).toEqual({
      metadata: { annotations: { init: '[ { "name": "a" } ]', other: 'x y' } },
      spec: {},
    });
  });

  it('keeps every line where it was, so reported line numbers stay true', () => {
    const repaired = indentQuotedScalarContinuations(underIndented);
    expect(repaired.split('\n')).toHaveLength(underIndented.split('\n').length);
    expect(repaired.split('\n')[4]).toBe("     ]'");
  });

  it('leaves valid YAML untouched', () => {
    const valid = "a: 'one line'\nb: \"two\n  lines\"\nc:\n  - 'it''s'\n  - x\n";
    expect(indentQuotedScalarContinuations(valid)).toBe(valid);
  });

  it('indents continuations of a quoted sequence entry past its dash', () => {
    const text = 'list:\n  - "a\n  b"\n';
    expect(parse(indentQuotedScalarContinuations(text))).toEqual({ list: ['a b'] });
  });

  it('leaves an unterminated scalar for the parser to report', () => {
    const text = 'a: "never closed\nb: 1\n---\nc: 2\n';
    expect(indentQuotedScalarContinuations(text)).toBe(text);
  });
});
