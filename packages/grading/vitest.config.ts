import { defineKitConfig } from '@kit/vitest-config';
import { mergeConfig } from 'vitest/config';

// Several tests start Node processes (a watched run, a frozen realm): on a busy machine one
// start takes seconds, more than a share of Vitest's 5 s default.
export default mergeConfig(defineKitConfig(), { test: { testTimeout: 30_000 } });
