// Runs graded TypeScript as a process of its own, under the same sandbox as
// the graders' workers. Node 20's permission model loads no native addon, so
// SWC cannot compile inside the sandbox: the files are compiled here, outside
// it, and the sandboxed process only reads JavaScript.
import type { ChildProcess } from 'node:child_process';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clearTimer, deferred, setTimer } from '@kit/measure';
import { transform } from '@swc/core';
import { sandboxFlags } from './sandbox.ts';

const hooks = fileURLToPath(new URL('./app-process-hooks.mjs', import.meta.url));

/**
 * Compiles every `.ts` file of `sourceDir` into `outDir` (same names, same
 * layout) and returns the Node arguments that run `entry` from there: in the
 * sandbox when `writableDir` is given, with bare imports resolved from
 * `packageDir` (the exercise's dependencies).
 *
 * @example
 * const args = await appProcessArgs({ sourceDir, outDir, packageDir, entry: 'main.ts', writableDir });
 * spawn(process.execPath, args);
 */
export async function appProcessArgs(options: {
  readonly sourceDir: string;
  readonly outDir: string;
  readonly packageDir: string;
  readonly entry: string;
  readonly writableDir?: string | undefined;
}): Promise<string[]> {
  for (const entry of await readdir(options.sourceDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = join(entry.parentPath, entry.name);
    const to = join(options.outDir, relative(options.sourceDir, from));
    await mkdir(dirname(to), { recursive: true });
    if (!entry.name.endsWith('.ts')) {
      await cp(from, to);
      continue;
    }
    const { code } = await transform(await readFile(from, 'utf8'), {
      filename: from,
      module: { type: 'es6' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
    });
    await writeFile(to, code);
  }
  const hooksUrl = pathToFileURL(hooks).href;
  const data = {
    root: pathToFileURL(options.outDir).href,
    packageUrl: pathToFileURL(join(options.packageDir, 'package.json')).href,
  };
  return [
    ...(options.writableDir ? sandboxFlags(options.writableDir) : []),
    '--import',
    `data:text/javascript,${encodeURIComponent(registerHooksSource(hooksUrl, data))}`,
    join(options.outDir, options.entry),
  ];
}

/** The `--import` module that installs the hooks, in this thread where Node can (22.15+). */
function registerHooksSource(hooksUrl: string, data: object): string {
  const [url, json] = [JSON.stringify(hooksUrl), JSON.stringify(data)];
  return [
    `import * as nodeModule from 'node:module';`,
    `if (nodeModule.registerHooks) {`,
    `  const hooks = await import(${url});`,
    `  hooks.initialize(${json});`,
    `  nodeModule.registerHooks({ resolve: hooks.resolve, load: hooks.load });`,
    `} else nodeModule.register(${url}, { data: ${json} });`,
  ].join('\n');
}

/**
 * The port a child process announces on its stdout, the first capture of
 * `pattern`; or why there is none: it exited first, or said nothing within `ms`.
 *
 * @example
 * const port = await announcedPort(child, /listening (\d+)/, 10_000);
 * if (typeof port === 'string') throw new Error(`the fake servers did not start: ${port}`);
 */
export function announcedPort(
  child: ChildProcess,
  pattern: RegExp,
  ms: number,
): Promise<number | string> {
  const port = deferred<number | string>();
  const timer = setTimer(
    () => port.resolve(`it printed no line matching ${pattern} within ${ms / 1000} s`),
    ms,
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    const match = pattern.exec(chunk.toString());
    if (match) port.resolve(Number(match[1]));
  });
  child.once('exit', (code, signal) =>
    port.resolve(`it exited (code ${code}, signal ${signal}) before it listened`),
  );
  return port.promise.finally(() => clearTimer(timer));
}
