/**
 * kubectl reads YAML with a libyaml-derived parser that does not check the indentation of the
 * continuation lines of a multi-line quoted scalar. Real manifests rely on that, e.g.
 *
 * ```yaml
 *       annotations:
 *         pod.beta.kubernetes.io/init-containers: '[
 *           { "name": "sysctl" }
 *         ]'
 * ```
 *
 * where `]'` sits at the key's own column. YAML 1.2 (and the `yaml` package) rejects that line,
 * which swallows the rest of the document. This repair indents such continuation lines just
 * enough; folding trims leading spaces of continuation lines, so the scalar's value does not
 * change, and no line is added or removed, so reported line numbers stay true.
 */

// A line that opens a quoted scalar as a mapping value or a sequence entry:
// indentation, any "- " entries, an optional plain or quoted key with ":", then the quote.
const QUOTED_SCALAR_OPENER =
  /^( *)((?:- +)*)((?:[^\s'"#{}[\],&*!|>%@`][^'"#]*?|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:[ \t]+)?(['"])/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:\s|$)/;

/** Index just after the closing quote when the scalar closes in `text` from `from`, else -1. */
function closingQuoteEnd(text: string, from: number, quote: string): number {
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (quote === '"' && char === '\\') {
      index++;
      continue;
    }
    if (char !== quote) continue;
    // In single quotes, '' is an escaped quote, not the end.
    if (quote === "'" && text[index + 1] === "'") {
      index++;
      continue;
    }
    return index + 1;
  }
  return -1;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * Returns the text with under-indented continuation lines of multi-line quoted scalars indented
 * one column past the column of their key (or sequence dash). Unterminated scalars are left as
 * they were, for the parser to report.
 */
export function indentQuotedScalarContinuations(text: string): string {
  const lines = text.split('\n');
  let lineIndex = 0;
  while (lineIndex < lines.length) {
    const line = lines[lineIndex] ?? '';
    const opener = QUOTED_SCALAR_OPENER.exec(line);
    if (opener === null) {
      lineIndex++;
      continue;
    }
    const [matched, indent = '', dashes = '', key, quote = '"'] = opener;
    if (closingQuoteEnd(line, matched.length, quote) !== -1) {
      lineIndex++;
      continue;
    }
    // Continuation lines must sit deeper than the node that owns the scalar: the key when there
    // is one, otherwise the last sequence dash.
    const ownerColumn =
      key !== undefined ? indent.length + dashes.length : indent.length + dashes.lastIndexOf('-');
    const requiredIndent = ownerColumn + 1;
    const repaired: string[] = [];
    let closedAt = -1;
    for (let next = lineIndex + 1; next < lines.length; next++) {
      const continuation = lines[next] ?? '';
      if (DOCUMENT_MARKER.test(continuation)) break;
      const blank = continuation.trim() === '';
      const indentation = indentOf(continuation);
      repaired.push(
        !blank && indentation < requiredIndent
          ? ' '.repeat(requiredIndent - indentation) + continuation
          : continuation,
      );
      if (closingQuoteEnd(continuation, 0, quote) !== -1) {
        closedAt = next;
        break;
      }
    }
    if (closedAt === -1) {
      lineIndex++;
      continue;
    }
    lines.splice(lineIndex + 1, repaired.length, ...repaired);
    lineIndex = closedAt + 1;
  }
  return lines.join('\n');
}
