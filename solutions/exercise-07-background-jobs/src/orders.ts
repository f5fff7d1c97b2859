// Provided by the exercise: leave this file as it is. It stands for the slow
// part of real processing (a call per order to a payment or stock service),
// and it reports every job it runs to the grader.
import { setTimeout as wait } from 'node:timers/promises';
import { BroadcastChannel } from 'node:worker_threads';

/** One row of an orders CSV as a CSV parser gives it with `columns: true`: every value a string. */
export interface OrderRecord {
  readonly order_id: string;
  readonly customer: string;
  readonly quantity: string;
  readonly unit_price_cents: string;
}

/** What a job computes from a whole file. */
export interface OrdersSummary {
  /** Data rows (the header is not one). */
  readonly orders: number;
  /** Distinct customers. */
  readonly customers: number;
  /** The sum of quantity × unit price, in cents. */
  readonly totalCents: number;
}

/** A row whose values are not an order: `row` counts data rows from 1 (the header is not one). */
export class MalformedRowError extends Error {
  constructor(
    readonly row: number,
    reason: string,
  ) {
    super(`row ${row}: ${reason}`);
    this.name = 'MalformedRowError';
  }
}

/** What the grader hears of each job: when it started, and how it ended. */
export interface ProcessorReport {
  readonly event: 'started' | 'completed' | 'failed' | 'aborted';
  /** The first order id of the file, which names the job to the grader. */
  readonly firstOrderId: string;
  readonly rowsDone: number;
}

/** The channel `summarizeOrders` reports on, from whichever thread runs it. */
export const PROCESSOR_CHANNEL = 'kit:exercise-07:processor';

/** The time one order takes to process. */
export const ROW_MS = 2;

const WHOLE = /^\d{1,9}$/;

// One channel for every job, so the grader hears the reports in the order they happened.
const channel = new BroadcastChannel(PROCESSOR_CHANNEL);
channel.unref();

/**
 * Processes the orders of one file, one row after another, about 2 ms a row,
 * and sums them up. Give it the rows as they are parsed (any iterable or
 * async iterable, a CSV parser's stream included): it takes the next row
 * only when it is done with the last one.
 *
 * @param options.signal stops it between two rows, with an `AbortError`
 * @param options.onProgress called after each row with the rows done so far
 * @throws MalformedRowError for a row whose values are not an order
 *
 * @example
 * const summary = await summarizeOrders(createReadStream(file).pipe(parse({ columns: true })), {
 *   signal,
 *   onProgress: (rowsDone) => { job.rowsDone = rowsDone; },
 * });
 */
export async function summarizeOrders(
  records: AsyncIterable<OrderRecord> | Iterable<OrderRecord>,
  options: { signal?: AbortSignal; onProgress?: (rowsDone: number) => void } = {},
): Promise<OrdersSummary> {
  const customers = new Set<string>();
  let firstOrderId: string | undefined;
  let orders = 0;
  let totalCents = 0;
  const report = (event: ProcessorReport['event']) =>
    channel.postMessage({
      event,
      firstOrderId: firstOrderId ?? '',
      rowsDone: orders,
    } satisfies ProcessorReport);
  try {
    for await (const record of records) {
      options.signal?.throwIfAborted();
      const row = orders + 1;
      if (firstOrderId === undefined) {
        firstOrderId = String(record.order_id ?? '');
        report('started');
      }
      const { order_id, customer, quantity, unit_price_cents } = record;
      if (!order_id || !customer) {
        throw new MalformedRowError(row, 'order_id and customer must not be empty');
      }
      for (const [name, value] of [
        ['quantity', quantity],
        ['unit_price_cents', unit_price_cents],
      ] as const) {
        if (!WHOLE.test(value ?? '')) {
          throw new MalformedRowError(
            row,
            `${name} ${JSON.stringify(value ?? null)} is not a whole number`,
          );
        }
      }
      await wait(ROW_MS);
      customers.add(customer);
      totalCents += Number(quantity) * Number(unit_price_cents);
      orders = row;
      options.onProgress?.(orders);
    }
    report('completed');
    return { orders, customers: customers.size, totalCents };
  } catch (error) {
    report(options.signal?.aborted ? 'aborted' : 'failed');
    throw error;
  }
}
