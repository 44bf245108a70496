/** The database layouts the footprint bench compares. */
export const LAYOUTS = ['per-subgraph', 'shared'] as const;

/** One layout's measured start, restart and memory. */
export interface Sample {
  layout: (typeof LAYOUTS)[number];
  firstMs: number;
  restartMs: number;
  idleFirstMb: number;
  idleRestartMb: number;
  loadedMb: number;
  peakMb: number;
  seeded: number;
  seedMs: number;
  /** [seconds since the first spawn, MB, phase] */
  series: [number, number, string][];
}

const COLOURS: Record<Sample['layout'], string> = { 'per-subgraph': '#999', shared: '#2a7' };

/**
 * The resident memory of `npm start`'s process tree over time, one line per layout (first start,
 * idle, restart, idle, storing rows, idle), with the idle and loaded targets as dashed lines, and
 * the start times written beside the legend. Plain SVG, no dependency.
 */
export function footprintChart(samples: Sample[], target: { idleMb: number; loadedMb: number }): string {
  const width = 760;
  const height = 360;
  const left = 56;
  const top = 30;
  const plotW = width - left - 20;
  const plotH = height - top - 90;
  const maxT = Math.max(1, ...samples.flatMap((sample) => sample.series.map(([t]) => t)));
  const maxMb = Math.max(target.loadedMb, ...samples.flatMap((sample) => sample.series.map(([, mb]) => mb))) * 1.08;
  const x = (t: number) => left + (t / maxT) * plotW;
  const y = (mb: number) => top + plotH - (mb / maxMb) * plotH;
  const parts: string[] = [
    `<text x="${left}" y="18" font-size="13">npm start: resident memory of the process tree (MB) over time (s)</text>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`,
  ];
  for (let mb = 0; mb <= maxMb; mb += 250)
    parts.push(
      `<text x="${left - 6}" y="${y(mb) + 4}" font-size="10" text-anchor="end">${mb}</text>`,
      `<line x1="${left}" x2="${left + plotW}" y1="${y(mb)}" y2="${y(mb)}" stroke="#eee"/>`,
    );
  const tickEvery = maxT > 60 ? 10 : 5;
  for (let t = 0; t <= maxT; t += tickEvery)
    parts.push(`<text x="${x(t)}" y="${top + plotH + 14}" font-size="10" text-anchor="middle">${t}</text>`);
  for (const [label, mb] of [
    ['idle target', target.idleMb],
    ['loaded target', target.loadedMb],
  ] as const)
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(mb)}" y2="${y(mb)}" stroke="#c33" stroke-dasharray="4"/>`,
      `<text x="${left + plotW - 4}" y="${y(mb) - 3}" font-size="10" fill="#c33" text-anchor="end">${label} ${mb} MB</text>`,
    );
  samples.forEach((sample, index) => {
    const points = sample.series.map(([t, mb]) => `${x(t).toFixed(1)},${y(mb).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${COLOURS[sample.layout]}" stroke-width="1.5" points="${points}"/>`);
    const line = top + plotH + 34 + index * 16;
    parts.push(
      `<text x="${left}" y="${line}" font-size="11" fill="${COLOURS[sample.layout]}">■ ${sample.layout}: first start ${(sample.firstMs / 1000).toFixed(1)} s, restart ${(sample.restartMs / 1000).toFixed(1)} s, idle ${sample.idleRestartMb} MB, after ${sample.seeded} messages and memories ${sample.loadedMb} MB, peak ${sample.peakMb} MB</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">${parts.join('')}</svg>\n`;
}
