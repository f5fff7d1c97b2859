import type { FailureDetails, Figure } from './failure.ts';

/** What a check leaves on its Vitest task for the reporter. */
export interface CheckMeta {
  timeoutMs: number;
  hint?: number | undefined;
  figures: Figure[];
  failure?: FailureDetails;
}

declare module 'vitest' {
  interface TaskMeta {
    check?: CheckMeta;
  }
}
