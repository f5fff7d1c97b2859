import { expect, test } from 'vitest';
import { conveys } from '../src/wording.ts';

test.each([
  'Timeout',
  'timed out after 400 ms',
  'request timeout',
  'no answer within 400 ms',
  'the API did not respond in time',
  'no response after 400ms',
  'gave up after 400 ms',
  'The operation was aborted due to timeout',
  'took longer than 400 ms',
])('"%s" says the call timed out', (message) => {
  expect(conveys(message, 'the call timed out')).toBe(true);
});

test.each([
  'malformed answer',
  'Unexpected token < in JSON at position 0',
  'invalid JSON from the weather API',
  'could not parse the answer',
  'the API answered HTML, not JSON',
  'response body is not valid',
])('"%s" says the answer was malformed', (message) => {
  expect(conveys(message, 'the answer was malformed')).toBe(true);
});

test.each([
  ['the API answered 500', 'the call timed out'],
  ['request failed with status 500', 'the answer was malformed'],
  ['city not found', 'the call timed out'],
] as const)('"%s" does not say %s', (message, fact) => {
  expect(conveys(message, fact)).toBe(false);
});
