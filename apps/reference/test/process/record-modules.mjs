// `node --import ./record-modules.mjs …`: appends every module the process
// resolves (ESM imports and CommonJS requires) to $KIT_MODULES_FILE, so a test
// can tell what starting the app loaded.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const file = process.env.KIT_MODULES_FILE;
const record = (url) => appendFileSync(file, `${url}\n`);

const { port1, port2 } = new MessageChannel();
port1.on('message', record);
port1.unref();
register('./record-modules.hooks.mjs', import.meta.url, {
  data: { port: port2 },
  transferList: [port2],
});

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function recordRequire(...args) {
  const resolved = resolveFilename.apply(this, args);
  record(resolved);
  return resolved;
};
