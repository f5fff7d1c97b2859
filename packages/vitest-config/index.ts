import swc from 'unplugin-swc';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The Vitest config every package of the kit starts from. SWC compiles the
 * TypeScript so that NestJS gets the decorator metadata its dependency
 * injection reads (Vite's own transformer does not emit it).
 *
 * @example
 * // packages/grading/vitest.config.ts
 * export default defineKitConfig();
 */
export function defineKitConfig(): ViteUserConfig {
  return defineConfig({
    plugins: [swc.vite({ module: { type: 'es6' } })],
    test: {
      include: ['test/**/*.test.ts'],
      pool: 'forks',
      restoreMocks: true,
      // Processes the tests start with tsx would leave its transform cache in the temp folder.
      env: { TSX_DISABLE_CACHE: '1' },
    },
  });
}
