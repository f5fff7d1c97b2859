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
