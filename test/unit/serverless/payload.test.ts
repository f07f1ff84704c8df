import { describe, expect, it } from 'vitest';
import {
  compactTimestamp,
  onDemandScanRef,
  PayloadError,
  parseScanTargetEvent,
  scheduledScanRef,
} from '../../../lib/serverless/payload.js';

function problemsOf(event: unknown): readonly string[] {
  try {
    parseScanTargetEvent(event);
  } catch (error) {
    if (error instanceof PayloadError) return error.problems;
    throw error;
  }
  throw new Error('the event was accepted');
}

describe('scanTarget payloads', () => {
  it('accepts an empty on-demand request (this account, this region, everything)', () => {
    expect(parseScanTargetEvent({})).toEqual({ kind: 'on-demand', payload: {} });
    expect(parseScanTargetEvent(undefined)).toEqual({ kind: 'on-demand', payload: {} });
  });

  it('accepts a full on-demand request', () => {
    const payload = {
      accounts: ['111122223333'],
      regions: ['eu-west-1', 'us-east-1'],
      clusters: ['prod'],
      namespaces: ['payments'],
      dryRun: true,
      notify: false,
    };
    expect(parseScanTargetEvent(payload)).toEqual({ kind: 'on-demand', payload });
  });

  it('names every bad field, with the fields it would accept for a typo', () => {
    expect(problemsOf({ accounts: ['1111'], regions: ['Europe'], dryRun: 'yes', acount: 1 })).toEqual([
      'accounts[0]: must be a 12-digit AWS account id',
      'regions[0]: must be a region code such as us-east-1',
      'dryRun: must be true or false',
      'acount: unknown field (allowed: accounts, regions, clusters, namespaces, dryRun, notify)',
    ]);
  });

  it('refuses empty and repeated lists, and namespaces that Kubernetes would refuse', () => {
    expect(problemsOf({ regions: [] })).toEqual([
      'regions: must list at least one value (leave the field out to mean all)',
    ]);
    expect(problemsOf({ clusters: ['a', 'a'] })).toEqual(['clusters: must not repeat a value']);
    expect(problemsOf({ namespaces: ['Payments_Team'] })).toEqual([
      'namespaces[0]: must be a Kubernetes namespace name (RFC 1123 label)',
    ]);
  });

  it('recognizes a state machine item by its target and validates it strictly', () => {
    const item = {
      scan: {
        scanId: 'scheduled-20261127T020000Z',
        startedAt: '2026-11-27T02:00:00.000Z',
        trigger: 'schedule',
      },
      scope: { clusters: null, namespaces: null },
      target: { account: '111122223333', region: 'us-east-1' },
    };
    expect(parseScanTargetEvent(item)).toEqual({ kind: 'target', payload: item });
    expect(problemsOf({ ...item, target: { account: 'x', region: 'us-east-1' } })).toEqual([
      'target.account: must be a 12-digit AWS account id',
    ]);
  });
});

describe('scan ids', () => {
  it('names a scheduled scan after its scheduled time, so a redelivered event names the same scan', () => {
    expect(scheduledScanRef('2026-11-27T02:00:00Z')).toEqual({
      scanId: 'scheduled-20261127T020000Z',
      startedAt: '2026-11-27T02:00:00.000Z',
      trigger: 'schedule',
    });
  });

  it('names an on-demand scan after its time and request id', () => {
    const scan = onDemandScanRef(new Date('2026-11-27T10:11:12.345Z'), 'c0ffee-1234-5678-9abc');
    expect(scan.scanId).toBe('ondemand-20261127T101112Z-c0ffee123456');
    expect(scan.scanId).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    expect(compactTimestamp('2026-01-02T03:04:05.678Z')).toBe('20260102T030405Z');
  });
});
