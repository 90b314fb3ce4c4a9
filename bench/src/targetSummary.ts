import { type BenchReport, ratioOf } from './benchReport.js';
import { footprintIsFlat } from './memoryFootprint.js';
import { countOf, formatCount, formatRatio } from './units.js';

/** Store operations per call the issue asks for: [store, call kind, at most]. */
export const operationTargets: Array<[string, string, number]> = [
  ['redis', 'first call', 2],
  ['redis', 'repeat', 1],
  ['redis', 'local-cache repeat', 0],
  ['dynamodb', 'local-cache repeat', 0],
  ['dynamodb', 'repeat, server returns ALL_OLD', 1],
  ['postgres', 'first call', 2],
  ['postgres', 'repeat', 1],
  ['postgres', 'local-cache repeat', 0],
];

/** Bundle at most this share of Powertools'; time to first call at most this share. */
export const bundleTarget = 0.5;
export const firstCallTarget = 1;

/** One line per target of issue 8: what was reached, and whether it meets the target. */
export function targetSummary(report: BenchReport): string[] {
  const lines: string[] = [];
  const idemCounts = report.counts.filter((count) => count.library === 'idem');
  for (const [store, call, most] of operationTargets) {
    const found = idemCounts.filter((count) => count.store === store && count.call === call);
    if (!found.length) continue;
    const worst = Math.max(...found.map((count) => count.perCall));
    const powertools = report.counts.find(
      (count) => count.library === 'powertools' && count.store === store && count.call === call
    );
    lines.push(
      `- ${store}, ${call}: ${countOf(worst, found[0]?.operation ?? 'operations')} (target ≤ ${most}${powertools ? `; Powertools ${formatCount(powertools.perCall)}` : ''}): ` +
        `**${worst <= most ? 'met' : 'missed'}**`
    );
  }
  for (const row of report.rows.filter((candidate) => candidate.targetRatio !== undefined)) {
    const target = row.targetRatio as number;
    lines.push(
      `- ${row.store}${row.clients ? ` (${row.clients})` : ''}, ${row.scenario}: ${formatRatio(ratioOf(row))} Powertools' calls/s ` +
        `(target ≥ ${formatRatio(target)}): **${ratioOf(row) >= target ? 'met' : 'missed'}**`
    );
  }
  for (const store of ['dynamodb', 'cache'] as const) {
    const idem = report.coldStarts.find((result) => result.store === store && result.library === 'idem');
    const powertools = report.coldStarts.find((result) => result.store === store && result.library === 'powertools');
    if (!idem || !powertools) continue;
    const sizeRatio = idem.bundleBytes / powertools.bundleBytes;
    lines.push(
      `- bundle, core + ${store === 'dynamodb' ? 'DynamoDB' : 'cache'}: ${sizeRatio.toFixed(2)} of Powertools' (target ≤ ${bundleTarget.toFixed(2)}): **${sizeRatio <= bundleTarget ? 'met' : 'missed'}**`,
      `- time to first call, core + ${store === 'dynamodb' ? 'DynamoDB' : 'cache'}: ${idem.pairedRatio.toFixed(2)} of Powertools' (target ≤ ${firstCallTarget.toFixed(2)}): **${idem.pairedRatio <= firstCallTarget ? 'met' : 'missed'}**`
    );
  }
  if (report.footprint.length) {
    lines.push(
      `- resident size over one million keys through the local cache: **${footprintIsFlat(report.footprint) ? 'flat' : 'not flat'}**`
    );
  }
  return lines;
}
