import { writeFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import { knownCause } from './escapes.ts';
import type { FailureDetails } from './failure.ts';
import { kitFailureIn } from './kit-failure.ts';
import type {} from './meta.ts';
import { type CheckResult, type GradeRun, parsePointsTag } from './results.ts';

/**
 * A Vitest reporter that writes the grade as JSON after every check, so that
 * a run the watchdog had to end still reports the checks that finished.
 */
export class GradeReporter implements Reporter {
  readonly #run: GradeRun;
  readonly #startedAt = Date.now();
  readonly #checks = new Map<string, CheckResult>();

  constructor(
    private readonly resultFile: string,
    exercise: string,
    source: string,
  ) {
    this.#run = { exercise, source, checks: [], errors: [], durationMs: 0 };
  }

  onTestModuleCollected(testModule: TestModule): void {
    for (const testCase of testModule.children.allTests()) {
      const { name, points } = parsePointsTag(testCase.name);
      const result: CheckResult = {
        name,
        file: basename(testModule.moduleId),
        points,
        state: 'not-run',
        figures: [],
      };
      this.#checks.set(testCase.id, result);
      this.#run.checks.push(result);
    }
    this.#write();
  }

  onTestCaseResult(testCase: TestCase): void {
    const check = this.#checks.get(testCase.id);
    if (!check) return;
    const result = testCase.result();
    const meta = testCase.meta().check;
    const diagnostic = testCase.diagnostic();
    check.durationMs = diagnostic?.duration;
    check.startMs = diagnostic && diagnostic.startTime - this.#startedAt;
    check.figures = meta?.figures ?? [];
    check.hint = meta?.hint;
    if (result.state === 'passed') {
      check.state = 'passed';
    } else if (result.state === 'failed') {
      check.state = 'failed';
      check.failure = meta?.failure ?? fromErrors(result.errors ?? []);
      for (const error of result.errors ?? []) this.#noteKitFailure(error);
    }
    this.#write();
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    for (const testModule of testModules) {
      for (const error of testModule.errors()) {
        this.#noteKitFailure(error);
        this.#run.errors.push(
          `${relative(process.cwd(), testModule.moduleId)} could not run to its end: ${inKitWords(error.message)}`,
        );
      }
    }
    for (const error of unhandledErrors) {
      this.#noteKitFailure(error);
      this.#run.errors.push(
        `An error escaped every check (often a promise rejected with nobody awaiting it): ${error.name ?? 'Error'}: ${error.message}${explained(error.message)}`,
      );
    }
    this.#write();
  }

  /** A refusal of the sandbox to the grader itself voids the grade: the kit failed, not the learner. */
  #noteKitFailure(error: SerializedError): void {
    this.#run.kitFailure ??= kitFailureIn(error);
  }

  #write(): void {
    this.#run.durationMs = Date.now() - this.#startedAt;
    writeFileSync(this.resultFile, JSON.stringify(this.#run, null, 2));
  }
}

/** What the kit knows an escaped error means, as a sentence to append; empty when it does not. */
function explained(message: string): string {
  const cause = knownCause(message);
  return cause ? `. What it means: ${cause}` : '';
}

/** A test runner's message, said in the kit's words where the kit knows what it means. */
function inKitWords(message: string): string {
  const hook = /^Hook timed out in (\d+)ms/.exec(message);
  if (!hook) return message;
  return `a set-up or a close the grader waits for (starting your app, closing it, closing a pool, a server or a consumer) did not return within ${Number(hook[1]) / 1000} s.`;
}

/** Explains a failure that did not come through `check()`, such as a failing hook. */
function fromErrors(errors: ReadonlyArray<SerializedError>): FailureDetails {
  const first = errors[0];
  return {
    measured: first
      ? `${first.name ?? 'Error'}: ${inKitWords(first.message)}`
      : 'the check failed without an error',
    expected: 'the check runs to the end',
    meaning:
      'The check could not run your code to the end: the error above came from its set-up or from a timer your code left behind.',
  };
}
