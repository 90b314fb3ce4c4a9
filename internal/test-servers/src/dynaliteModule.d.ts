// dynalite ships no type declarations; this covers the part the test helpers use.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** LevelDB folder; in memory when absent. */
    path?: string;
    /** Milliseconds a table stays CREATING. @default 500 */
    createTableMs?: number;
    /** Milliseconds a table stays DELETING. @default 500 */
    deleteTableMs?: number;
    /** Milliseconds a table stays UPDATING. @default 500 */
    updateTableMs?: number;
    /** Largest item size accepted, in bytes. @default 409600 */
    maxItemSizeKb?: number;
    ssl?: boolean;
  }

  function dynalite(options?: DynaliteOptions): Server;
  export default dynalite;
}
