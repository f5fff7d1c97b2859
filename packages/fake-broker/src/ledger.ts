import { now } from '@kit/measure';

/** Something that happened to a message, in the broker or in the work done for it. */
export interface LedgerEvent {
  /** Its place in the ledger: events are noted in the order they happened, in one thread. */
  readonly seq: number;
  /** Milliseconds on the toolkit's clock, for drawing; the order is `seq`. */
  readonly at: number;
  readonly broker: string;
  readonly messageId: string;
  /** The consumer the message was delivered to, or whose work this is. */
  readonly consumer?: string;
  readonly event:
    | 'published'
    | 'delivered'
    | 'acked'
    | 'nacked'
    | 'requeued'
    | 'dead-lettered'
    | 'started'
    | 'finished'
    | 'failed';
  /** The reason of a nack or a dead letter, the error of a failed handler. */
  readonly detail?: string;
}

const events: LedgerEvent[] = [];

/**
 * Every event of every broker of this process, in order. The broker notes
 * deliveries and acknowledgements, the work a consumer does notes when it
 * starts and ends: a grader reads both on one line, with no clock to trust.
 *
 * @example
 * const from = ledger.events.length;
 * … // run a burst
 * const mine = ledger.since(from).filter((event) => event.broker === name);
 */
export const ledger = {
  events: events as readonly LedgerEvent[],
  note(event: Omit<LedgerEvent, 'seq' | 'at'>): void {
    events.push({ ...event, seq: events.length, at: now() });
  },
  since(index: number): LedgerEvent[] {
    return events.slice(index);
  },
};
