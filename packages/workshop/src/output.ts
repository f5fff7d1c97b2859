import { palette } from '@kit/grading/color';
import type { ReportOptions } from '@kit/grading/report';
import type { Exercise } from './kit.ts';

/** Colour only for a terminal, and never when NO_COLOR is set or in CI. */
export const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.env.CI;

export const { bold, dim, green, red, yellow } = palette(useColor);

/** How every command titles an exercise's grade report and names its hints. */
export function reportOptions(exercise: Exercise, color = useColor): ReportOptions {
  return {
    color,
    title: `Exercise ${exercise.id} · ${exercise.title}`,
    hintCommand: (hint) => `pnpm hint ${exercise.id} ${hint}`,
  };
}
