import { LRUCache } from 'lru-cache';
import { JsonSnapshot } from '../serialization/JsonSnapshot.js';
import type { IdempotencyRecordInterface } from '../types/record.js';

/** A completed record kept in process, its response as a snapshot so every replay gets fresh objects. */
export interface CachedRecord {
  record: IdempotencyRecordInterface;
  response?: JsonSnapshot;
}

/** The in-process cache of completed records, bounded by `maxLocalCacheSize`. */
export class LocalRecordCache {
  private readonly entries: LRUCache<string, CachedRecord>;

  constructor(maxSize: number) {
    // Bounded by maxSize with every entry of size 1, not by `max`: lru-cache allocates arrays of
    // `max` slots up front, which for a large maxLocalCacheSize costs memory (or a RangeError)
    // before anything is cached.
    this.entries = new LRUCache({ maxSize, sizeCalculation: () => 1 });
  }

  /** The live cached record of a key; an expired one is dropped and reads as absent. */
  public get(idempotencyKey: string): CachedRecord | undefined {
    const entry = this.entries.get(idempotencyKey);
    if (entry?.record.isExpired()) {
      this.entries.delete(idempotencyKey);
      return undefined;
    }
    return entry;
  }

  public set(record: IdempotencyRecordInterface): void {
    this.entries.set(record.idempotencyKey, { record, response: JsonSnapshot.of(record.responseData) });
  }

  public get size(): number {
    return this.entries.size;
  }
}
