import type { FargateSize } from '../findings/result.js';
import type { Architecture, OsFamily, Placement } from '../model/workload.js';
import { fargateSizeOf } from '../sizing/fargate-size.js';
import { type Estimate, isOne, ONE, osName, sizeText } from './estimate.js';
import { count, type Expression, evaluate, price, pricedLine, product, quantity, sum } from './expression.js';
import {
  type Amount,
  amount,
  formatExact,
  formatPercent,
  per1024,
  rememberedPerKeys,
  rememberedPerPair,
  rememberedPerValue,
} from './money.js';
import {
  type FargateRateLookup,
  fargateRates,
  fargateRegionRates,
  instanceTypeEntry,
  type PriceBook,
  type PriceFigure,
} from './price-book.js';
import { type BilledStorage, billedEphemeralStorage, capacityProvisioned } from './quantities.js';

/** Fargate Spot discount when neither the settings nor the price book give one (cost-model.md 1.5). */
export const DEFAULT_FARGATE_SPOT_DISCOUNT = '0.68';

/** `current`: what the workload pays on Fargate now; `projected`: what it would pay there. */
export type FargateRole = 'current' | 'projected';

/**
 * The Fargate figure of a workload (cost-model.md 5.1 step 3, 5.2 step 1, 5.3 step 2):
 * N x ((v x vCPU rate + m x GB rate [+ v x Windows licence]) x discount factor
 *      + GB over the free 20 x storage rate) x hours,
 * at the valid size it is (or would be) billed at. The discount factor blends the Spot share and
 * the Compute Savings Plan (effFargate); storage stays at the on-demand rate, as in 5.3, since
 * neither discount is known to cover it. Null, with the reason, when a rate is missing or no
 * Fargate size fits.
 */
export function priceFargate(estimate: Estimate, book: PriceBook, role: FargateRole): Amount | null {
  const { workload, region } = estimate;
  const size = billedSize(estimate, role);
  const architecture = fargateArchitecture(estimate, book, role);
  estimate.assumptions.fargateArchitecture = architecture;
  if (size === null) return null;
  estimate.assumptions.fargateSize = sizeText(size);
  if (workload.os === 'windows' && workload.scope === 'eks') {
    estimate.line('EKS on Fargate runs Linux pods only: the Fargate figure is not priced');
    return null;
  }
  const rates = fargateRates(book, region, workload.os, architecture);
  if (rates.vcpuHour === null || rates.gbHour === null || rates.missing.length > 0) {
    return estimate.unpriced(
      'PriceNotInBook',
      `the price book (${book.date}) has no Fargate ${osName(workload.os)}/${architecture} ${rates.missing.join(', ')} rate for ${region}; run \`fargate-fit prices refresh --regions ${region}\` and pass --price-book`,
    );
  }
  const storage = billedEphemeralStorage(workload);
  // Only storage beyond the free 20 GiB is billed, and only then is its rate looked up.
  const billedStorage = !storage.overFreeGb.isZero();
  const storageRate = billedStorage
    ? (fargateRegionRates(book, region)?.ephemeralStorageGbHour ?? null)
    : null;
  if (billedStorage && storageRate === null) {
    return estimate.unpriced(
      'PriceNotInBook',
      `the price book (${book.date}) has no Fargate ephemeral storage rate for ${region}, and the ${storage.basis} goes beyond the free 20 GiB`,
    );
  }

  const compute = computePerHour(rates, size.cpu, size.memoryMiB);
  describeRates(estimate, rates.vcpuHour, rates.gbHour, rates.osLicenseVcpuHour);

  const factor = discountFactor(estimate, book, spotShare(estimate, role));
  const discounted = isOne(factor) ? compute : product(compute, quantity(factor));
  const perReplica = plusStorage(estimate, discounted, storage, storageRate);
  const total = product(count(estimate.replicas.count, estimate.unit), perReplica, estimate.hours);
  const label = fargateLabel(
    role,
    workload.os,
    architecture,
    region,
    estimate.replicas.basis === 'per-replica',
  );
  estimate.line(pricedLine(label, total));
  return evaluate(total);
}

/** A replica's hourly charge plus its storage over the free 20 GiB, when it has any. */
function plusStorage(
  estimate: Estimate,
  compute: Expression,
  storage: BilledStorage,
  rate: PriceFigure | null,
): Expression {
  if (storage.overFreeGb.isZero() || rate === null) return compute;
  estimate.usedPriceDate(rate.sourceDate);
  estimate.line(`Ephemeral storage: ${storage.basis}; the part over the free 20 GiB is billed`);
  return sum(compute, product(quantity(storage.overFreeGb, 'GB'), price(amount(rate.usd))));
}

/** Records the compute rates' dates, and says what the book notes about them. */
function describeRates(
  estimate: Estimate,
  vcpuHour: PriceFigure,
  gbHour: PriceFigure,
  osLicenseVcpuHour: PriceFigure | null,
): void {
  estimate.usedPriceDate(vcpuHour.sourceDate);
  if (osLicenseVcpuHour !== null) estimate.usedPriceDate(osLicenseVcpuHour.sourceDate);
  estimate.usedPriceDate(gbHour.sourceDate);
  const vcpuNote = vcpuHour.note;
  const gbNote = gbHour.note;
  if (vcpuNote === undefined && gbNote === undefined) return;
  const os = osName(estimate.workload.os);
  if (vcpuNote !== undefined) estimate.line(`Note on the ${os} Fargate rates: ${vcpuNote}`);
  if (gbNote !== undefined && gbNote !== vcpuNote)
    estimate.line(`Note on the ${os} Fargate rates: ${gbNote}`);
}

/**
 * v x vCPU rate [+ v x Windows licence rate] + m x GB rate of one replica, per size and rates (a
 * frozen book's rates are one shared object per region, OS and architecture): workloads of one
 * size share it.
 */
const computePerHour = rememberedPerKeys(
  (rates: FargateRateLookup, cpu: number, memoryMiB: number): Expression => {
    const vcpu = quantity(per1024(cpu), 'vCPU');
    let compute = product(vcpu, price(amount(rates.vcpuHour!.usd)));
    if (rates.osLicenseVcpuHour !== null) {
      compute = sum(compute, product(vcpu, price(amount(rates.osLicenseVcpuHour.usd))));
    }
    return sum(compute, product(quantity(per1024(memoryMiB), 'GB'), price(amount(rates.gbHour!.usd))));
  },
);

/** The label of the Fargate figure's line, built once per distinct wording. */
const fargateLabel = rememberedPerKeys(
  (role: FargateRole, os: OsFamily, architecture: Architecture, region: string, perReplica: boolean) =>
    `${role === 'current' ? 'Current cost on ' : ''}Fargate ${osName(os)}/${architecture} ${region}${
      perReplica ? ', per replica (the input gives no replica count)' : ''
    }`,
);

/** The valid Fargate size the workload is, or would be, billed at; null when none fits. */
function billedSize(estimate: Estimate, role: FargateRole): FargateSize | null {
  const { workload } = estimate;
  if (role === 'current' && workload.scope === 'eks') {
    const provisioned = capacityProvisioned(workload);
    if (provisioned !== null) {
      estimate.line(`Fargate size ${sizeText(provisioned)}, from the pod's CapacityProvisioned annotation`);
      return provisioned;
    }
  }
  const { requirement, size, noSizeReason } = fargateSizeOf(workload);
  if (size === null && noSizeReason !== undefined) {
    estimate.line(`No Fargate size (${noSizeReason}): the Fargate figure is not priced`);
    return null;
  }
  if (size === null) {
    const asked = askedText(requirement.cpuUnits, requirement.memoryMiB);
    estimate.line(`No Fargate size fits ${asked} (${requirement.basis}): the Fargate figure is not priced`);
    return null;
  }
  estimate.line(
    sizeLine(size.cpu, size.memoryMiB, requirement.cpuUnits, requirement.memoryMiB, requirement.basis),
  );
  return size;
}

/** `0.25 vCPU / 512 MiB`: what a workload asks for, before rounding up to a Fargate size. */
const askedText = (cpuUnits: number, memoryMiB: number): string =>
  `${formatExact(per1024(cpuUnits))} vCPU / ${memoryMiB} MiB`;

/** The size line, by size and requirement: workloads of one size share it. */
const sizeLine = rememberedPerKeys(
  (cpu: number, memoryMiB: number, askedCpuUnits: number, askedMemoryMiB: number, basis: string) =>
    `Fargate size ${sizeText({ cpu, memoryMiB })}, from ${askedText(askedCpuUnits, askedMemoryMiB)} (${basis})`,
);

/**
 * The architecture the Fargate figure is priced at: the settings' choice for a projection, else
 * the workload's, else that of the instances it runs on, else x86_64. EKS and Windows on Fargate
 * are x86_64 only.
 */
function fargateArchitecture(estimate: Estimate, book: PriceBook, role: FargateRole): Architecture {
  const { workload, settings } = estimate;
  // The placements are looked at only when neither the settings nor the workload say.
  const wanted =
    (role === 'projected' ? settings.architecture : null) ??
    workload.architecture ??
    placementArchitecture(workload.placements, book) ??
    'x86_64';
  if (wanted === 'arm64' && (workload.scope === 'eks' || workload.os === 'windows')) {
    estimate.line(
      `${workload.scope === 'eks' ? 'EKS' : 'Windows'} on Fargate runs on x86_64 only: priced at x86_64`,
    );
    return 'x86_64';
  }
  return wanted;
}

/** The architecture of the instance types the workload runs on, when the book knows them all alike. */
function placementArchitecture(placements: readonly Placement[], book: PriceBook): Architecture | null {
  if (placements.length === 0) return null;
  let type = placements[0]!.instanceType;
  const first = instanceTypeEntry(book, type)?.architecture;
  if (first === undefined) return null;
  for (let i = 1; i < placements.length; i += 1) {
    const p = placements[i]!;
    // Placements mostly share a type: look each run of one type up once.
    if (p.instanceType === type) continue;
    type = p.instanceType;
    if (instanceTypeEntry(book, type)?.architecture !== first) return null;
  }
  return first;
}

/**
 * Share of replicas on Fargate Spot. Now: all of them on FARGATE_SPOT, the settings' share when
 * the service's capacity providers mix FARGATE_SPOT in with weights the model does not carry,
 * none otherwise. Projected: the settings' share. Never for EKS or Windows, which have no Spot.
 */
function spotShare(estimate: Estimate, role: FargateRole): Amount {
  const { workload, settings } = estimate;
  let share = ZERO;
  if (role === 'projected')
    share = settings.fargateSpotShare === 0 ? ZERO : amount(settings.fargateSpotShare);
  else if (workload.launchType === 'FARGATE_SPOT') share = ONE;
  else if (workload.ecs?.service?.capacityProviders.includes('FARGATE_SPOT')) {
    share = amount(settings.fargateSpotShare);
    estimate.line(
      `The service's capacity providers include FARGATE_SPOT with unknown weights: ${formatPercent(share)} of tasks taken as Spot (settings.fargateSpotShare)`,
    );
  }
  if (!share.isZero() && (workload.scope === 'eks' || workload.os === 'windows')) {
    estimate.line(
      `Fargate Spot is not offered for ${workload.scope === 'eks' ? 'EKS' : 'Windows'}: no Spot share applied`,
    );
    return ZERO;
  }
  return share;
}

const ZERO = amount(0);

/** effFargate's factor: (1 − s) x (1 − Savings Plan discount) + s x (1 − Spot discount). */
function discountFactor(estimate: Estimate, book: PriceBook, share: Amount): Amount {
  const { settings } = estimate;
  if (share === ZERO && settings.computeSavingsPlanDiscount === 0) {
    // No Spot and no Savings Plan (the defaults): the factor is 1 and no line explains it.
    estimate.assumptions.fargateSpotShare = 0;
    return ONE;
  }
  const savingsPlan = amount(settings.computeSavingsPlanDiscount);
  estimate.assumptions.fargateSpotShare = numberOf(share);
  let factor = onDemandPart(share, savingsPlan);
  if (!share.isZero()) {
    const fromBook = fargateRegionRates(book, estimate.region)?.spotDiscount ?? null;
    const [discount, origin] =
      settings.fargateSpotDiscount !== null
        ? [amount(settings.fargateSpotDiscount), 'settings']
        : fromBook !== null
          ? [amount(fromBook.ratio), `price book, Spot feed of ${fromBook.sourceDate}`]
          : [amount(DEFAULT_FARGATE_SPOT_DISCOUNT), 'default of cost-model.md 1.5'];
    estimate.assumptions.fargateSpotDiscount = numberOf(discount);
    factor = plusSpotPart(factor, spotPart(share, discount));
    estimate.line(
      `Fargate Spot: ${formatPercent(share)} of ${estimate.unit}s at ${percentText(discount)} % off (${origin})`,
    );
  }
  if (!savingsPlan.isZero()) {
    estimate.line(
      `Compute Savings Plan: ${percentText(savingsPlan)} % off on-demand Fargate compute${share.isZero() ? '' : ' (not on Spot)'}`,
    );
  }
  return factor;
}

// The discount arithmetic of effFargate, remembered per (immutable) decimal: a run meets few
// distinct shares and discounts.
const onDemandPart = rememberedPerPair((share, savingsPlan) =>
  ONE.minus(share).times(ONE.minus(savingsPlan)),
);
const spotPart = rememberedPerPair((share, discount) => share.times(ONE.minus(discount)));
const plusSpotPart = rememberedPerPair((onDemand, spot) => onDemand.plus(spot));
const numberOf = rememberedPerValue((value) => value.toNumber());
/** `0.68` → `68`: a discount as the percentage it is. */
const percentText = rememberedPerValue((ratio) => ratio.times(100).toFixed());
