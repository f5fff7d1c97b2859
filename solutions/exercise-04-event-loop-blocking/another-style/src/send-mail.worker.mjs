// Sends one mail with the blocking mailer, on this thread only, and says so.
import { parentPort, workerData } from 'node:worker_threads';
import { LegacyMailer } from './legacy-mailer.mjs';

const { messageId } = new LegacyMailer(workerData.mailboxFile).sendSync(workerData.message);
parentPort.postMessage({ messageId });
