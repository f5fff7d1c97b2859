import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JOB_ID, type Job } from './job.ts';

/**
 * Each job's state in `job.json` beside its file, in the job's own folder.
 * A state is written to a temporary file and renamed over the old one, so
 * a crash leaves the old state or the new one, never half of one.
 */
export class JobStore {
  constructor(private readonly dir: string) {}

  async save(job: Job): Promise<void> {
    const file = join(this.dir, job.id, 'job.json');
    await writeFile(`${file}.tmp`, JSON.stringify(job));
    await rename(`${file}.tmp`, file);
  }

  /**
   * Every job the folder holds, in line order. A folder without a state is
   * an upload that never finished (the process stopped while it came in): it
   * is removed.
   */
  async loadAll(): Promise<Job[]> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
    const jobs: Job[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || !JOB_ID.test(entry.name)) continue;
      const state = await readFile(join(this.dir, entry.name, 'job.json'), 'utf8').catch(
        () => undefined,
      );
      if (state === undefined) {
        await rm(join(this.dir, entry.name), { recursive: true, force: true });
        continue;
      }
      jobs.push(JSON.parse(state) as Job);
    }
    return jobs.sort((a, b) => a.position - b.position);
  }
}
