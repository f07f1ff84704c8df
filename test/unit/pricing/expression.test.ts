import { describe, expect, it } from 'vitest';
import {
  count,
  difference,
  evaluate,
  price,
  pricedLine,
  product,
  quantity,
  quotient,
  render,
  sum,
} from '../../../lib/pricing/expression.js';
import { amount } from '../../../lib/pricing/money.js';
import { evaluateArithmetic } from './breakdown-arithmetic.js';

describe('breakdown expressions', () => {
  it('print parentheses where the tree needs them, so the printed line means the same', () => {
    const cases = [
      product(count(4, 'task'), sum(quantity('0.5', 'vCPU'), quantity(1, 'GB'))),
      quotient(quantity(6), product(quantity(2), quantity(3))),
      difference(quantity(10), sum(quantity(2), quantity(3))),
      difference(quantity(10), difference(quantity(2), quantity(3))),
      quotient(quotient(quantity(12), sum(quantity(1), quantity(2))), quantity('0.8')),
    ];
    for (const expression of cases) {
      expect(evaluateArithmetic(render(expression)).toString()).toBe(evaluate(expression).toString());
    }
    expect(render(cases[1]!)).toBe('6 / (2 x 3)');
    expect(render(cases[2]!)).toBe('10 - (2 + 3)');
  });

  it('keep every digit of a price and agree the unit with the count', () => {
    expect(render(product(count(1, 'task'), price(amount('0.000111'))))).toBe('1 task x $0.000111');
    expect(render(count(3, 'address', 'addresses'))).toBe('3 addresses');
  });

  it('round only the stated figure, half-up to cents', () => {
    expect(pricedLine('x', quantity('0.125'))).toBe('x: 0.125 = $0.13');
    expect(pricedLine('x', quantity('-0.125'))).toBe('x: -0.125 = -$0.13');
  });
});
