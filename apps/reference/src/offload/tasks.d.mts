/** Blocks the calling thread for `ms`. */
export declare function block(task: { ms: number }): { blockedMs: number };
/** Counts the primes up to `n`. */
export declare function countPrimes(task: { n: number }): { n: number; primes: number };
