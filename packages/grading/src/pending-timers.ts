import { createHook } from 'node:async_hooks';
import { learnerLocation } from './learner-location.ts';

/** A timer the graded code made that is still due and still keeps the process alive. */
export interface PendingTimer {
  /** Where the graded code made it, as `src/file.ts:line`. */
  readonly where: string;
  /** Its delay, in ms. */
  readonly ms: number;
}

/**
 * The first frame of the current stack inside the graded folder. The stack is
 * read as V8's own call sites, with the toolkit's formatter and depth put in
 * place for the read: graded code may set `Error.prepareStackTrace` or
 * `Error.stackTraceLimit` to hide its frames.
 */
function learnerCaller(): string | undefined {
  const theirs = { format: Error.prepareStackTrace, limit: Error.stackTraceLimit };
  const holder: { stack?: Array<{ file: string | null; line: number | null }> } = {};
  Error.prepareStackTrace = (_error, sites) =>
    sites.map((site) => ({ file: site.getFileName() ?? null, line: site.getLineNumber() }));
  Error.stackTraceLimit = 40;
  try {
    Error.captureStackTrace(holder);
    for (const { file, line } of holder.stack ?? []) {
      const location = learnerLocation(file);
      if (location) return `${location}:${line}`;
    }
    return undefined;
  } finally {
    Error.prepareStackTrace = theirs.format;
    Error.stackTraceLimit = theirs.limit;
  }
}

/**
 * Watches the timers graded code makes from now on (`setTimeout`,
 * `setInterval`, `timers/promises`: every Node `Timeout`), so that a check
 * can say which ones are still pending once the code should have let go of
 * them. Unreferenced timers (`unref()`, `AbortSignal.timeout`) do not keep
 * the process alive and are not counted.
 *
 * @example
 * const timers = watchPendingTimers();
 * await app.close();
 * const left = timers.stop(); // [{ where: 'src/start-within.ts:18', ms: 20000 }]
 */
export function watchPendingTimers(): { stop(): PendingTimer[] } {
  const made = new Map<
    number,
    { resource: { hasRef?(): boolean; _idleTimeout?: number }; where: string }
  >();
  const hook = createHook({
    init(asyncId, type, _trigger, resource) {
      if (type !== 'Timeout') return;
      const where = learnerCaller();
      if (where) made.set(asyncId, { resource: resource as never, where });
    },
    destroy(asyncId) {
      made.delete(asyncId);
    },
  }).enable();
  return {
    stop() {
      hook.disable();
      return [...made.values()]
        .filter(({ resource }) => resource.hasRef?.() !== false)
        .map(({ resource, where }) => ({ where, ms: resource._idleTimeout ?? 0 }));
    },
  };
}
