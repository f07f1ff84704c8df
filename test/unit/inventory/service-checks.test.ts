import { describe, expect, it } from 'vitest';
import { ecsServicePlatformVersion } from '../../../lib/inventory/service-checks/ecs-service-platform-version.js';
import { ecsServicePublicIp } from '../../../lib/inventory/service-checks/ecs-service-public-ip.js';
import { liveServiceRules } from '../../../lib/inventory/service-checks/index.js';
import { makeEcsService, makeEcsWorkload } from '../../support/builders.js';

const service = (
  overrides: Parameters<typeof makeEcsService>[0],
  launchType: 'FARGATE' | 'EC2' = 'FARGATE',
  os: 'linux' | 'windows' = 'linux',
) => makeEcsWorkload({ name: 'web', launchType, os }, { service: makeEcsService(overrides) });

describe('live service checks', () => {
  it('are compliance rules of the ECS scope', () => {
    for (const rule of liveServiceRules) {
      expect(rule).toMatchObject({ scope: 'ecs', category: 'compliance' });
      expect(rule.docsUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it('flag a service that assigns public IPs', () => {
    expect(ecsServicePublicIp.evaluate(service({ assignPublicIp: true }))).toEqual([
      { message: 'Service web assigns public IP addresses to its tasks.' },
    ]);
    expect(ecsServicePublicIp.evaluate(service({ assignPublicIp: false }))).toEqual([]);
    expect(ecsServicePublicIp.evaluate(makeEcsWorkload())).toEqual([]);
  });

  it('flag a Fargate service pinned below the latest platform version of its OS', () => {
    expect(ecsServicePlatformVersion.evaluate(service({ platformVersion: '1.3.0' }))).toEqual([
      { message: 'Service web is pinned to Fargate platform version 1.3.0; the latest for linux is 1.4.0.' },
    ]);
    expect(ecsServicePlatformVersion.evaluate(service({ platformVersion: 'LATEST' }))).toEqual([]);
    expect(ecsServicePlatformVersion.evaluate(service({ platformVersion: '1.4.0' }))).toEqual([]);
    expect(
      ecsServicePlatformVersion.evaluate(service({ platformVersion: '1.0.0' }, 'FARGATE', 'windows')),
    ).toEqual([]);
    expect(ecsServicePlatformVersion.evaluate(service({ platformVersion: '1.3.0' }, 'EC2'))).toEqual([]);
  });
});
