// `node --import ./exit-with-parent.mjs …` (spawned with an IPC channel): a
// process started by a test ends when the test process goes away, however it
// goes, since the channel then disconnects.
process.on('disconnect', () => process.exit(70));
process.channel?.unref();
