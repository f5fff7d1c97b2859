// Provided by the exercise: leave this file as it is. A client of a remote
// feature-flag service: loading asks it for every flag.
import { setTimeout as wait } from 'node:timers/promises';
import { report } from './report.ts';

/** Closing stops the client's refresh and its connections: longer than closing the pool. */
export const CLOSE_MS = 40;

export class FeatureFlags {
  private constructor(private readonly flags: Readonly<Record<string, boolean>>) {}

  /** Fetches `GET <url>/flags` → `{ flags: { name: boolean } }`; as slow as the service. */
  static async load(url: string, options: { signal?: AbortSignal } = {}): Promise<FeatureFlags> {
    report('feature flags', 'starting');
    const answer = await fetch(`${url}/flags`, options);
    if (!answer.ok) throw new Error(`the feature flag service answered ${answer.status}`);
    const { flags } = (await answer.json()) as { flags: Record<string, boolean> };
    report('feature flags', 'ready');
    return new FeatureFlags(flags);
  }

  isOn(name: string): boolean {
    return this.flags[name] === true;
  }

  /** Stops the refresh and closes the client's connections, then reports closed: about 40 ms. */
  async close(): Promise<void> {
    await wait(CLOSE_MS);
    report('feature flags', 'closed');
  }
}
