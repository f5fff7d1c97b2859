import { setTimeout } from 'node:timers/promises';
import type { FileReport, UploadedText } from './job.ts';

const STEPS = 10;

/**
 * Analyses an uploaded text or CSV file in ten steps, reporting progress
 * after each; `stepMs` stands for the slow part of real processing. A CSV
 * whose rows disagree on their number of columns fails with the line.
 */
export async function processFile(
  file: UploadedText,
  stepMs: number,
  onProgress: (percent: number) => Promise<void> | void,
): Promise<FileReport> {
  const text = file.content.toString('utf8');
  const lines = text.split(/\r?\n/).filter((line) => line !== '');
  const isCsv = file.name.toLowerCase().endsWith('.csv');
  let columns: number | undefined;
  let words = 0;
  const perStep = Math.ceil(lines.length / STEPS) || 1;
  for (let step = 0; step < STEPS; step += 1) {
    for (const [offset, line] of lines.slice(step * perStep, (step + 1) * perStep).entries()) {
      words += line.split(/\s+/).filter(Boolean).length;
      if (isCsv) {
        const count = line.split(',').length;
        columns ??= count;
        if (count !== columns) {
          throw new Error(
            `line ${step * perStep + offset + 1} has ${count} columns where the first has ${columns}`,
          );
        }
      }
    }
    await setTimeout(stepMs);
    await onProgress(((step + 1) * 100) / STEPS);
  }
  return {
    name: file.name,
    bytes: file.content.length,
    lines: lines.length,
    words,
    ...(isCsv ? { columns } : {}),
  };
}
