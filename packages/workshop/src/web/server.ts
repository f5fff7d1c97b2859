import { existsSync, type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import { score } from '@kit/grading/results';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { readCatalog } from '../catalog.ts';
import { type TakenHint, takeHint } from '../commands/hint.ts';
import { gradeFolder } from '../grade.ts';
import { htmlText } from '../html.ts';
import { type Exercise, resolveExercise, UsageError } from '../kit.ts';
import { readLastRun, readState, recordGrade } from '../state.ts';
import { type GradeEvent, GradeHub } from './grade-hub.ts';
import { exercisePage, hintHtml, homePage, nextHintLabel, notFoundPage } from './pages.ts';
import { reportHtml } from './report-html.ts';

export interface WorkshopServerOptions {
  readonly exercises: readonly Exercise[];
  /** Where the learner's grades and hints are remembered (`<stateRoot>/.workshop/`): the kit's root. */
  readonly stateRoot: string;
  /**
   * The folder whose `src/` is the learner's code, per exercise name; the
   * exercise's own folder when absent. One elsewhere is graded as a copy,
   * like `pnpm test --target`.
   */
  readonly learnerFolders?: Readonly<Record<string, string>>;
  /** Grade again when a file in a learner's `src/` is saved. */
  readonly watch: boolean;
}

/** How long a burst of saves (an editor writes a file in several steps) is let settle. */
const SAVE_SETTLE_MS = 200;

/**
 * The web workshop: the home, each exercise's page, and its grades streamed
 * as Server-Sent Events. A grade goes through {@link gradeFolder}, the path of
 * `pnpm test NN`, and is remembered as that command remembers it.
 *
 * @example
 * const server = createWorkshopServer({ exercises, stateRoot: root, watch: true });
 * await server.listen({ host: '127.0.0.1', port: 4321 });
 */
export function createWorkshopServer(options: WorkshopServerOptions): FastifyInstance {
  const { exercises, stateRoot } = options;
  const folderOf = (exercise: Exercise) => options.learnerFolders?.[exercise.name] ?? exercise.dir;
  const hub = new GradeHub<Exercise>({
    grade: async (exercise, onCheck) => {
      const folder = folderOf(exercise);
      const run = await gradeFolder({ exercise, folder, copy: folder !== exercise.dir, onCheck });
      if (!run.kitFailure) recordGrade(stateRoot, exercise.name, run);
      return run;
    },
    started: (_exercise, reason) => ({ reason }),
    check: (exercise, check, told) => ({
      check,
      told,
      total: readCatalog(exercise).checks.length,
    }),
    done: (exercise, outcome) => {
      if (outcome instanceof Error) {
        return {
          html: `<section class="report" data-verdict="kit-error"><p class="kit-failure"><strong>The kit could not grade (on Node ${process.version}): ${htmlText(outcome.message)}.</strong> This is not your code's fault: run <code>pnpm test ${exercise.id}</code> in a terminal to see more.</p></section>`,
          checks: [],
          summary: 'the kit could not grade',
        };
      }
      const { earned, possible, passed, failed } = score(outcome);
      return {
        html: reportHtml(exercise, outcome),
        checks: outcome.kitFailure ? [] : outcome.checks,
        summary: outcome.kitFailure
          ? 'not graded: the kit failed on this Node'
          : `graded: ${earned}/${possible}, ${passed} passed, ${failed} failed`,
      };
    },
  });

  const server = Fastify({ forceCloseConnections: true });
  const streams = new Set<FastifyReply>();
  const watchers: FSWatcher[] = [];

  // Only pages of this server may drive it: a site elsewhere cannot post to a port on loopback
  // (its requests carry another Origin) nor reach it under another name (DNS rebinding).
  server.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ?? '';
    const origin = request.headers.origin;
    const local = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host);
    if (!local || (origin !== undefined && origin !== `http://${host}`)) {
      return reply
        .code(403)
        .type('text/plain')
        .send('The workshop answers only its own pages, on 127.0.0.1.');
    }
  });

  const find = (name: string) => {
    try {
      return resolveExercise(exercises, name);
    } catch (error) {
      if (error instanceof UsageError) return undefined;
      throw error;
    }
  };
  const notFound = (reply: FastifyReply, asked: string) =>
    reply.code(404).type('text/html').send(notFoundPage(exercises, asked));
  const apiNotFound = (reply: FastifyReply, name: string) =>
    reply.code(404).send({
      error: `No exercise matches "${name}". The exercises are: ${exercises.map((exercise) => exercise.id).join(', ')}.`,
    });

  server.get('/', async (_request, reply) =>
    reply.type('text/html').send(homePage(exercises, readState(stateRoot))),
  );

  server.get<{ Params: { name: string } }>('/exercises/:name', async (request, reply) => {
    const exercise = find(request.params.name);
    if (!exercise) return notFound(reply, request.url);
    return reply.type('text/html').send(
      exercisePage({
        exercise,
        learnerFolder: folderOf(exercise),
        state: readState(stateRoot),
        lastRun: readLastRun(stateRoot, exercise.name),
      }),
    );
  });

  server.post<{ Params: { name: string } }>(
    '/api/exercises/:name/grade',
    async (request, reply) => {
      const exercise = find(request.params.name);
      if (!exercise) return apiNotFound(reply, request.params.name);
      return reply.code(202).send(hub.start(exercise.name, exercise, 'asked'));
    },
  );

  server.get<{ Params: { name: string } }>(
    '/api/exercises/:name/events',
    async (request, reply) => {
      const exercise = find(request.params.name);
      if (!exercise) return apiNotFound(reply, request.params.name);
      // The stream outlives the handler: Fastify hands the socket over and sends nothing itself.
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      reply.raw.write(': the grades of this exercise, as they come\n\n');
      const send = ({ event, data }: GradeEvent) =>
        reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const stop = hub.listen(exercise.name, send);
      streams.add(reply);
      request.raw.on('close', () => {
        stop();
        streams.delete(reply);
      });
    },
  );

  server.post<{ Params: { name: string; number: string } }>(
    '/api/exercises/:name/hints/:number',
    async (request, reply) => {
      const exercise = find(request.params.name);
      if (!exercise) return apiNotFound(reply, request.params.name);
      const wanted = request.params.number;
      let taken: TakenHint;
      try {
        taken = takeHint(stateRoot, exercise, wanted === 'next' ? undefined : wanted);
      } catch (error) {
        if (error instanceof UsageError) return reply.code(404).send({ error: error.message });
        throw error;
      }
      const { hint, number, last, seen } = taken;
      return reply.send({
        number,
        seen,
        last,
        label: nextHintLabel(seen, last),
        html: hintHtml(number, hint.text),
      });
    },
  );

  server.setNotFoundHandler((request, reply) =>
    request.url.startsWith('/api/')
      ? reply.code(404).send({ error: `No such API route: ${request.method} ${request.url}.` })
      : notFound(reply, request.url),
  );

  if (options.watch) {
    server.addHook('onReady', async () => {
      for (const exercise of exercises) {
        const srcDir = join(folderOf(exercise), 'src');
        if (!existsSync(srcDir)) {
          console.warn(
            `${srcDir} is missing, so saves there are not watched: pnpm reset ${exercise.id} puts the starter back.`,
          );
          continue;
        }
        let timer: NodeJS.Timeout | undefined;
        const watcher = watch(srcDir, { recursive: true }, () => {
          clearTimeout(timer);
          timer = setTimeout(() => hub.start(exercise.name, exercise, 'saved'), SAVE_SETTLE_MS);
        });
        watcher.on('close', () => clearTimeout(timer));
        watchers.push(watcher);
      }
    });
  }

  // Closing stops watching, lets a running grade end (its watchdog bounds it) and ends every stream.
  server.addHook('preClose', async () => {
    for (const watcher of watchers) watcher.close();
    await hub.idle();
    for (const stream of streams) stream.raw.end();
  });

  return server;
}
