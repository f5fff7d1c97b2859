import { palette } from '@kit/grading/color';
import type { ReportOptions } from '@kit/grading/report';
import { howToGetNode, supportedRange } from '../bin/node-support.mjs';
import type { Exercise } from './kit.ts';

/** Colour only for a terminal, and never when NO_COLOR is set or in CI. */
export const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.env.CI;

export const { bold, dim, green, red, yellow } = palette(useColor);

/** What a learner does when the kit cannot grade on their Node. */
export const KIT_FAILURE_ADVICE = `What to do: update the kit (git pull, then pnpm install) and grade again. If it still fails, grade with another Node: the kit supports ${supportedRange()}. ${howToGetNode()}`;

/** How every command titles an exercise's grade report and names its hints. */
export function reportOptions(exercise: Exercise, color = useColor): ReportOptions {
  return {
    color,
    title: `Exercise ${exercise.id} · ${exercise.title}`,
    hintCommand: (hint) => `pnpm hint ${exercise.id} ${hint}`,
    kitFailureAdvice: KIT_FAILURE_ADVICE,
  };
}
