/** How the report writes rates, ratios, counts and sizes. */
export function formatRate(callsPerSecond: number): string {
  return Math.round(callsPerSecond).toLocaleString('en-US');
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(ratio >= 10 ? 0 : ratio >= 1 ? 1 : 2)}×`;
}

/** `1 command`, `2 commands`. */
export function countOf(count: number, operations: string): string {
  return `${formatCount(count)} ${count === 1 ? operations.replace(/s$/, '') : operations}`;
}

export function formatCount(count: number): string {
  return Number.isInteger(count) ? String(count) : count.toFixed(2);
}

export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
