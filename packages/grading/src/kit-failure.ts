// When the grader itself cannot run (a permission the sandbox refused, a flag
// this Node lacks), the run is not graded: no check is charged for it.

/** Why a run was not graded: the kit failed, on this Node. */
export interface KitFailure {
  /** `process.version` of the Node the grader ran on. */
  readonly node: string;
  /** What the kit could not do, in a sentence. */
  readonly reason: string;
}

/** The exit code of a run that was not graded because the kit failed: neither a pass (0) nor a fail (1). */
export const NOT_GRADED_EXIT_CODE = 3;

export function kitFailureOf(reason: string): KitFailure {
  return { node: process.version, reason };
}

/** The permissions the sandbox denies on purpose: graded code that is refused them is graded as it is. */
const DENIED_ON_PURPOSE = new Set(['FileSystemWrite', 'ChildProcess']);

/**
 * The kit's failure that an error shows, if it does: the permission model
 * refused the graders something the sandbox means to grant (the network on a
 * Node that puts it under the model, worker threads), which no learner code
 * can be blamed for.
 *
 * @example
 * kitFailureIn({ code: 'ERR_ACCESS_DENIED', permission: 'Net', message: '…' });
 * // → { node: 'v26.12.1', reason: 'the sandbox refused the grader Net: …' }
 */
export function kitFailureIn(error: {
  readonly code?: unknown;
  readonly permission?: unknown;
  readonly message?: unknown;
}): KitFailure | undefined {
  if (error.code !== 'ERR_ACCESS_DENIED' || typeof error.permission !== 'string') return undefined;
  if (DENIED_ON_PURPOSE.has(error.permission)) return undefined;
  return kitFailureOf(
    `Node's permission model refused the grader "${error.permission}" (${String(error.message)})`,
  );
}
