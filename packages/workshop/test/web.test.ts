import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckResult, GradeRun } from '@kit/grading/results';
import { afterAll, expect, test, vi } from 'vitest';
import { findKitRoot, listExercises, resolveExercise } from '../src/kit.ts';
import { recordGrade } from '../src/state.ts';
import { type GradeEvent, GradeHub } from '../src/web/grade-hub.ts';
import { reportHtml } from '../src/web/report-html.ts';
import { createWorkshopServer } from '../src/web/server.ts';
import { timelineSvg } from '../src/web/timeline-svg.ts';
import { startCli } from './cli-process.ts';

const root = findKitRoot();
const exercises = listExercises(root);
const first = resolveExercise(exercises, '01');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const failed = (name: string, measured: string, extra: Partial<CheckResult> = {}): CheckResult => ({
  name,
  file: '1-run-all.grader.test.ts',
  points: 2,
  state: 'failed',
  figures: [],
  failure: {
    measured,
    expected: '202 Accepted at once',
    meaning: 'the upload waited for the job',
    hint: 2,
  },
  ...extra,
});

const runOf = (checks: CheckResult[], extra: Partial<GradeRun> = {}): GradeRun => ({
  exercise: first.name,
  source: 'exercises/exercise-01-concurrent-awaits',
  checks,
  errors: [],
  durationMs: 1200,
  ...extra,
});

test('a timeline is one bar per span on a ms axis, each telling its start and end on hover', () => {
  const svg = timelineSvg({
    spans: [
      { label: 'task 0', start: 0, end: 200, outcome: 'fulfilled' },
      { label: 'task 1', start: 200, end: 300, outcome: 'rejected' },
      { label: 'event loop blocked', start: 300, end: 700, outcome: 'blocked' },
      { label: 'task 2', start: 300, outcome: 'pending' },
    ],
    until: 800,
    marks: [{ at: 300, label: 'first failure' }],
  });
  expect(svg.match(/<rect /g)).toHaveLength(4);
  expect(svg).toContain('<title>task 0: 0 → 200 ms (resolved)</title>');
  expect(svg).toContain('<title>task 1: 200 → 300 ms (rejected)</title>');
  expect(svg).toContain('data-outcome="blocked"');
  expect(svg).toContain('task 2: 300 → still running at 800 ms (still running when measured)');
  expect(svg).toContain('first failure (300 ms)');
  // The pending bar is drawn up to the moment measured, the end of the axis.
  expect(svg).toMatch(/data-outcome="pending" x="390\.0" y="\d+" width="350\.0"/);
});

test('a timeline escapes what a label says', () => {
  const svg = timelineSvg({
    spans: [{ label: '<script>', start: 0, end: 1, outcome: 'fulfilled' }],
  });
  expect(svg).not.toContain('<script>');
  expect(svg).toContain('&lt;script&gt;');
});

test('the page report tells one cause once and lists the checks it blocks', () => {
  const html = reportHtml(
    first,
    runOf([
      failed('upload 1', '200 after 2 s'),
      failed('upload 2', '200 after 3 s'),
      failed('other', '7', {
        failure: { measured: '7', expected: '3', meaning: 'its own reason' },
      }),
    ]),
  );
  expect(html.match(/the upload waited for the job/g)).toHaveLength(1);
  expect(html).toContain('The same cause fails 1 more check below (2 points): fix it first.');
  expect(html).toContain('200 after 3 s');
  expect(html).toContain('the same cause as “upload 1” above');
  expect(html).toContain('its own reason');
  expect(html).toContain('data-hint="2"');
});

test("a run the watchdog stopped shows its verdict, and a kit failure is not the learner's", () => {
  const stopped = reportHtml(
    first,
    runOf([{ ...failed('upload 1', 'x'), state: 'not-run', failure: undefined }], {
      interruption: { kind: 'never-yielded', check: 'upload 1', afterMs: 8000 },
    }),
  );
  expect(stopped).toContain('the watchdog ended the run here');
  expect(stopped).toContain('your code never yielded while &quot;upload 1&quot; ran');
  const kit = reportHtml(
    first,
    runOf([], {
      kitFailure: { node: 'v26.0.0', reason: 'the permission model refused --allow-fs-read' },
    }),
  );
  expect(kit).toContain(
    'Not graded: the kit failed on Node v26.0.0. This is not your code&#39;s fault.',
  );
  expect(kit).toContain('data-verdict="not-graded"');
});

/** A grade that ends when told to, telling the checks it is given. */
function controlledRunner() {
  const grades: Array<{
    check: (check: CheckResult) => void;
    finish: (run: GradeRun | Error) => void;
  }> = [];
  const hub = new GradeHub<string>({
    grade: (_subject, onCheck) =>
      new Promise<GradeRun>((resolve, reject) => {
        grades.push({
          check: onCheck,
          finish: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
        });
      }),
    started: (_subject, reason) => ({ reason }),
    check: (_subject, check, told) => ({ name: check.name, told }),
    done: (_subject, outcome) =>
      outcome instanceof Error ? { error: outcome.message } : { checks: outcome.checks.length },
  });
  return { hub, grades };
}

test('a second ask while a grade runs joins it, and a page that listens late hears it from the start', async () => {
  const { hub, grades } = controlledRunner();
  const early: GradeEvent[] = [];
  hub.listen('01', (message) => early.push(message));
  expect(hub.start('01', '01', 'asked')).toEqual({ joined: false });
  grades[0]?.check(failed('upload 1', 'x'));
  expect(hub.start('01', '01', 'asked')).toEqual({ joined: true });
  expect(grades).toHaveLength(1);
  const late: GradeEvent[] = [];
  hub.listen('01', (message) => late.push(message));
  expect(late.map((message) => message.event)).toEqual(['started', 'check']);
  grades[0]?.finish(runOf([]));
  await hub.idle();
  expect(early.map((message) => message.event)).toEqual(['started', 'check', 'done']);
  expect(late.map((message) => message.event)).toEqual(['started', 'check', 'done']);
  // The grade has ended: asking again starts a new one.
  expect(hub.start('01', '01', 'asked')).toEqual({ joined: false });
  grades[1]?.finish(runOf([]));
  await hub.idle();
});

test('a save while a grade runs grades once more after it; an error ends a grade with its verdict', async () => {
  const { hub, grades } = controlledRunner();
  const told: GradeEvent[] = [];
  hub.listen('01', (message) => told.push(message));
  hub.start('01', '01', 'asked');
  hub.start('01', '01', 'saved');
  hub.start('01', '01', 'saved');
  grades[0]?.finish(new Error('no sandbox'));
  await new Promise((resolve) => setImmediate(resolve));
  expect(grades).toHaveLength(2);
  grades[1]?.finish(runOf([]));
  await hub.idle();
  expect(told.map(({ event, data }) => [event, data])).toEqual([
    ['started', { reason: 'asked' }],
    ['done', { error: 'no sandbox' }],
    ['started', { reason: 'saved' }],
    ['done', { checks: 0 }],
  ]);
});

test('the server answers an unknown exercise with a 404 page listing them, and only its own pages', async () => {
  const state = mkdtempSync(join(tmpdir(), 'kit-web-state-'));
  folders.push(state);
  const server = createWorkshopServer({ exercises, stateRoot: state, watch: false });
  try {
    const page = await server.inject({ url: '/exercises/42' });
    expect(page.statusCode).toBe(404);
    expect(page.body.match(/<li><a href="\/exercises\/\d\d">/g)).toHaveLength(9);
    const api = await server.inject({ method: 'POST', url: '/api/exercises/nope/grade' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toContain('No exercise matches "nope"');
    const hint = await server.inject({ method: 'POST', url: '/api/exercises/01/hints/99' });
    expect(hint.statusCode).toBe(404);
    expect(hint.json().error).toMatch(/has hints 1 to \d+; "99" is not one of them/);
    const elsewhere = await server.inject({
      method: 'POST',
      url: '/api/exercises/01/grade',
      headers: { origin: 'http://example.com' },
    });
    expect(elsewhere.statusCode).toBe(403);
    const rebound = await server.inject({ url: '/', headers: { host: 'attacker.example:4321' } });
    expect(rebound.statusCode).toBe(403);
    expect((await server.inject({ url: '/' })).statusCode).toBe(200);
  } finally {
    await server.close();
  }
});

test('pnpm start --web listens on loopback, on a free port when its own is taken, and says so; a signal stops it', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as { port: number };
  const cli = startCli(['start', '--web', '--port', String(port)]);
  try {
    const started = Date.now();
    while (!/open at (http:\S+)\//.test(cli.output())) {
      if (Date.now() - started > 20_000)
        throw new Error(`the web workshop did not start:\n${cli.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = /open at (http:\S+)\//.exec(cli.output())?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe(`http://127.0.0.1:${port}`);
    expect(cli.output()).toContain(`Port ${port} is taken by another program: using a free one.`);
    expect(cli.output()).toContain('It listens on 127.0.0.1 only');
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect((await home.text()).match(/<tr data-exercise=/g)).toHaveLength(9);
  } finally {
    cli.child.kill('SIGTERM');
    taken.close();
  }
  const [code] = await cli.exited;
  expect(code).toBe(143);
  expect(cli.output()).toContain('Stopped by SIGTERM: the web workshop is closed.');
});

test("a learner's src/ that is gone is said on the page and not watched, and the server still starts", async () => {
  const state = mkdtempSync(join(tmpdir(), 'kit-web-state-'));
  folders.push(state);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const server = createWorkshopServer({
    exercises,
    stateRoot: state,
    learnerFolders: { [first.name]: join(state, 'gone') },
    watch: true,
  });
  try {
    await server.ready();
    expect(warn.mock.calls).toEqual([
      [
        `${join(state, 'gone', 'src')} is missing, so saves there are not watched: pnpm reset 01 puts the starter back.`,
      ],
    ]);
    const page = await server.inject({ url: '/exercises/1' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<code>pnpm reset 01</code> puts the starter back.');
  } finally {
    await server.close();
  }
});

test("the exercise page shows the learner's last grade on every row, whoever graded it, and their src/ against the solution", async () => {
  const state = mkdtempSync(join(tmpdir(), 'kit-web-state-'));
  folders.push(state);
  const learner = join(state, 'learner');
  cpSync(join(first.dir, 'src'), join(learner, 'src'), { recursive: true });
  // What `pnpm test 01` remembers: the page reads the same grade.
  recordGrade(
    state,
    first.name,
    runOf([
      { ...failed('runAll starts every task at once', 'peak tasks in flight: 1'), points: 3 },
    ]),
  );
  const server = createWorkshopServer({
    exercises,
    stateRoot: state,
    learnerFolders: { [first.name]: learner },
    watch: false,
  });
  try {
    const home = await server.inject({ url: '/' });
    expect(home.body).toMatch(/<tr data-exercise="01">.*1 check to go.*<td>0\/3<\/td><\/tr>/);
    const page = (await server.inject({ url: '/exercises/01' })).body;
    expect(page).toContain(
      '<tr data-check="runAll starts every task at once" data-state="failed"><td class="state">runAll starts every task at once</td><td class="points">0/3</td></tr>',
    );
    expect(page).toContain('data-state="unknown"');
    expect(page).toMatch(/<details id="diff">.*<span class="del">-/s);
    expect(page).toMatch(/<span class="add">\+/);
    cpSync(join(first.solutionDir, 'src'), join(learner, 'src'), { recursive: true });
    expect((await server.inject({ url: '/exercises/01' })).body).toContain(
      'Your src/ is the same as the solution.',
    );
  } finally {
    await server.close();
  }
});
