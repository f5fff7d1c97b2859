/**
 * One fake upstream endpoint as plain Fetch API code: the same answers serve
 * the graders through MSW (`./index.ts`) and the running app over real HTTP
 * (`./server.ts`), which loads neither MSW nor a test framework.
 */
export interface FakeRoute {
  readonly method: 'GET';
  /** The API's base URL, e.g. `https://api.weather.test`. */
  readonly baseUrl: string;
  /** A path pattern whose `:name` segments match one path segment each, e.g. `/items/:id`. */
  readonly path: string;
  answer(request: Request, params: Readonly<Record<string, string>>): Promise<Response>;
}

/** The `:name` segments of `pattern` in `pathname`, or undefined when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const wanted = pattern.split('/');
  const actual = pathname.split('/');
  if (wanted.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return params;
}
