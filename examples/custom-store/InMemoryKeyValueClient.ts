import type { KeyValueClient, VersionedEntry } from './KeyValueClient.js';

interface StoredEntry extends VersionedEntry {
  expiresAtMs: number;
}

/** A stand-in for the key-value service, to try the layer without one. */
export class InMemoryKeyValueClient implements KeyValueClient {
  private readonly entries = new Map<string, StoredEntry>();
  private lastVersion = 0;

  async get(key: string): Promise<VersionedEntry | undefined> {
    const entry = this.live(key);
    return entry && { value: entry.value, version: entry.version };
  }

  async put(key: string, value: string, options: { ifVersion: number | 'absent'; expiresAtMs: number }): Promise<boolean> {
    const current = this.live(key);
    const expected = options.ifVersion === 'absent' ? undefined : options.ifVersion;
    if (current?.version !== expected) return false;
    this.entries.set(key, { value, version: ++this.lastVersion, expiresAtMs: options.expiresAtMs });
    return true;
  }

  async delete(key: string, options: { ifVersion: number }): Promise<boolean> {
    if (this.live(key)?.version !== options.ifVersion) return false;
    return this.entries.delete(key);
  }

  /** When the service will drop the entry of `key`: what a TTL inspection would show. */
  storedExpiryMs(key: string): number | undefined {
    return this.entries.get(key)?.expiresAtMs;
  }

  /** The stored value of `key` as written, expired or not. */
  storedValue(key: string): string | undefined {
    return this.entries.get(key)?.value;
  }

  private live(key: string): StoredEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && Date.now() >= entry.expiresAtMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
