// Freezes JavaScript's built-ins, so that graded code, which shares one realm
// with the code that measures it, cannot change what the toolkit, MSW,
// supertest or `expect` compute (`Math.max = () => 3`, `Array.prototype.filter
// = …`, `JSON.stringify = …`, `globalThis.Map = …`). The same idea as SES's
// `lockdown()`, which the kit cannot use as it is: lockdown removes every
// property it does not know from the intrinsics, reflect-metadata's among them,
// and NestJS needs those.

/** The ECMAScript globals: each is frozen, and its binding on `globalThis` made read-only. */
const INTRINSIC_GLOBALS = [
  'AggregateError',
  'Array',
  'ArrayBuffer',
  'Atomics',
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  'Boolean',
  'DataView',
  'Date',
  'decodeURI',
  'decodeURIComponent',
  'encodeURI',
  'encodeURIComponent',
  'Error',
  'escape',
  'eval',
  'EvalError',
  'FinalizationRegistry',
  'Float32Array',
  'Float64Array',
  'Function',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Intl',
  'isFinite',
  'isNaN',
  'Iterator',
  'JSON',
  'Map',
  'Math',
  'Number',
  'Object',
  'parseFloat',
  'parseInt',
  'Promise',
  'Proxy',
  'RangeError',
  'ReferenceError',
  'Reflect',
  'RegExp',
  'Set',
  'SharedArrayBuffer',
  'String',
  'Symbol',
  'SyntaxError',
  'TypeError',
  'Uint8Array',
  'Uint8ClampedArray',
  'Uint16Array',
  'Uint32Array',
  'unescape',
  'URIError',
  'WeakMap',
  'WeakRef',
  'WeakSet',
] as const;

/** Intrinsics no global names: reached through an instance. */
function hiddenIntrinsics(): object[] {
  const proto = Object.getPrototypeOf;
  const generator = function* () {};
  const asyncGenerator = async function* () {};
  const arrayIterator = proto([][Symbol.iterator]());
  return [
    proto(async () => {}),
    proto(generator),
    proto(asyncGenerator),
    proto(generator.prototype),
    proto(asyncGenerator.prototype),
    arrayIterator,
    proto(arrayIterator),
    proto(new Map()[Symbol.iterator]()),
    proto(new Set()[Symbol.iterator]()),
    proto(''[Symbol.iterator]()),
    proto(/a/[Symbol.matchAll]('a')),
    proto(Uint8Array),
  ];
}

/**
 * Every writable data property of an intrinsic becomes an accessor before it
 * is frozen, so that three kinds of assignment do what they should:
 * - to the built-in itself (`Math.max = () => 3`): refused, naming the built-in;
 * - of the value it already has (a library's `Object.hasOwn = Object.hasOwn || …`
 *   polyfill): no change, so no error;
 * - on an object that only inherits the property (`this.name = 'MyError'`,
 *   `Foo.prototype.toString = …`): defines it on that object, as it would have
 *   without the freeze (JavaScript's "override mistake", which SES's override
 *   taming also repairs).
 */
function guardProperty(owner: object, key: PropertyKey, names: Map<object, string>): void {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (!descriptor || !('value' in descriptor) || !descriptor.writable || !descriptor.configurable)
    return;
  const { value, enumerable } = descriptor;
  // Methods, not functions: they have no `prototype` of their own to freeze and guard in turn.
  Object.defineProperty(owner, key, {
    get() {
      return value;
    },
    set(this: unknown, replacement: unknown) {
      if (replacement === value) return;
      const isObject = (typeof this === 'object' && this !== null) || typeof this === 'function';
      if (this === owner || !isObject) {
        throw new TypeError(
          `Cannot assign to read only property '${String(key)}' of built-in ${names.get(owner) ?? 'object'}`,
        );
      }
      Object.defineProperty(this as object, key, {
        value: replacement,
        writable: true,
        enumerable,
        configurable: true,
      });
    },
    enumerable,
    configurable: false,
  });
}

/** Freezes `root` and everything reachable from it: prototypes, properties, accessors. */
function deepFreeze(root: object, frozen: Set<object>, names: Map<object, string>): void {
  const pending: object[] = [root];
  while (pending.length > 0) {
    const current = pending.pop() as object;
    if (frozen.has(current)) continue;
    frozen.add(current);
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      for (const next of [descriptor?.value, descriptor?.get, descriptor?.set]) {
        if ((typeof next === 'object' && next !== null) || typeof next === 'function')
          pending.push(next);
      }
      if (!(current === Error && ERROR_WRITABLE.has(key))) guardProperty(current, key, names);
    }
    const proto = Object.getPrototypeOf(current);
    if (proto) pending.push(proto);
    freezeOne(current);
  }
}

/** V8 reads these as data properties of `Error`; Node and test runners set them. */
const ERROR_WRITABLE = new Set<PropertyKey>(['stackTraceLimit', 'prepareStackTrace']);

/**
 * `Object.freeze`, except for what V8 and Node write to on purpose: the
 * `Error` constructor keeps `stackTraceLimit` and `prepareStackTrace` writable
 * (V8 reads them as data; Node and test runners set them), and nothing else.
 */
function freezeOne(target: object): void {
  if (target !== Error) {
    Object.freeze(target);
    return;
  }
  for (const key of Reflect.ownKeys(Error)) {
    const descriptor = Object.getOwnPropertyDescriptor(Error, key);
    if (descriptor) Object.defineProperty(Error, key, { ...descriptor, configurable: false });
  }
  Object.preventExtensions(Error);
}

let done = false;

/**
 * Freezes every intrinsic of this realm and makes the intrinsics' global
 * bindings read-only. Code that adds to an intrinsic on purpose
 * (reflect-metadata adds to `Reflect`) must load before; once per realm.
 *
 * @example
 * import 'reflect-metadata';
 * freezeIntrinsics();
 * Math.max = () => 3; // TypeError: Cannot assign to read only property 'max' of object '[object Math]'
 */
export function freezeIntrinsics(): void {
  if (done) return;
  done = true;
  // Set before the walk, so that it stays a writable data property of a non-extensible Error.
  if (!Object.hasOwn(Error, 'prepareStackTrace'))
    Object.defineProperty(Error, 'prepareStackTrace', { value: undefined, writable: true });
  const frozen = new Set<object>();
  const named = namedIntrinsics().filter(([name]) => name !== 'globalThis');
  const names = new Map(named.map(([name, value]) => [value, name]));
  for (const root of [...named.map(([, value]) => value), ...hiddenIntrinsics()])
    deepFreeze(root, frozen, names);
  // The global bindings too: `globalThis.Map = FakeMap` is refused, `globalThis.Map = Map` is no change.
  const globalNames = new Map<object, string>([[globalThis, 'globalThis']]);
  for (const name of INTRINSIC_GLOBALS)
    if (name in globalThis) guardProperty(globalThis, name, globalNames);
}

/** Where graded code is most likely to reach: the names the report can give a changed property. */
function namedIntrinsics(): Array<[string, object]> {
  const named: Array<[string, object]> = [['globalThis', globalThis]];
  for (const name of INTRINSIC_GLOBALS) {
    const value = (globalThis as Record<string, unknown>)[name];
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    named.push([name, value]);
    const prototype = (value as { prototype?: unknown }).prototype;
    // Function.prototype is itself a function.
    if ((typeof prototype === 'object' && prototype !== null) || typeof prototype === 'function')
      named.push([`${name}.prototype`, prototype]);
  }
  return named;
}

const FROZEN_WRITE =
  /^Cannot (?:assign to read only property '([^']+)' of |add property ([^,]+), object is not extensible|redefine property: (\S+)|delete property '([^']+)' of |define property ([^,]+), object is not extensible)/;

/**
 * The built-in that graded code tried to change, when `error` is the
 * TypeError a frozen intrinsic throws: `Math.max`, `Array.prototype.filter`,
 * `globalThis.JSON`. Undefined for any other error.
 *
 * @example
 * changedBuiltIn(new TypeError("Cannot assign to read only property 'max' of object '[object Math]'"));
 * // → 'Math.max'
 */
export function changedBuiltIn(error: unknown): string | undefined {
  if (!(error instanceof TypeError)) return undefined;
  const match = FROZEN_WRITE.exec(error.message);
  if (!match) return undefined;
  const property = match.slice(1).find((group) => group !== undefined) ?? '';
  // An assignment the override taming refused names its built-in itself.
  const ownName = / of built-in (\S+)$/.exec(error.message)?.[1];
  if (ownName) return `${ownName}.${property}`;
  const owners = namedIntrinsics().filter(([, value]) =>
    Reflect.ownKeys(value).some((key) => String(key) === property),
  );
  // V8 describes the object: `[object Math]`, `[object Array]` (Array.prototype), `function Promise()…`.
  const tag = /of object '\[object (\w+)\]'/.exec(error.message)?.[1];
  const constructorName = /of function 'function (\w*)\(\)/.exec(error.message)?.[1];
  const described = owners.find(([name]) =>
    tag !== undefined
      ? name === tag || name === `${tag}.prototype`
      : constructorName !== undefined &&
        name === (constructorName === '' ? 'Function.prototype' : constructorName),
  );
  const owner = described ?? owners[0];
  return owner ? `${owner[0]}.${property}` : `a new property "${property}" on a built-in`;
}
