/**
 * A small least-recently-used memo keyed by string, bounded both in entries and in key
 * characters, so a log full of distinct (or hostile, very long) command lines costs a fixed
 * amount of memory. Real logs repeat the same command lines many times over (services,
 * scheduled tasks, agents), which is what it is for.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();
  private chars = 0;

  constructor(
    /** Most entries kept. */
    readonly maxEntries: number,
    /** Most key characters kept in total; a longer key alone is never stored. */
    readonly maxChars: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      // Map keeps insertion order: re-inserting makes the entry the most recent.
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxChars) return;
    if (this.map.delete(key)) this.chars -= key.length;
    this.map.set(key, value);
    this.chars += key.length;
    while (this.map.size > this.maxEntries || this.chars > this.maxChars) {
      const oldest = this.map.keys().next();
      if (oldest.done === true) break;
      this.map.delete(oldest.value);
      this.chars -= oldest.value.length;
    }
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}
