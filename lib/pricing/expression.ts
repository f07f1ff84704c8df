import { type Amount, amount, formatExact, formatUsd } from './money.js';

/**
 * A small arithmetic expression that is both evaluated and printed. Every priced figure is the
 * value of one of these, and its breakdown line is the same expression printed, so the line a
 * person checks by hand always recomputes to the figure the report states.
 *
 * Expressions are immutable and built once per distinct shape: building the same expression
 * again (the same price times the same size, the same hours) returns the node already built, and
 * a node computes its value and its printed form once. Pricing 100,000 workloads therefore does
 * the decimal arithmetic of each distinct sub-figure once. A term is keyed by the number, string
 * or (immutable) decimal it was built from and its unit, an operation by its operator and the two
 * nodes it joins, so a shared node is always the same figure.
 */
export type Expression = Term | Operation;

type Operator = '+' | '-' | 'x' | '/';

let nextId = 1;

/** What every node carries besides its figure: an id, and what was last built from it. */
abstract class Node {
  readonly id = nextId++;
  /** The last operation built with this node on its left: see {@link operation}. */
  recent: Operation | undefined = undefined;
  /** The lines printed for this node: see {@link pricedLine}. */
  lines: PricedLines | undefined = undefined;
}

/** A number as printed. Built only through {@link quantity}, {@link count} and {@link price}. */
export class Term extends Node {
  readonly kind = 'term' as const;

  constructor(
    readonly value: Amount,
    /** How the number prints: `$0.04048`, `0.5 vCPU`, `4 tasks`, `730 h`. */
    readonly text: string,
  ) {
    super();
  }
}

/** Two expressions and an operator. Built only through {@link sum}, {@link product} and the like. */
export class Operation extends Node {
  readonly kind = 'operation' as const;
  private exact: Amount | undefined;
  private printed: string | undefined;

  constructor(
    readonly operator: Operator,
    readonly left: Expression,
    readonly right: Expression,
  ) {
    super();
  }

  get value(): Amount {
    if (this.exact === undefined) this.exact = apply(this.operator, this.left.value, this.right.value);
    return this.exact;
  }

  get text(): string {
    if (this.printed === undefined) this.printed = print(this);
    return this.printed;
  }
}

function apply(operator: Operator, left: Amount, right: Amount): Amount {
  switch (operator) {
    case '+':
      return left.plus(right);
    case '-':
      return left.minus(right);
    case 'x':
      return left.times(right);
    case '/':
      return left.div(right);
  }
}

/** Nodes kept for reuse before the tables start over; bounds memory on estates of any size. */
const NODE_LIMIT = 20_000;
let nodesKept = 0;
/** Terms by unit, then by the number, string or (immutable) decimal they were built from. */
const termsOfNumbers = new Map<string, Map<number, Term>>();
const termsOfStrings = new Map<string, Map<string, Term>>();
const termsOfDecimals = new Map<string, WeakMap<Amount, Term>>();
const prices = new WeakMap<Amount, Term>();
/** Counts with the regular plural, by singular word, then by number. */
const countsByWord = new Map<string, Map<number, Expression>>();
/**
 * Operations by left node, then right node; one table per operator, so that finding the table is
 * not a property lookup by a computed name.
 */
type OperationTable = Map<number, Map<number, Operation>>;
const sums: OperationTable = new Map();
const differences: OperationTable = new Map();
const products: OperationTable = new Map();
const quotients: OperationTable = new Map();

function keep(): void {
  if (++nodesKept <= NODE_LIMIT) return;
  nodesKept = 1;
  termsOfNumbers.clear();
  termsOfStrings.clear();
  countsByWord.clear();
  for (const table of [sums, differences, products, quotients]) table.clear();
}

function tableOf<K, T>(tables: Map<string, Map<K, T>>, unit: string): Map<K, T> {
  let table = tables.get(unit);
  if (table === undefined) {
    table = new Map();
    tables.set(unit, table);
  }
  return table;
}

const termText = (exact: Amount, unit: string): string =>
  unit === '' ? formatExact(exact) : `${formatExact(exact)} ${unit}`;

/** The term of a number or price-book string in its unit, built once and kept in `tables`. */
function termFrom<K extends number | string>(
  tables: Map<string, Map<K, Term>>,
  value: K,
  unit: string,
): Term {
  const table = tableOf(tables, unit);
  let made = table.get(value);
  if (made === undefined) {
    const exact = amount(value);
    made = new Term(exact, termText(exact, unit));
    keep();
    table.set(value, made);
  }
  return made;
}

/** A plain number, optionally followed by a unit word (`0.5 vCPU`, `730 h`). */
export function quantity(value: Amount | string | number, unit = ''): Expression {
  // Numbers and strings keep separate tables so each map sees one key type.
  if (typeof value === 'number') return termFrom(termsOfNumbers, value, unit);
  if (typeof value === 'string') return termFrom(termsOfStrings, value, unit);
  let table = termsOfDecimals.get(unit);
  if (table === undefined) {
    table = new WeakMap();
    termsOfDecimals.set(unit, table);
  }
  let made = table.get(value);
  if (made === undefined) {
    made = new Term(value, termText(value, unit));
    table.set(value, made);
  }
  return made;
}

/** The last count made without an explicit plural: see {@link count}. */
let lastCountValue = Number.NaN;
let lastCountWord = '';
let lastCount: Expression | undefined;

/** A count with a unit that agrees with it: `1 task`, `4 tasks`. */
export function count(value: number, singular: string, plural?: string): Expression {
  if (plural !== undefined) return quantity(value, value === 1 ? singular : plural);
  // A workload counts its replicas twice (current cost and Fargate): the last count answers the second.
  if (value === lastCountValue && singular === lastCountWord) return lastCount!;
  // Kept by the singular word, so no plural is spelt out (and hashed) for a count already made.
  const table = tableOf(countsByWord, singular);
  let made = table.get(value);
  if (made === undefined) {
    made = quantity(value, value === 1 ? singular : `${singular}s`);
    table.set(value, made);
  }
  lastCountValue = value;
  lastCountWord = singular;
  lastCount = made;
  return made;
}

/** A price in dollars with every digit the price book gives it: `$0.004445`. */
export function price(value: Amount): Expression {
  let made = prices.get(value);
  if (made === undefined) {
    made = new Term(value, `$${formatExact(value)}`);
    prices.set(value, made);
  }
  return made;
}

function operation(
  byLeft: OperationTable,
  operator: Operator,
  left: Expression,
  right: Expression,
): Expression {
  // Workloads priced alike build the same operations one after another: the last one built on
  // `left` answers them without the two table look-ups. It is the node the tables hold (or held,
  // before they started over), so the figure and its text are the same.
  const recent = left.recent;
  if (recent !== undefined && recent.right === right && recent.operator === operator) return recent;
  let byRight = byLeft.get(left.id);
  if (byRight === undefined) {
    byRight = new Map();
    byLeft.set(left.id, byRight);
  }
  let made = byRight.get(right.id);
  if (made === undefined) {
    made = new Operation(operator, left, right);
    keep();
    byRight.set(right.id, made);
  }
  left.recent = made;
  return made;
}

/** a + b + ... (left to right). */
export function sum(first: Expression, ...rest: readonly Expression[]): Expression {
  let acc = first;
  for (const next of rest) acc = operation(sums, '+', acc, next);
  return acc;
}

/** a - b. */
export function difference(left: Expression, right: Expression): Expression {
  return operation(differences, '-', left, right);
}

/** a x b x ... (left to right). */
export function product(first: Expression, ...rest: readonly Expression[]): Expression {
  let acc = first;
  for (const next of rest) acc = operation(products, 'x', acc, next);
  return acc;
}

/** a / b. */
export function quotient(left: Expression, right: Expression): Expression {
  return operation(quotients, '/', left, right);
}

/** The exact value of an expression. */
export function evaluate(expression: Expression): Amount {
  return expression.value;
}

const isAdditive = (e: Expression): boolean =>
  e.kind === 'operation' && (e.operator === '+' || e.operator === '-');

/**
 * The expression as a person reads it, with the usual precedence (x and / before + and -, left to
 * right) and parentheses only where the tree needs them.
 */
export function render(expression: Expression): string {
  return expression.text;
}

function print(expression: Operation): string {
  const { operator, left, right } = expression;
  const wrap = (e: Expression) => `(${e.text})`;
  const multiplicative = operator === 'x' || operator === '/';
  const leftText = multiplicative && isAdditive(left) ? wrap(left) : left.text;
  const rightNeedsParens =
    right.kind === 'operation' &&
    (multiplicative ? isAdditive(right) || operator === '/' : operator === '-' && isAdditive(right));
  return `${leftText} ${operator} ${rightNeedsParens ? wrap(right) : right.text}`;
}

/**
 * `label: expression = $figure`, the form of every priced breakdown line. Remembered per node and
 * label (up to a few dozen labels a node), so workloads priced alike share one line.
 */
export function pricedLine(label: string, expression: Expression): string {
  let lines = expression.lines;
  if (lines === undefined) {
    lines = { lastLabel: '', lastLine: '', byLabel: new Map() };
    expression.lines = lines;
  }
  // Consecutive workloads priced alike ask for the same line: the last one answers without a look-up.
  if (lines.lastLabel === label && lines.lastLine !== '') return lines.lastLine;
  let line = lines.byLabel.get(label);
  if (line === undefined) {
    line = `${label}: ${expression.text} = ${formatUsd(expression.value)}`;
    if (lines.byLabel.size < LINES_PER_NODE) lines.byLabel.set(label, line);
  }
  lines.lastLabel = label;
  lines.lastLine = line;
  return line;
}

/** A node's priced lines, by label, and the last one asked for. */
interface PricedLines {
  lastLabel: string;
  lastLine: string;
  readonly byLabel: Map<string, string>;
}

const LINES_PER_NODE = 32;
