import { kitFetch, learnerModule } from '@kit/grading';
import { inject } from 'vitest';

/** The learner's benchmark library, loaded inside each check. */
export const bench = learnerModule('src/bench.ts', () => import('#exercise/bench.ts'), [
  'measure',
  'compare',
  'findStarvingRoutes',
]);

/** The fake servers global-setup.ts started for this run, in a process of their own. */
export const servers = inject('fakeServers');

async function control<T>(path: string): Promise<T> {
  return (await (await kitFetch(`${servers.baseUrl}${path}`)).json()) as T;
}

/** What the servers saw since the last {@link resetServers}: their truth. */
export interface ServerStats {
  readonly peakConnections: number;
  readonly requests: number;
  readonly served500: number;
  readonly dropped: number;
  /** For each route asked since the reset: when it was first asked and last answered, in ms. */
  readonly windows: Readonly<Record<string, { readonly firstAt: number; readonly lastAt: number }>>;
}

export const resetServers = () => control<unknown>('/_reset');
export const serverStats = () => control<ServerStats>('/_stats');
/** Puts the index-th blocking route of this run in force on the servers. */
export const blockRoute = (index: number) =>
  control<{ blocking: string }>(`/_block?index=${index}`);

/** `url` of a fake route. */
export const route = (path: string) => `${servers.baseUrl}${path}`;
