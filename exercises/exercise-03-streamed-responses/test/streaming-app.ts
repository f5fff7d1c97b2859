import { setImmediate, setTimeout } from 'node:timers/promises';
import { countProduction, learnerModule, type ProductionStats } from '@kit/grading';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll } from 'vitest';

const appModule = learnerModule('src/app.module.ts', () => import('#exercise/app.module.ts'), [
  'AppModule',
]);
const repositoryModule = learnerModule(
  'src/rows.repository.ts',
  () => import('#exercise/rows.repository.ts'),
  ['RowsRepository'],
);

/**
 * Stands in for RowsRepository: the same rows, each query counted (rows
 * produced, whether the iteration was closed). `padding` makes rows bigger,
 * for the backpressure checks.
 */
export class CountingRows {
  readonly queries: ProductionStats[] = [];
  padding = 0;

  query({ count, delayMs }: { count: number; delayMs: number }) {
    const padding = this.padding;
    async function* rows() {
      for (let id = 1; id <= count; id += 1) {
        await (delayMs > 0 ? setTimeout(delayMs) : setImmediate());
        yield {
          id,
          name: `row ${id}`,
          value: (id * 7919) % 1000,
          ...(padding ? { padding: 'x'.repeat(padding) } : {}),
        };
      }
    }
    const { iterable, stats } = countProduction(rows());
    this.queries.push(stats);
    return iterable;
  }

  /** The stats of the latest query. */
  get last(): ProductionStats | undefined {
    return this.queries.at(-1);
  }
}

/** The rows a query of `count` yields, as the client should receive them. */
export function expectedRows(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    name: `row ${i + 1}`,
    value: ((i + 1) * 7919) % 1000,
  }));
}

interface RunningApp {
  readonly baseUrl: string;
  readonly rows: CountingRows;
}

let running: Promise<{ app: INestApplication; baseUrl: string; rows: CountingRows }> | undefined;

/** The learner's AppModule on a real loopback port, with the counting repository. Once per file. */
export async function streamingApp(): Promise<RunningApp> {
  running ??= (async () => {
    const [{ AppModule }, { RowsRepository }] = await Promise.all([
      appModule(),
      repositoryModule(),
    ]);
    const rows = new CountingRows();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(RowsRepository)
      .useValue(rows)
      .compile();
    // Aborted streams leave sockets behind: close them with the app instead of waiting for them.
    const app = moduleRef.createNestApplication({ logger: false, forceCloseConnections: true });
    await app.listen(0, '127.0.0.1');
    return { app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1'), rows };
  })();
  const { baseUrl, rows } = await running;
  return { baseUrl, rows };
}

afterAll(async () => {
  const started = await running?.catch(() => undefined);
  await started?.app.close();
});
