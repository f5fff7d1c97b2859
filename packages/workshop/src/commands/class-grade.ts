import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gradeRunSchema, parseJsonFile, score } from '@kit/grading/results';
import { z } from 'zod';
import { readCatalog } from '../catalog.ts';
import { checkTargetLayout } from '../folders.ts';
import { gradeFolder } from '../grade.ts';
import { type Exercise, UsageError } from '../kit.ts';
import { bold, dim } from '../output.ts';
import { GRADE_JOBS, mapWithLimit } from '../parallel.ts';
import { cellOf, totalOf } from './class-cells.ts';
import { toClassHtml } from './class-html.ts';

/** One submission of a class: its grade, or why it could not be graded. */
const rowSchema = z.object({
  submission: z.string(),
  folder: z.string(),
  problem: z.string().optional(),
  run: gradeRunSchema.optional(),
});

/** A class graded on one exercise: the file `--json` writes and `grade merge` reads. */
const classGradeSchema = z.object({
  exercise: z.string(),
  checks: z.array(z.object({ name: z.string(), points: z.number() })),
  rows: z.array(rowSchema),
});

export type ClassGrade = z.infer<typeof classGradeSchema>;
type Row = ClassGrade['rows'][number];

/**
 * The slice of `items` that shard `k/n` grades: contiguous, every item in
 * exactly one shard, sizes differing by one at most.
 *
 * @example
 * shardOf(['a', 'b', 'c', 'd', 'e'], '2/2'); // ['c', 'd', 'e']
 */
export function shardOf<T>(items: readonly T[], shard: string): T[] {
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(
      `--shard takes k/n with 1 ≤ k ≤ n, e.g. --shard 2/4 for the second quarter; got "${shard}".`,
    );
  const from = Math.floor((items.length * (index - 1)) / count);
  const to = Math.floor((items.length * index) / count);
  return items.slice(from, to);
}

/** The folders a class grade covers: named on the command line, listed in a file, or both. */
export function classTargets(
  named: readonly string[],
  listFile: string | undefined,
  cwd: string,
): string[] {
  const listed = listFile
    ? readFileSync(resolve(cwd, listFile), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
    : [];
  const targets = [...named, ...listed];
  if (targets.length === 0)
    throw new UsageError(
      'Name the submissions to grade: pnpm grade 03 --targets submissions/* (or --targets-file list.txt, one folder a line).',
    );
  return targets;
}

/**
 * Grades every submission with the exercise's checks, {@link GRADE_JOBS} at a
 * time (the verdicts the self-check proves with the other core busy), with a
 * progress line as each ends: how many are done, and about how long the rest
 * take. A submission that cannot be graded gets a row that says why, and the
 * others go on. Rows keep the order of the targets.
 */
export async function gradeClass(
  exercise: Exercise,
  targets: readonly string[],
  cwd: string,
): Promise<ClassGrade> {
  const started = Date.now();
  let done = 0;
  const progress = (target: string, outcome: string) => {
    done += 1;
    const left = ((Date.now() - started) / done) * (targets.length - done);
    // The first grades end together, GRADE_JOBS at once: the rate is known once they have.
    const estimated = done >= GRADE_JOBS && done < targets.length;
    process.stderr.write(
      `[${done}/${targets.length} done] ${target} ${outcome}${estimated ? dim(` · about ${duration(left)} left`) : ''}\n`,
    );
  };
  process.stderr.write(
    dim(
      `Grading ${targets.length} submissions of ${exercise.name}, ${Math.min(GRADE_JOBS, targets.length)} at a time.\n`,
    ),
  );
  const rows = await mapWithLimit(targets, GRADE_JOBS, async (target): Promise<Row> => {
    let folder: string;
    try {
      folder = checkTargetLayout(exercise, resolve(cwd, target));
    } catch (error) {
      // Said with the folder as the instructor typed it.
      const problem = (error instanceof UsageError ? error.message : String(error)).replace(
        resolve(cwd, target),
        target,
      );
      progress(target, `not graded: ${problem.split('\n')[0]}`);
      return { submission: target, folder: resolve(cwd, target), problem };
    }
    const run = await gradeFolder({ exercise, folder, copy: true });
    const { earned, possible } = score(run);
    progress(
      target,
      run.kitFailure
        ? `not graded: the kit failed on Node ${run.kitFailure.node}: ${run.kitFailure.reason}`
        : `${earned}/${possible} (${(run.durationMs / 1000).toFixed(1)} s)`,
    );
    return { submission: target, folder, run };
  });
  return { exercise: exercise.name, checks: [...readCatalog(exercise).checks], rows };
}

/** A time left, as a person reads it: "40 s", "2 min 10 s". */
function duration(ms: number): string {
  const total = Math.max(1, Math.round(ms / 1000));
  return total < 60 ? `${total} s` : `${Math.floor(total / 60)} min ${total % 60} s`;
}

/** Joins the JSON files of several shards into one class grade. */
export function mergeClassGrades(files: readonly string[], cwd: string): ClassGrade {
  if (files.length === 0)
    throw new UsageError('Name the shards to merge: pnpm grade merge shard-1.json shard-2.json …');
  const grades = files.map((file) =>
    parseJsonFile(classGradeSchema, readFileSync(resolve(cwd, file), 'utf8'), file),
  );
  const [first] = grades;
  const other = grades.find((grade) => grade.exercise !== first?.exercise);
  if (!first || other)
    throw new UsageError(
      `The shards grade different exercises (${first?.exercise} and ${other?.exercise}): merge the shards of one exercise.`,
    );
  return { ...first, rows: grades.flatMap((grade) => grade.rows) };
}

/** The class table for a terminal: a row per submission, a numbered column per check, the total. */
export function renderClassTable(grade: ClassGrade): string {
  const width = Math.max(10, ...grade.rows.map((row) => row.submission.length));
  const header = `${'submission'.padEnd(width)}  ${grade.checks.map((_, i) => String(i + 1).padStart(3)).join('')}   total`;
  const lines = [bold(`${grade.exercise}: ${grade.rows.length} submissions`), header];
  for (const row of grade.rows) {
    const cells = grade.checks.map((check) => cellOf(row.run, check.name).mark.padStart(3));
    const { earned, possible, note } = totalOf(grade, row);
    lines.push(
      `${row.submission.padEnd(width)}  ${cells.join('')}   ${`${earned}/${possible}`.padEnd(7)} ${dim(note)}`,
    );
  }
  lines.push(
    '',
    ...grade.checks.map((check, i) =>
      dim(`${String(i + 1).padStart(3)}  ${check.name} (${check.points})`),
    ),
  );
  return lines.join('\n');
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The class table as CSV: points earned per check, the total, and what kept a row from a grade. */
export function toClassCsv(grade: ClassGrade): string {
  const header = [
    'submission',
    ...grade.checks.map((check) => `${check.name} (${check.points})`),
    'total',
    'possible',
    'note',
  ];
  const rows = grade.rows.map((row) => {
    const { earned, possible, note } = totalOf(grade, row);
    return [
      row.submission,
      ...grade.checks.map((check) => String(cellOf(row.run, check.name).earned)),
      String(earned),
      String(possible),
      note,
    ];
  });
  return `${[header, ...rows].map((fields) => fields.map(csvField).join(',')).join('\n')}\n`;
}

/** The class table as Markdown, for a CI summary or an issue. */
export function toClassMarkdown(grade: ClassGrade): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `## ${grade.exercise}: ${grade.rows.length} submissions`,
    '',
    `| submission | ${grade.checks.map((_, i) => `${i + 1}`).join(' | ')} | total | note |`,
    `| --- | ${grade.checks.map(() => '---').join(' | ')} | --- | --- |`,
  ];
  for (const row of grade.rows) {
    const { earned, possible, note } = totalOf(grade, row);
    const cells = grade.checks.map((check) => {
      const { mark, earned: points } = cellOf(row.run, check.name);
      return `${mark} ${points}`;
    });
    lines.push(
      `| ${cell(row.submission)} | ${cells.join(' | ')} | ${earned}/${possible} | ${cell(note)} |`,
    );
  }
  lines.push(
    '',
    ...grade.checks.map((check, i) => `${i + 1}. ${cell(check.name)} (${check.points} pts)`),
    '',
  );
  return lines.join('\n');
}

export interface ClassOutputs {
  readonly json: string | undefined;
  readonly csv: string | undefined;
  readonly markdown: string | undefined;
  readonly html: string | undefined;
  readonly cwd: string;
}

/** Prints the table and writes the files asked for. */
export function writeClassGrade(grade: ClassGrade, outputs: ClassOutputs): void {
  console.log(renderClassTable(grade));
  const write = (file: string | undefined, text: string) => {
    if (file) writeFileSync(resolve(outputs.cwd, file), text);
  };
  write(outputs.json, `${JSON.stringify(grade, null, 2)}\n`);
  write(outputs.csv, toClassCsv(grade));
  write(outputs.markdown, toClassMarkdown(grade));
  write(outputs.html, toClassHtml(grade));
}
