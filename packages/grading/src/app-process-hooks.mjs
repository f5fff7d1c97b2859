// Node module hooks for an app compiled by app-process.ts: its `.ts` files
// already hold JavaScript, and its bare imports resolve from the exercise's
// package, whose node_modules the compiled copy does not sit beside.
// They serve `registerHooks` (Node 22.15+, synchronous, in the app's thread)
// and `register` (Node 20, asynchronous, deprecated on Node 26) alike.
let root = '';
let packageUrl = '';

export function initialize(data) {
  root = data.root;
  packageUrl = data.packageUrl;
}

export function resolve(specifier, context, nextResolve) {
  const bare = !/^(\.{0,2}\/|[a-z]+:)/.test(specifier);
  if (bare && context.parentURL?.startsWith(root)) {
    return nextResolve(specifier, { ...context, parentURL: packageUrl });
  }
  return nextResolve(specifier, context);
}

const asModule = (loaded) => ({ ...loaded, format: 'module', shortCircuit: true });

export function load(url, context, nextLoad) {
  if (url.startsWith(root) && url.endsWith('.ts')) {
    const loaded = nextLoad(url, { ...context, format: 'module' });
    return typeof loaded.then === 'function' ? loaded.then(asModule) : asModule(loaded);
  }
  return nextLoad(url, context);
}
