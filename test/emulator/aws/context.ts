import type { EmulatorState, RegionState } from '../state/model.js';
import type { CredentialStore, Principal } from './credentials.js';
import type { AwsRequest } from './protocol.js';

/** Everything a service handler may read while answering one call. */
export interface CallContext {
  readonly state: EmulatorState;
  readonly request: AwsRequest;
  readonly principal: Principal;
  /** The caller's account. */
  readonly account: string;
  readonly region: string;
  /** The account-region's resources; null when the scenario declares nothing there (an empty region). */
  readonly regionState: RegionState | null;
  readonly credentials: CredentialStore;
  readonly nowMs: number;
  /** The HTTPS URL of a cluster's Kubernetes API on the emulator. */
  readonly kubernetesEndpoint: (account: string, region: string, cluster: string) => string;
  readonly caCertPem: string;
}

/** A service's request handler: returns the result (JSON object or XML fields) or throws an AwsError. */
export type ServiceHandler = (context: CallContext) => unknown;
