// A worker thread's entry point. It is plain JavaScript because Node runs it
// directly, outside the TypeScript tooling.
//
// TODO (hint 4): take the mailbox file and the message from `workerData`
// (node:worker_threads), send the message with LegacyMailer.sendSync, and let
// the main thread know it is done. Blocking here blocks only this thread.
