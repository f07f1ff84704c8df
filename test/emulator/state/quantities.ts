/** Kubernetes resource quantities ("250m", "1.5", "512Mi", "1G") in millicores and MiB. */

const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};
const DECIMAL: Readonly<Record<string, number>> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

/** CPU quantity → millicores; null when absent or unreadable. */
export function cpuMillis(quantity: unknown): number | null {
  if (typeof quantity === 'number') return quantity * 1000;
  if (typeof quantity !== 'string' || quantity.trim() === '') return null;
  const text = quantity.trim();
  if (text.endsWith('m')) return Number.parseFloat(text.slice(0, -1));
  const value = Number.parseFloat(text);
  return Number.isNaN(value) ? null : value * 1000;
}

/** Memory quantity → MiB; null when absent or unreadable. */
export function memoryMiB(quantity: unknown): number | null {
  if (typeof quantity === 'number') return quantity / 2 ** 20;
  if (typeof quantity !== 'string' || quantity.trim() === '') return null;
  const match = /^([0-9.]+(?:e[0-9]+)?)\s*([KMGTP]i|[kMGTP])?$/.exec(quantity.trim());
  if (!match) return null;
  const value = Number.parseFloat(match[1] ?? '');
  const unit = match[2];
  const bytes = unit === undefined ? value : value * (BINARY[unit] ?? DECIMAL[unit] ?? 1);
  return bytes / 2 ** 20;
}
