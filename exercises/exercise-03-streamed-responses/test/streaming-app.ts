import {
  all,
  appUnderTest,
  countProduction,
  learnerModule,
  nextTurn,
  type ProductionStats,
  sleep,
} from '@kit/grading';
import { Test } from '@nestjs/testing';

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
 * produced, whether the iteration was closed). {@link padded} makes rows bigger,
 * for the backpressure checks.
 */
export class CountingRows {
  readonly queries: ProductionStats[] = [];
  private padding = 0;

  query({ count, delayMs }: { count: number; delayMs: number }) {
    const padding = this.padding;
    async function* rows() {
      for (let id = 1; id <= count; id += 1) {
        await (delayMs > 0 ? sleep(delayMs) : nextTurn());
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

  /** Runs `scenario` with rows of about `bytes` more each, then back to plain rows. */
  async padded<T>(bytes: number, scenario: () => Promise<T>): Promise<T> {
    this.padding = bytes;
    try {
      return await scenario();
    } finally {
      this.padding = 0;
    }
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

/** The counting repository behind this file's app. */
const rows = new CountingRows();

const app = appUnderTest(async () => {
  const [{ AppModule }, { RowsRepository }] = await all([appModule(), repositoryModule()]);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(RowsRepository)
    .useValue(rows)
    .compile();
  return moduleRef.createNestApplication({ logger: false });
});

/** The learner's AppModule on a real loopback port, with the counting repository. Once per file. */
export async function streamingApp(): Promise<{ baseUrl: string; rows: CountingRows }> {
  const { baseUrl } = await app();
  return { baseUrl, rows };
}
