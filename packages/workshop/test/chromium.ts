import { spawnSync } from 'node:child_process';

/** Set by CI (`.ci/run`): a missing Chromium then fails the run instead of skipping the suite. */
const REQUIRE_CHROMIUM_ENV = 'KIT_REQUIRE_CHROMIUM';

/**
 * Debian's Chromium (`apt-get install chromium`), or the one CHROMIUM_PATH
 * names, for a suite that runs in a real browser. Without one the suite is
 * skipped by name, with a one-line notice; in CI it is an error.
 *
 * @example
 * const executablePath = findChromium('the class page in a real browser');
 * describe.skipIf(!executablePath)('the class page in a real browser', () => { … });
 */
export function findChromium(suite: string): string | undefined {
  const candidate = process.env.CHROMIUM_PATH || 'chromium';
  const found = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
  if (!found.error && found.status === 0) {
    return candidate === 'chromium'
      ? spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim()
      : candidate;
  }
  if (process.env[REQUIRE_CHROMIUM_ENV] === '1') {
    throw new Error(
      `${suite} is required here (${REQUIRE_CHROMIUM_ENV}=1) but there is no Chromium: apt-get install chromium, or set CHROMIUM_PATH.`,
    );
  }
  console.warn(
    `[kit] ${suite}: skipped, no Chromium; apt-get install chromium or set CHROMIUM_PATH`,
  );
  return undefined;
}

/** As root (CI), Chromium's sandbox cannot start: the pages it opens are the kit's own. */
export const CHROMIUM_ARGS = ['--no-sandbox'];
