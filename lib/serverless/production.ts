/**
 * The runtime the deployed Lambdas use: settings from the environment, real AWS clients, the full
 * scan pipeline. Built on the first invocation of a container, not at import.
 */
import { listActiveAccounts } from '../inventory/org/list-accounts.js';
import { defaultScanDeps } from '../inventory/scan.js';
import { pipelineScanner } from './pipeline-scanner.js';
import { createRuntime, lazyRuntime } from './runtime.js';
import { readSettings } from './settings.js';

/** The deployed functions' runtime (memoized per container). */
export const productionRuntime = lazyRuntime(() => {
  const settings = readSettings();
  const listOrganizationAccounts = async () => {
    const { clients } = defaultScanDeps();
    try {
      return (await listActiveAccounts(clients.organizations(settings.region))).map((account) => account.id);
    } finally {
      clients.destroy();
    }
  };
  return createRuntime(settings, pipelineScanner, listOrganizationAccounts);
});
