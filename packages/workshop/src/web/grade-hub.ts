import type { CheckResult, GradeRun } from '@kit/grading/results';

/** One message of a grade's event stream. */
export interface GradeEvent {
  readonly event: 'started' | 'check' | 'done';
  readonly data: unknown;
}

type Listener = (message: GradeEvent) => void;

/** How a grade is run and told: `tell` turns each moment of it into the events pages receive. */
export interface GradeRunner<Subject> {
  readonly grade: (subject: Subject, onCheck: (check: CheckResult) => void) => Promise<GradeRun>;
  readonly started: (subject: Subject, reason: GradeReason) => unknown;
  readonly check: (subject: Subject, check: CheckResult, told: number) => unknown;
  /** The verdict, from the run or from an error that kept the kit from grading. */
  readonly done: (subject: Subject, outcome: GradeRun | Error) => unknown;
}

/** Why a grade started: a learner asked for it, or saved a file. */
export type GradeReason = 'asked' | 'saved';

interface Running {
  /** Everything told so far, replayed to a page that joins late. */
  readonly told: GradeEvent[];
  /** A save came while this grade ran: grade once more when it ends. */
  again: boolean;
}

/**
 * At most one grade per exercise at a time, told to every page that listens.
 * Asking while a grade runs joins it; a save while it runs grades once more
 * after it, so the verdict shown is always of the files as they are.
 *
 * @example
 * const hub = new GradeHub(runner);
 * const stop = hub.listen('01', (message) => send(message));
 * hub.start('01', exercise, 'asked'); // { joined: false }
 * hub.start('01', exercise, 'asked'); // { joined: true }: the same grade
 */
export class GradeHub<Subject> {
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly settled = new Set<Promise<void>>();

  constructor(private readonly runner: GradeRunner<Subject>) {}

  /** Starts a grade of `subject`, or joins the one running. */
  start(key: string, subject: Subject, reason: GradeReason): { joined: boolean } {
    const current = this.running.get(key);
    if (current) {
      if (reason === 'saved') current.again = true;
      return { joined: true };
    }
    const running: Running = { told: [], again: false };
    this.running.set(key, running);
    const tell = (message: GradeEvent) => {
      running.told.push(message);
      for (const listener of this.listeners.get(key) ?? []) listener(message);
    };
    tell({ event: 'started', data: this.runner.started(subject, reason) });
    let told = 0;
    const graded = this.runner
      .grade(subject, (check) => {
        told += 1;
        tell({ event: 'check', data: this.runner.check(subject, check, told) });
      })
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
      .then((outcome) => {
        tell({ event: 'done', data: this.runner.done(subject, outcome) });
        this.running.delete(key);
        if (running.again) this.start(key, subject, 'saved');
      });
    this.settled.add(graded);
    void graded.finally(() => this.settled.delete(graded));
    return { joined: false };
  }

  /** Tells `listener` every event of this key's grades, starting with the running one's so far. */
  listen(key: string, listener: Listener): () => void {
    for (const message of this.running.get(key)?.told ?? []) listener(message);
    const listeners = this.listeners.get(key) ?? new Set();
    listeners.add(listener);
    this.listeners.set(key, listeners);
    return () => listeners.delete(listener);
  }

  /** Resolves when no grade runs (a grade cannot be cut short: its watchdog bounds it). */
  async idle(): Promise<void> {
    while (this.settled.size > 0) await Promise.all(this.settled);
  }
}
