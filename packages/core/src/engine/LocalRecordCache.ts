import type { IdempotencyRecord } from '../record/IdempotencyRecord.js';
import { JsonSnapshot } from '../serialization/JsonSnapshot.js';

/** A completed record kept in process, its response as a snapshot so every replay gets fresh objects. */
export interface CachedRecord {
  record: IdempotencyRecord;
  response?: JsonSnapshot;
}

/**
 * The in-process cache of completed records, bounded by `maxLocalCacheSize`, least recently used
 * evicted first. A Map keeps insertion order, so moving an entry to the end on every read makes
 * its first key the least recently used: the whole LRU in a few lines, where the lru-cache
 * package was a fifth of a bundled handler. Nothing is allocated ahead of use, so a large size
 * costs nothing until records fill it.
 */
export class LocalRecordCache {
  private readonly entries = new Map<string, CachedRecord>();

  constructor(private readonly maxSize: number) {}

  /** The live cached record of a key; an expired one is dropped and reads as absent. */
  public get(idempotencyKey: string): CachedRecord | undefined {
    const entry = this.entries.get(idempotencyKey);
    if (!entry) return undefined;
    this.entries.delete(idempotencyKey);
    if (entry.record.isExpired()) return undefined;
    this.entries.set(idempotencyKey, entry);
    return entry;
  }

  public set(record: IdempotencyRecord): void {
    this.entries.delete(record.idempotencyKey);
    this.entries.set(record.idempotencyKey, { record, response: JsonSnapshot.of(record.responseData) });
    if (this.entries.size > this.maxSize) this.entries.delete(this.entries.keys().next().value as string);
  }

  public get size(): number {
    return this.entries.size;
  }
}
