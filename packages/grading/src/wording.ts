/**
 * Facts an error message may have to convey, each with the many ways people
 * write it: a check that asks for a fact accepts any wording of it, never one
 * keyword ("no answer within 400 ms" says the call timed out as well as
 * "timeout" does).
 */
const FACTS = {
  'the call timed out':
    /time|no (answer|response|reply)|(didn't|did not|never) (answer|respond|reply)|not (answer|respond|reply)|within \d|too (long|slow)|gave up|giving up|deadline|abort|took longer|after \d+ ?ms/i,
  'the answer was malformed':
    /malformed|json|unexpected|invalid|pars(e|ing)|not valid|garbled|html|unreadable|corrupt|syntax|not (a )?(well[- ]formed|readable)/i,
} as const;

export type Fact = keyof typeof FACTS;

/**
 * Whether `message` conveys `fact` in any usual wording.
 *
 * @example
 * conveys('no answer within 400 ms', 'the call timed out'); // true
 */
export function conveys(message: string, fact: Fact): boolean {
  return FACTS[fact].test(message);
}
