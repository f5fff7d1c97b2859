// Provided by the exercise: leave this file as it is.

/** Where the feature-flag service answers: `FLAGS_URL`. */
export function flagsUrl(): string {
  const raw = process.env.FLAGS_URL;
  if (!raw) throw new Error('FLAGS_URL is not set: give the URL of the feature-flag service.');
  return raw;
}

/** How long each dependency may take to start: `STARTUP_TIMEOUT_MS`, 5000 by default. */
export function startupTimeoutMs(): number {
  const raw = process.env.STARTUP_TIMEOUT_MS;
  if (raw === undefined || raw === '') return 5_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`STARTUP_TIMEOUT_MS must be a positive whole number, got "${raw}".`);
  }
  return value;
}
