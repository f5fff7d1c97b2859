/**
 * A setting that is a positive whole number: the environment variable
 * `name`, or `fallback` when it is unset or empty. Anything else throws an
 * error that names the variable and the value, so a typo in a setting
 * stops the app at start-up with a message, never later with a wrong number.
 *
 * @example
 * export const jobsConcurrency = () => positiveWholeFromEnv('JOBS_CONCURRENCY', 2);
 */
export function positiveWholeFromEnv(
  name: string,
  fallback: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  }
  return value;
}
