/**
 * Kubernetes resource quantities ("100m", "0.5", "128Mi", "1G", "1e9") as the API server reads
 * them, converted exactly with decimal arithmetic before the final number is produced.
 */
import { Decimal as DecimalBase } from 'decimal.js';
import { type FieldPathSegment, ManifestError } from './errors.js';

// 40 significant digits hold 2^60 (exa-binary) times any realistic mantissa without rounding.
const Decimal = DecimalBase.clone({ precision: 40 });
type Decimal = InstanceType<typeof Decimal>;

const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

// Sign, digits, then one of: binary suffix, exponent, decimal suffix (the grammar of
// k8s.io/apimachinery resource.Quantity). "1E" is exa, "1E3" is an exponent.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|([numkMGTPE]))?$/;

const MEBIBYTE = new Decimal(2).pow(20);

/**
 * The exact value of a quantity (cores for cpu, bytes for memory and storage).
 *
 * @throws ManifestError when the text is not a quantity the API server would accept.
 */
export function parseQuantity(value: unknown, path: readonly FieldPathSegment[] = []): Decimal {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ManifestError('a quantity must be a finite number', path);
    // YAML turns `cpu: 0.5` and `memory: 1e9` into numbers; their shortest text is exact enough.
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    throw new ManifestError('a quantity must be a string or a number', path);
  }
  const match = QUANTITY.exec(text);
  if (!match) throw new ManifestError(`"${text.slice(0, 40)}" is not a Kubernetes quantity`, path);
  const [, mantissaText, binarySuffix, exponentText, decimalSuffix] = match;
  const mantissa = new Decimal(mantissaText ?? '0');
  if (mantissa.isNegative()) throw new ManifestError('a resource quantity cannot be negative', path);
  if (binarySuffix !== undefined)
    return mantissa.times(new Decimal(2).pow(BINARY_SUFFIXES[binarySuffix] ?? 0));
  if (exponentText !== undefined) return mantissa.times(new Decimal(10).pow(Number(exponentText)));
  return mantissa.times(new Decimal(10).pow(DECIMAL_SUFFIXES[decimalSuffix ?? ''] ?? 0));
}

/**
 * The quantity as a JavaScript number. A quantity beyond the range of a double ("1e309") would
 * become Infinity, which JSON reports cannot carry (it turns into null); it is refused instead.
 */
function finiteNumber(quantity: Decimal, value: unknown, path: readonly FieldPathSegment[]): number {
  const number = quantity.toNumber();
  if (Number.isFinite(number)) return number;
  throw new ManifestError(
    `"${String(value).trim().slice(0, 40)}" is too large for a resource quantity`,
    path,
  );
}

/**
 * Millicores from a cpu quantity ("100m" → 100, "0.5" → 500, "2" → 2000). The API server
 * rounds cpu up to whole millicores, and so does this. Null when unset.
 */
export function cpuMillisFromQuantity(value: unknown, path: readonly FieldPathSegment[] = []): number | null {
  if (value === undefined || value === null || value === '') return null;
  return finiteNumber(parseQuantity(value, path).times(1000).ceil(), value, path);
}

/**
 * MiB from a memory or storage quantity ("128Mi" → 128, "1G" → 953.67431640625, plain bytes).
 * Whole bytes (rounded up, as the API server does) divided by 2^20; the result is exact because
 * the divisor is a power of two. Null when unset.
 */
export function mibFromQuantity(value: unknown, path: readonly FieldPathSegment[] = []): number | null {
  if (value === undefined || value === null || value === '') return null;
  return finiteNumber(parseQuantity(value, path).ceil().dividedBy(MEBIBYTE), value, path);
}
