/**
 * The AWS + Kubernetes API emulator on loopback: what integration tests, `fargate-fit demo` and the
 * benchmark import. See README.md in this folder.
 */
export { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from './aws/credentials.js';
export {
  type EmulatorEnvironment,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from './emulator.js';
export type { FaultHandle, FaultKind, FaultMatch, FaultRule } from './faults.js';
export { EKS_TOKEN_PREFIX } from './kubernetes/token.js';
export * from './scenario/builders.js';
export {
  type EcsShape,
  type EksShape,
  type EstateShape,
  GENERATED_CANARY,
  generateEstate,
  LARGE_ACCOUNT_REGION,
} from './scenario/generate.js';
export { BUILT_IN_INSTANCE_TYPES } from './scenario/instance-types.js';
export { loadScenarioFile, parseScenario } from './scenario/load.js';
export type * from './scenario/types.js';
export {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_CANARIES,
  DEMO_INSTANCES,
  DEMO_REGION,
  DEMO_ROLE,
  DEMO_SANDBOX_ACCOUNT,
} from './scenarios/demo.js';
export { compileScenario, DEFAULT_EPOCH } from './state/compile.js';
export { ScenarioError } from './state/scenario-error.js';
export type { CallCount, CallFilter, EmulatorStats } from './stats.js';
export { type BucketId, type BucketRate, DEFAULT_RATES, type ThrottlingOptions } from './throttling.js';
