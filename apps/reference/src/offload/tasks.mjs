// Runs on the worker threads of the offload pool (plain JavaScript: Node loads
// worker files directly). Each export is one kind of task.

/** Blocks this thread for `ms`, as `time.sleep` or a synchronous call would. */
export function block({ ms }) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy on purpose: this is the blocking work being offloaded.
  }
  return { blockedMs: ms };
}

/** CPU-bound work: counts the primes up to `n` by trial division. */
export function countPrimes({ n }) {
  let count = 0;
  for (let candidate = 2; candidate <= n; candidate += 1) {
    let prime = true;
    for (let divisor = 2; divisor * divisor <= candidate; divisor += 1) {
      if (candidate % divisor === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count += 1;
  }
  return { n, primes: count };
}
