// A worker thread's entry point. It is plain JavaScript because Node runs it
// directly, outside the TypeScript tooling.
import { workerData } from 'node:worker_threads';
import { LegacyMailer } from './legacy-mailer.mjs';

// Blocking here blocks only this thread; the worker exits (code 0) once the mail is sent,
// and with a non-zero code if sendSync throws.
new LegacyMailer(workerData.mailboxFile).sendSync(workerData.message);
