import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findKitRoot, listExercises, resolveExercise } from '../src/kit.ts';
import { createWorkshopServer } from '../src/web/server.ts';
import { CHROMIUM_ARGS, findChromium } from './chromium.ts';

const SUITE = 'the web workshop in a real browser';
const executablePath = findChromium(SUITE);

/** Set to write the exercise page's screenshot into docs/ (the README shows it). */
const SCREENSHOT_ENV = 'KIT_UPDATE_SCREENSHOT';

const root = findKitRoot();
const exercises = listExercises(root);
const first = resolveExercise(exercises, '01');
const RUN_ALL = 'runAll starts every task at once';
/** A grade of exercise 01 takes 6–15 s; a busy CI machine, twice that. */
const GRADE_MS = 90_000;

/** A bar's start and end, from its hover text: "task 0: 0 → 200 ms (resolved)". */
function spanOf(title: string): { start: number; end: number } {
  const match = /: (\d+) → (\d+) ms/.exec(title);
  if (!match) throw new Error(`a bar's hover should say its start and end: "${title}"`);
  return { start: Number(match[1]), end: Number(match[2]) };
}

describe.skipIf(!executablePath)(SUITE, () => {
  let browser: Browser;
  let server: FastifyInstance;
  let origin = '';
  // The learner's code is a copy of exercise 01's starter, and the learner's memory a folder of
  // its own: the test touches neither the work tree nor the developer's .workshop/.
  let scratch = '';
  let learner = '';
  let tab: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'kit-web-'));
    learner = join(scratch, 'learner');
    cpSync(join(first.dir, 'src'), join(learner, 'src'), { recursive: true });
    server = createWorkshopServer({
      exercises,
      stateRoot: join(scratch, 'state'),
      learnerFolders: { [first.name]: learner },
      watch: true,
    });
    origin = await server.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    tab.on('request', (request) => requests.push(request.url()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }, GRADE_MS);

  test('the home lists the nine exercises and the next one to do', async () => {
    await tab.goto(`${origin}/`);
    expect(await tab.locator('table.exercises tbody tr').count()).toBe(9);
    expect(await tab.locator('#next').textContent()).toContain('exercise 01');
    await tab.locator('table.exercises a', { hasText: first.title }).click();
    await tab.waitForURL(`${origin}/exercises/01`);
    expect(await tab.locator('article.lesson h1').textContent()).toBe(first.title);
    expect(await tab.locator('article.lesson pre code.hljs').count()).toBeGreaterThan(0);
  });

  test(
    "grading exercise 01's starter streams each check, then shows runAll failed with four sequential spans",
    async () => {
      await tab.goto(`${origin}/exercises/01`);
      await tab.locator('#grade').click();
      await tab.waitForFunction(() =>
        document.getElementById('status')?.textContent?.startsWith('grading'),
      );
      // A second click while it runs (here, from another tab's script) joins the grade.
      const again = await tab.evaluate(() =>
        fetch('/api/exercises/01/grade', { method: 'POST' }).then((answer) => answer.json()),
      );
      expect(again).toEqual({ joined: true });
      // The checks arrive one by one, before the report.
      await tab.waitForFunction(
        () =>
          /grading… \d+ of \d+ checks/.test(document.getElementById('status')?.textContent ?? ''),
        undefined,
        { timeout: GRADE_MS },
      );
      await tab.waitForFunction(
        () => document.getElementById('status')?.textContent?.startsWith('graded:'),
        undefined,
        { timeout: GRADE_MS },
      );
      const check = tab.locator(`#report li.check[data-check="${RUN_ALL}"]`);
      expect(await check.getAttribute('data-state')).toBe('failed');
      expect(await check.locator('dd').first().textContent()).toBe('peak tasks in flight: 1');
      const titles = await check.locator('svg.timeline rect title').allTextContents();
      expect(titles).toHaveLength(4);
      const spans = titles.map(spanOf);
      for (const [index, span] of spans.entries()) {
        expect(span.end - span.start).toBeGreaterThanOrEqual(150);
        if (index > 0) expect(span.start).toBeGreaterThanOrEqual(spans[index - 1]?.end ?? 0);
      }
      expect(
        await tab.locator(`#checks-table tr[data-check="${RUN_ALL}"]`).getAttribute('data-state'),
      ).toBe('failed');
      expect(await tab.locator('#report [data-verdict="failed"]').count()).toBe(1);
      await check.scrollIntoViewIfNeeded();
      const picture = await tab.screenshot({ fullPage: false });
      expect(picture.subarray(1, 4).toString()).toBe('PNG');
      if (process.env[SCREENSHOT_ENV] === '1')
        writeFileSync(join(root, 'docs', 'web-exercise.png'), picture);
    },
    GRADE_MS * 2,
  );

  test('a hint opens one at a time, and a report points at its hint', async () => {
    await tab.goto(`${origin}/exercises/01`);
    const button = tab.locator('#next-hint');
    expect(await tab.locator('#hints .hint').count()).toBe(0);
    await button.click();
    await tab.locator('#hint-1').waitFor();
    expect(await tab.locator('#hint-1').textContent()).toContain('Ask first:');
    expect(await button.textContent()).toMatch(/^Show hint 2 of \d+$/);
    expect(await tab.locator('#hints .hint').count()).toBe(1);
    const state = JSON.parse(
      readFileSync(join(scratch, 'state', '.workshop', 'state.json'), 'utf8'),
    );
    expect(state.hints[first.name]).toBe(1);
  });

  test(
    'saving a file in src/ grades again and updates the page by itself',
    async () => {
      await tab.goto(`${origin}/exercises/01`);
      writeFileSync(
        join(learner, 'src', 'index.ts'),
        readFileSync(join(first.solutionDir, 'src', 'index.ts')),
      );
      await tab.waitForFunction(
        () => document.getElementById('status')?.textContent === 'a file was saved: grading…',
        undefined,
        { timeout: 10_000 },
      );
      await tab.waitForFunction(
        () => document.getElementById('status')?.textContent?.startsWith('graded:'),
        undefined,
        { timeout: GRADE_MS },
      );
      expect(await tab.locator('#report [data-verdict="passed"]').count()).toBe(1);
      expect(
        await tab.locator(`#checks-table tr[data-check="${RUN_ALL}"]`).getAttribute('data-state'),
      ).toBe('passed');
    },
    GRADE_MS * 2,
  );

  test('an unknown exercise in a URL is a 404 page that lists the exercises', async () => {
    const answer = await tab.goto(`${origin}/exercises/42`);
    expect(answer?.status()).toBe(404);
    expect(await tab.locator('#exercise-list li').count()).toBe(9);
    expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  });
});
