import { Decimal } from 'decimal.js';

/*
 * Reads a breakdown line the way a person checking it by hand would: the arithmetic after the
 * label, up to "= $figure". Written independently of lib/pricing/expression.ts (its own tokenizer
 * and precedence parser), so a line that prints one thing and computes another is caught.
 */

const Exact = Decimal.clone({ precision: 50 });

/** A priced line: `label: <arithmetic> = $12.34 ...`. */
export interface PricedLine {
  readonly arithmetic: string;
  readonly statedCents: string;
}

/** Splits a breakdown line into its arithmetic and its stated figure; null when it has none. */
export function pricedLine(line: string): PricedLine | null {
  const equals = line.lastIndexOf(' = ');
  if (equals < 0) return null;
  const stated = /^ = (-?\$\d+\.\d{2})(?:\s|$)/.exec(line.slice(equals));
  if (stated === null) return null;
  const labelEnd = line.lastIndexOf(': ', equals);
  return { arithmetic: line.slice(labelEnd + 2, equals), statedCents: stated[1]!.replace('$', '') };
}

type Token = { kind: 'number'; value: Decimal } | { kind: 'symbol'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:\$?(\d+(?:\.\d+)?)|([x*/+\-()])|([A-Za-z][A-Za-z]*))/y;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match === null) {
      if (text.slice(position).trim() === '') break;
      throw new Error(`cannot read "${text.slice(position)}" in "${text}"`);
    }
    position = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'number', value: new Exact(match[1]) });
    else if (match[2] !== undefined)
      tokens.push({ kind: 'symbol', value: match[2] === '*' ? 'x' : match[2] });
    else if (match[3] === 'x') tokens.push({ kind: 'symbol', value: 'x' });
    // Any other word is a unit (vCPU, GB, h, tasks): it does not change the number.
  }
  return tokens;
}

/** Evaluates the arithmetic of a breakdown line with the usual precedence. */
export function evaluateArithmetic(text: string): Decimal {
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const take = () => tokens[index++];
  const primary = (): Decimal => {
    const token = take();
    if (token?.kind === 'number') return token.value;
    if (token?.kind === 'symbol' && token.value === '(') {
      const value = additive();
      const close = take();
      if (close?.kind !== 'symbol' || close.value !== ')')
        throw new Error(`unbalanced parentheses in "${text}"`);
      return value;
    }
    throw new Error(`unexpected ${JSON.stringify(token)} in "${text}"`);
  };
  const multiplicative = (): Decimal => {
    let value = primary();
    for (let t = peek(); t?.kind === 'symbol' && (t.value === 'x' || t.value === '/'); t = peek()) {
      take();
      value = t.value === 'x' ? value.times(primary()) : value.div(primary());
    }
    return value;
  };
  const additive = (): Decimal => {
    let value = multiplicative();
    for (let t = peek(); t?.kind === 'symbol' && (t.value === '+' || t.value === '-'); t = peek()) {
      take();
      value = t.value === '+' ? value.plus(multiplicative()) : value.minus(multiplicative());
    }
    return value;
  };
  const value = additive();
  if (index !== tokens.length) throw new Error(`trailing tokens in "${text}"`);
  return value;
}

/** The line's arithmetic, rounded half-up to cents, as a string such as "72.08". */
export function recomputedCents(line: PricedLine): string {
  return evaluateArithmetic(line.arithmetic).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}
