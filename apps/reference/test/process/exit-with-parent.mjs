// `node --import ./exit-with-parent.mjs …`: a process started by a test ends
// when the test process goes away, however it goes (its stdin pipe closes).
process.stdin.on('end', () => process.exit(70));
process.stdin.on('data', () => {});
