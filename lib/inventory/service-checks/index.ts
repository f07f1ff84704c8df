import type { Rule } from '../../rules/rule.js';
import { ecsServicePlatformVersion } from './ecs-service-platform-version.js';
import { ecsServicePublicIp } from './ecs-service-public-ip.js';

/**
 * Compliance rules that need what only a live scan knows about an ECS service (its network
 * configuration and pinned platform version). They have the rule shape; the assembler evaluates
 * them beside the catalogue for scanned workloads.
 */
export const liveServiceRules: readonly Rule[] = [ecsServicePublicIp, ecsServicePlatformVersion];
