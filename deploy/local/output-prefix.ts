import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

const COLORS = [36, 33, 35, 32, 34, 91, 92, 93, 94, 95, 96];
let nextColor = 0;

/** A padded, coloured `name |` label (colour only on a terminal). */
export function createLabel(name: string, width: number, tty: boolean): string {
  const padded = name.padEnd(width);
  const color = COLORS[nextColor++ % COLORS.length];
  return tty ? `\u001b[${color}m${padded} |\u001b[0m` : `${padded} |`;
}

/** Copies a child's output line by line, each line prefixed with the child's label. */
export function prefixLines(input: Readable, output: Writable, label: string): void {
  createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => output.write(`${label} ${line}\n`));
}
