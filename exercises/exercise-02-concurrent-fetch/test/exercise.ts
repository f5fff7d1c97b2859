import { learnerModule } from '@kit/grading';

/** The learner's functions, loaded inside each check. */
export const exercise = learnerModule('src/index.ts', () => import('#exercise/index.ts'), [
  'fetchAll',
  'getWeather',
]);

/** The learner's Nest module, loaded inside each check. */
export const appModule = learnerModule(
  'src/app.module.ts',
  () => import('#exercise/app.module.ts'),
  ['AppModule'],
);

/** The message of a `{ city, error }` entry of getWeather's answer, or undefined for any other entry. */
export function errorOf(entry: unknown): string | undefined {
  return typeof entry === 'object' &&
    entry !== null &&
    'error' in entry &&
    typeof entry.error === 'string'
    ? entry.error
    : undefined;
}
