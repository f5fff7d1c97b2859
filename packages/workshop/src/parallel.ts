import { availableParallelism } from 'node:os';

/**
 * How many grades share the machine, in the self-check and in a class grade:
 * the cores, at most 2 (`KIT_GRADE_JOBS` overrides, 1 for a machine that is
 * busy with something else). Every grader's verdicts hold with the other core
 * busy: the self-check proves it by grading its subjects this way.
 */
export const GRADE_JOBS = Math.max(
  1,
  Number(process.env.KIT_GRADE_JOBS) || Math.min(2, availableParallelism()),
);

/**
 * `fn` over `items`, at most `limit` at a time, results in input order.
 *
 * @example
 * const runs = await mapWithLimit(folders, GRADE_JOBS, (folder) => gradeFolder({ exercise, folder, copy: true }));
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
