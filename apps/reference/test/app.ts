import { appUnderTest } from '@kit/grading/app-under-test';
import { createApp } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/app-config.ts';
import { UPSTREAM_ENV } from './upstream.ts';

/**
 * The reference app on a loopback port, with the environment `env` gives when it starts,
 * started on first use and closed after the tests of the file or `describe`
 * block that declared it.
 */
export function referenceApp(env: () => NodeJS.ProcessEnv = () => ({})) {
  return appUnderTest(() =>
    createApp(loadConfig({ ...UPSTREAM_ENV, WORKER_THREADS: '2', ...env() }), { logger: false }),
  );
}
