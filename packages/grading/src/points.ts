// How a check's points ride in its Vitest test name. Apart from results.ts so that every
// grader file's worker, which needs only this, does not load zod (about 80 ms each).

const POINTS_TAG = /\s\((\d+) pts?\)$/;

/** The test name a check gets: its sentence followed by its points, e.g. `… (2 pts)`. */
export function withPointsTag(name: string, points: number): string {
  return `${name} (${points} ${points === 1 ? 'pt' : 'pts'})`;
}

/** Splits a test name made by {@link withPointsTag} back into sentence and points. */
export function parsePointsTag(testName: string): { name: string; points: number } {
  const match = POINTS_TAG.exec(testName);
  if (!match) return { name: testName, points: 0 };
  return { name: testName.slice(0, match.index), points: Number(match[1]) };
}
