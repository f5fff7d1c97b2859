import type { Exercise } from './kit.ts';

/** Colour only for a terminal, and never when NO_COLOR is set. */
export const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.env.CI;

export function paint(code: number, text: string): string {
  return useColor ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const bold = (text: string) => paint(1, text);
export const dim = (text: string) => paint(2, text);
export const green = (text: string) => paint(32, text);
export const red = (text: string) => paint(31, text);
export const yellow = (text: string) => paint(33, text);

export function exerciseHeading(exercise: Exercise): string {
  return `Exercise ${exercise.id} · ${exercise.title}`;
}
