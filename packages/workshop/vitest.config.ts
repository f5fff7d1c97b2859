import { defineKitConfig } from '@kit/vitest-config';
import { mergeConfig } from 'vitest/config';

// These tests start the CLI, and the CLI starts Node and its TypeScript (about 1.5 s a run idle,
// 4 s on a busy machine): 5 s per test, Vitest's default, failed a test of three runs in CI.
export default mergeConfig(defineKitConfig(), { test: { testTimeout: 30_000 } });
