import { defineKitConfig } from '@kit/vitest-config';
import { mergeConfig } from 'vitest/config';

export default mergeConfig(defineKitConfig(), {
  // Timing-sensitive e2e files must not share the two cores.
  test: { fileParallelism: false, testTimeout: 20_000, hookTimeout: 20_000 },
});
