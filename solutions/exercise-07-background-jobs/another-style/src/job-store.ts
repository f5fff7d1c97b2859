import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Job } from './job.ts';

/**
 * Every job's states as one journal, `jobs.jsonl` in the jobs folder: a line
 * per change, appended one after another. Replayed, the last line of a job is
 * its state, and the jobs come in the order they were first written: the
 * upload order. A line a crash cut short is skipped.
 */
export class JobStore {
  private readonly file: string;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.file = join(dir, 'jobs.jsonl');
  }

  save(job: Job): Promise<void> {
    const line = `${JSON.stringify(job)}\n`;
    // One append at a time, so that two lines never interleave.
    const write = this.lastWrite.then(() => appendFile(this.file, line));
    this.lastWrite = write.catch(() => undefined);
    return write;
  }

  async loadAll(): Promise<Job[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    // A Map keeps each key where it was first set: the jobs stay in upload order.
    const latest = new Map<string, Job>();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        const job = JSON.parse(line) as Job;
        latest.set(job.id, job);
      } catch {
        // The last line of a process that stopped while writing it.
      }
    }
    return [...latest.values()];
  }
}
