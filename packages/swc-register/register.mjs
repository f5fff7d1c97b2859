// `node --import <this file> app/main.ts`: runs a NestJS app written in TypeScript.
// Node 22.15+ runs the hooks in this thread (`registerHooks`); Node 26 deprecates
// `register()`, which Node 20 still needs.
import * as nodeModule from 'node:module';
import * as hooks from './hooks.mjs';

if (nodeModule.registerHooks) nodeModule.registerHooks({ load: hooks.load });
else nodeModule.register('./hooks.mjs', import.meta.url);
