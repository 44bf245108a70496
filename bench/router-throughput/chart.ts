import type { GatewayName } from './gateways.ts';

export interface ChartRow {
  workload: string;
  gateway: GatewayName;
  requestsPerSecond: number;
  latencyP99Ms: number;
}

const COLORS: Record<GatewayName, string> = { miyu: '#d6336c', apollo: '#1c7ed6', hive: '#f59f00' };
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Two panels of grouped bars (median req/s, median p99 ms) per workload and gateway, as SVG. */
export function drawThroughputChart(rows: ChartRow[], title: string): string {
  const workloads = [...new Set(rows.map((row) => row.workload))];
  const gateways = [...new Set(rows.map((row) => row.gateway))];
  const panelWidth = 460;
  const height = 320;
  const top = 50;
  const plotHeight = 200;
  const parts: string[] = [];
  const panel = (offsetX: number, label: string, value: (row: ChartRow) => number, unit: string) => {
    const max = Math.max(...rows.map(value), 1);
    const groupWidth = (panelWidth - 60) / workloads.length;
    const barWidth = (groupWidth - 20) / gateways.length;
    parts.push(`<text x="${offsetX + 30}" y="${top - 12}" font-size="13" font-weight="bold">${escapeXml(label)}</text>`);
    parts.push(
      `<line x1="${offsetX + 30}" y1="${top + plotHeight}" x2="${offsetX + panelWidth - 20}" y2="${top + plotHeight}" stroke="#333"/>`,
    );
    workloads.forEach((workload, w) => {
      const groupX = offsetX + 40 + w * groupWidth;
      gateways.forEach((gateway, g) => {
        const row = rows.find((candidate) => candidate.workload === workload && candidate.gateway === gateway);
        if (!row) return;
        const h = (value(row) / max) * plotHeight;
        const x = groupX + g * barWidth;
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${(top + plotHeight - h).toFixed(1)}" width="${(barWidth - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[gateway]}"/>`,
          `<text x="${(x + (barWidth - 4) / 2).toFixed(1)}" y="${(top + plotHeight - h - 4).toFixed(1)}" font-size="10" text-anchor="middle">${Math.round(value(row))}${unit}</text>`,
        );
      });
      parts.push(
        `<text x="${(groupX + (groupWidth - 20) / 2).toFixed(1)}" y="${top + plotHeight + 16}" font-size="11" text-anchor="middle">${escapeXml(workload)}</text>`,
      );
    });
  };
  panel(0, 'requests per second (median of rounds; higher is better)', (row) => row.requestsPerSecond, '');
  panel(panelWidth, 'latency p99, ms (median of rounds; lower is better)', (row) => row.latencyP99Ms, '');
  gateways.forEach((gateway, g) => {
    const x = 40 + g * 150;
    parts.push(
      `<rect x="${x}" y="${height - 30}" width="12" height="12" fill="${COLORS[gateway]}"/>`,
      `<text x="${x + 18}" y="${height - 20}" font-size="12">${escapeXml(gateway === 'miyu' ? "MIYU's router" : gateway === 'apollo' ? '@apollo/gateway' : 'Hive Gateway')}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${panelWidth * 2}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>
${parts.join('\n')}
</svg>
`;
}
