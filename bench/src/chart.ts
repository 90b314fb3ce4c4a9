import { writeFileSync } from 'node:fs';
import { type BenchReport, ratioOf } from './benchReport.js';
import { bundleTarget, firstCallTarget } from './targetSummary.js';
import { formatRatio } from './units.js';

/** One bar: a ratio where higher is better for idem, and the ratio it must reach, if any. */
interface Bar {
  group: string;
  label: string;
  ratio: number;
  target?: number;
}

function barsOf(report: BenchReport): Bar[] {
  const bars: Bar[] = report.rows.map((row) => ({
    group: row.store,
    label: `${row.clients ? `${row.clients.split(' / ')[0]}: ` : ''}${row.scenario}`,
    ratio: ratioOf(row),
    target: row.targetRatio,
  }));
  for (const store of ['dynamodb', 'cache'] as const) {
    const idem = report.coldStarts.find((result) => result.store === store && result.library === 'idem');
    const powertools = report.coldStarts.find((result) => result.store === store && result.library === 'powertools');
    if (!idem || !powertools) continue;
    const handler = store === 'dynamodb' ? 'core + DynamoDB' : 'core + cache';
    bars.push(
      {
        group: 'cold start',
        label: `${handler}: bundle, smaller by`,
        ratio: powertools.bundleBytes / idem.bundleBytes,
        target: 1 / bundleTarget,
      },
      {
        group: 'cold start',
        label: `${handler}: to first call, sooner by`,
        ratio: 1 / idem.pairedRatio,
        target: 1 / firstCallTarget,
      }
    );
  }
  return bars;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A horizontal bar per scenario: idem's advantage over Powertools (calls per second, or bundle
 * size and time to first call inverted, so that longer is better everywhere), a dashed mark at
 * the target, a line at parity. Plain SVG text, no charting dependency.
 */
export function renderChart(report: BenchReport): string {
  const bars = barsOf(report);
  const labelWidth = 360;
  const plotWidth = 480;
  const rowHeight = 22;
  const groupGap = 14;
  const top = 48;
  const groups = [...new Set(bars.map((bar) => bar.group))];
  const height = top + bars.length * rowHeight + groups.length * (groupGap + 4) + 36;
  const max = Math.ceil(Math.max(2, ...bars.map((bar) => Math.max(bar.ratio, bar.target ?? 0))) * 1.1);
  const x = (ratio: number) => Math.round((labelWidth + (Math.min(ratio, max) / max) * plotWidth) * 10) / 10;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth + 60}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">idem ÷ Powertools (longer is better for idem; dashed: target)</text>`,
  ];
  for (let tick = 0; tick <= max; tick++) {
    out.push(
      `<line x1="${x(tick)}" y1="${top - 8}" x2="${x(tick)}" y2="${height - 28}" stroke="${tick === 1 ? '#555' : '#e4e4e4'}" stroke-width="${tick === 1 ? 1.5 : 1}"/>`,
      `<text x="${x(tick)}" y="${height - 12}" text-anchor="middle" fill="#555">${tick}×</text>`
    );
  }
  let y = top;
  for (const group of groups) {
    y += groupGap;
    out.push(`<text x="12" y="${y}" font-weight="bold">${escapeXml(group)}</text>`);
    y += 4;
    for (const bar of bars.filter((candidate) => candidate.group === group)) {
      const met = bar.target === undefined ? undefined : bar.ratio >= bar.target;
      const fill = met === undefined ? '#8aa4c8' : met ? '#3c9a5f' : '#d9822b';
      out.push(
        `<text x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${escapeXml(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${Math.max(1, Math.round((x(bar.ratio) - labelWidth) * 10) / 10)}" height="${rowHeight - 6}" fill="${fill}"/>`,
        `<text x="${x(bar.ratio) + 4}" y="${y + rowHeight / 2 + 4}">${formatRatio(bar.ratio)}</text>`
      );
      if (bar.target !== undefined) {
        out.push(
          `<line x1="${x(bar.target)}" y1="${y}" x2="${x(bar.target)}" y2="${y + rowHeight}" stroke="#000" stroke-width="2" stroke-dasharray="3,2"/>`
        );
      }
      y += rowHeight;
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

export function writeBenchmarkChart(path: string, report: BenchReport): void {
  writeFileSync(path, renderChart(report));
}
