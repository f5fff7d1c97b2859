// `node --import <this file> app/main.ts`: runs a NestJS app written in TypeScript.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
