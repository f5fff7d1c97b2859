import { green, red } from './output.ts';

/** The verdicts of a run of the kit proving itself: the self-check, a Node line's check. */
export interface Tally {
  passed: number;
  failed: number;
}

/** Prints one verdict, and what broke under it when it failed. */
export function verdict(tally: Tally, ok: boolean, text: string, detail?: string): void {
  if (ok) tally.passed += 1;
  else tally.failed += 1;
  console.log(`  ${ok ? green('✓') : red('✗')} ${text}`);
  if (!ok && detail) console.log(detail.replace(/^/gm, '      '));
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
