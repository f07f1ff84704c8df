import { describe, expect, it } from 'vitest';
import { allRules } from '../../../lib/rules/index.js';
import { defineRule, NO_VIOLATIONS, type Rule } from '../../../lib/rules/rule.js';

describe('defineRule', () => {
  it('copies every field of the rule to the field of the same name', () => {
    const evaluate = () => NO_VIOLATIONS;
    // Each field holds a value of its own, so a field copied from the wrong key shows.
    const written = Object.fromEntries(
      [
        'id',
        'scope',
        'category',
        'severity',
        'title',
        'rationale',
        'fix',
        'docsUrl',
        'verifiedAt',
        'control',
      ].map((key) => [key, `value of ${key}`]),
    );
    const rule = { ...written, firesOnlyWith: ['privileged'], evaluate } as unknown as Rule;
    expect(defineRule(rule)).toStrictEqual(rule);
  });

  it('leaves the optional fields a rule does not set undefined', () => {
    const rule = defineRule({ ...allRules[0]!, control: undefined, firesOnlyWith: undefined });
    expect(rule.control).toBeUndefined();
    expect(rule.firesOnlyWith).toBeUndefined();
  });

  it('gives every rule of the catalogue the same keys in the same order (one hidden class)', () => {
    const keyOrders = new Set(allRules.map((rule) => Object.keys(rule).join(',')));
    expect([...keyOrders]).toHaveLength(1);
  });
});
