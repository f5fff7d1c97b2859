import { BroadcastChannel } from 'node:worker_threads';
import { epochNow } from './intrinsics.ts';

/** A report as it was heard: its own fields, and when it arrived (ms since listening began). */
export type Heard<Report> = Report & { readonly at: number };

/**
 * Hears what code under test reports on a `BroadcastChannel`, from any
 * thread, from now on, in the order the reports were sent. Each report is
 * stamped with the toolkit's clock when it arrives; `origin` is that clock's
 * zero in epoch milliseconds, to compare with times the reports carry.
 *
 * @example
 * const processor = listenToReports<{ event: string }>('kit:exercise-07:processor');
 * … // run the scenario
 * processor.stop();
 * const starts = processor.reports.filter((report) => report.event === 'started');
 */
export function listenToReports<Report extends object>(channelName: string) {
  const origin = epochNow();
  const reports: Heard<Report>[] = [];
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = (message) =>
    reports.push({ ...(message as { data: Report }).data, at: epochNow() - origin });
  return {
    reports,
    origin,
    /** Milliseconds since listening began. */
    now: () => epochNow() - origin,
    stop: () => channel.close(),
  };
}
