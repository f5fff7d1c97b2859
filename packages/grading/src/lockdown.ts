// The first setup file of every grader: JavaScript's built-ins are frozen
// before any graded module loads (see freeze.ts). reflect-metadata, which adds
// to `Reflect` for NestJS, loads first.
import 'reflect-metadata';
import { freezeIntrinsics } from './freeze.ts';

freezeIntrinsics();
