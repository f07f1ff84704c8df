/**
 * A map that forgets everything once it holds `limit` entries, so memory stays bounded whatever an
 * estate repeats or not: a value that is forgotten is only computed again.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  /**
   * The value kept under `key`, else `make(key)`, kept. Every cache misses through this one call,
   * so the miss path has run long before a caller's first miss: V8 then has no reason to
   * recompile that caller when a new key turns up.
   */
  remembered(key: K, make: (key: K) => V): V {
    const known = this.entries.get(key);
    return known !== undefined ? known : this.set(key, make(key));
  }
}
