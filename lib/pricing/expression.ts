import { type Amount, amount, formatExact, formatUsd } from './money.js';

/**
 * A small arithmetic expression that is both evaluated and printed. Every priced figure is the
 * value of one of these, and its breakdown line is the same expression printed, so the line a
 * person checks by hand always recomputes to the figure the report states.
 */
export type Expression = Term | Operation;

interface Term {
  readonly kind: 'term';
  readonly value: Amount;
  /** How the number prints: `$0.04048`, `0.5 vCPU`, `4 tasks`, `730 h`. */
  readonly text: string;
}

type Operator = '+' | '-' | 'x' | '/';

interface Operation {
  readonly kind: 'operation';
  readonly operator: Operator;
  readonly left: Expression;
  readonly right: Expression;
}

/** A plain number, optionally followed by a unit word (`0.5 vCPU`, `730 h`). */
export function quantity(value: Amount | string | number, unit = ''): Expression {
  const exact = typeof value === 'object' ? value : amount(value);
  return {
    kind: 'term',
    value: exact,
    text: unit === '' ? formatExact(exact) : `${formatExact(exact)} ${unit}`,
  };
}

/** A count with a unit that agrees with it: `1 task`, `4 tasks`. */
export function count(value: number, singular: string, plural = `${singular}s`): Expression {
  return quantity(value, value === 1 ? singular : plural);
}

/** A price in dollars with every digit the price book gives it: `$0.004445`. */
export function price(value: Amount): Expression {
  return { kind: 'term', value, text: `$${formatExact(value)}` };
}

function operation(operator: Operator, left: Expression, right: Expression): Expression {
  return { kind: 'operation', operator, left, right };
}

/** a + b + ... (left to right). */
export function sum(first: Expression, ...rest: readonly Expression[]): Expression {
  return rest.reduce((acc, next) => operation('+', acc, next), first);
}

/** a - b. */
export function difference(left: Expression, right: Expression): Expression {
  return operation('-', left, right);
}

/** a x b x ... (left to right). */
export function product(first: Expression, ...rest: readonly Expression[]): Expression {
  return rest.reduce((acc, next) => operation('x', acc, next), first);
}

/** a / b. */
export function quotient(left: Expression, right: Expression): Expression {
  return operation('/', left, right);
}

/** The exact value of an expression. */
export function evaluate(expression: Expression): Amount {
  if (expression.kind === 'term') return expression.value;
  const left = evaluate(expression.left);
  const right = evaluate(expression.right);
  switch (expression.operator) {
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

const isAdditive = (e: Expression): boolean =>
  e.kind === 'operation' && (e.operator === '+' || e.operator === '-');

/**
 * The expression as a person reads it, with the usual precedence (x and / before + and -, left to
 * right) and parentheses only where the tree needs them.
 */
export function render(expression: Expression): string {
  if (expression.kind === 'term') return expression.text;
  const { operator, left, right } = expression;
  const wrap = (e: Expression) => `(${render(e)})`;
  const multiplicative = operator === 'x' || operator === '/';
  const leftText = multiplicative && isAdditive(left) ? wrap(left) : render(left);
  const rightNeedsParens =
    right.kind === 'operation' &&
    (multiplicative ? isAdditive(right) || operator === '/' : operator === '-' && isAdditive(right));
  return `${leftText} ${operator} ${rightNeedsParens ? wrap(right) : render(right)}`;
}

/** `label: expression = $figure`, the form of every priced breakdown line. */
export function pricedLine(label: string, expression: Expression): string {
  return `${label}: ${render(expression)} = ${formatUsd(evaluate(expression))}`;
}
