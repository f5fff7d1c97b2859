// `node --import ./record-modules.mjs …` (spawned with an IPC channel): reports
// every module the process resolves (ESM imports and CommonJS requires) to the
// test that started it, so that it can tell what starting the app loaded.
import Module, { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const record = (url) => process.send?.({ resolved: url });

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
