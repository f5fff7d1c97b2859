import { clearTimer, kitFetch, now, setTimer, wait } from './intrinsics.ts';
/** One NDJSON line or SSE event, with the time it arrived at the client. */
export interface Arrival<T> {
  readonly value: T;
  readonly at: number;
}

/** A Server-Sent Event as the client sees it. */
export interface ServerSentEvent {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

export interface StreamRecording {
  readonly status: number;
  readonly contentType: string;
  /** Complete lines (NDJSON) in arrival order; empty lines are kept out. */
  readonly lines: Arrival<string>[];
  /** Complete events (SSE) in arrival order. */
  readonly events: Arrival<ServerSentEvent>[];
  /** Everything received, as text. */
  readonly text: string;
  /** The client stopped reading and aborted the request. */
  readonly aborted: boolean;
}

export interface RecordStreamOptions {
  /** The clock arrivals are measured on; by default ms since the request was sent. */
  readonly clock?: () => number;
  /** Abort the request once this returns true (checked after each chunk). */
  readonly stopWhen?: (recording: StreamRecording) => boolean;
  /** Give up after this long (the recording so far is returned, marked aborted). */
  readonly timeoutMs?: number;
}

/**
 * Requests `url` with `fetch` and records when each NDJSON line and each SSE
 * event arrives, chunk by chunk, so a grader can tell a stream from a
 * response sent all at once.
 *
 * @example
 * const recording = await recordStream(`${baseUrl}/rows?count=5&delayMs=100`);
 * recording.lines.map((line) => line.at); // ≈ [100, 200, 300, 400, 500]
 */
export async function recordStream(
  url: string,
  options: RecordStreamOptions = {},
): Promise<StreamRecording> {
  const origin = now();
  const clock = options.clock ?? (() => now() - origin);
  const controller = new AbortController();
  const timer = options.timeoutMs
    ? setTimer(() => controller.abort(), options.timeoutMs)
    : undefined;
  const recording = {
    status: 0,
    contentType: '',
    lines: [] as Arrival<string>[],
    events: [] as Arrival<ServerSentEvent>[],
    text: '',
    aborted: false,
  };
  try {
    const response = await kitFetch(url, { signal: controller.signal });
    recording.status = response.status;
    recording.contentType = response.headers.get('content-type') ?? '';
    if (!response.body) return recording;
    const decoder = new TextDecoder();
    let lineBuffer = '';
    let eventBuffer = '';
    for await (const chunk of response.body) {
      const at = clock();
      const text = decoder.decode(chunk, { stream: true });
      recording.text += text;
      lineBuffer += text;
      // EventSource ends a line at CRLF, LF or CR alike (a CR that ends a chunk waits for its LF).
      eventBuffer = `${eventBuffer}${text}`.replace(/\r\n|\r(?=.)/gs, '\n');
      const lines = lineBuffer.split('\n');
      lineBuffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') recording.lines.push({ value: line, at });
      const blocks = eventBuffer.split('\n\n');
      eventBuffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = parseSseEvent(block);
        if (event) recording.events.push({ value: event, at });
      }
      if (options.stopWhen?.(recording)) {
        recording.aborted = true;
        controller.abort();
        break;
      }
    }
    if (lineBuffer.trim() !== '') recording.lines.push({ value: lineBuffer, at: clock() });
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    recording.aborted = true;
  } finally {
    clearTimer(timer);
  }
  return recording;
}

/**
 * Parses one SSE event block (the lines between two blank lines) as
 * `EventSource` does: a block without a `data` field (comments, or `event:`
 * alone) dispatches no event and gives undefined, as a browser never
 * delivers it.
 *
 * @example
 * parseSseEvent('id: 1\ndata: {"n":1}'); // { id: '1', event: 'message', data: '{"n":1}' }
 * parseSseEvent('event: end'); // undefined: no data, no event in a browser
 */
export function parseSseEvent(block: string): ServerSentEvent | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return id === undefined ? { event, data: data.join('\n') } : { id, event, data: data.join('\n') };
}

/** What a client that stalled and then read on received. */
export interface StalledReading {
  readonly status: number;
  /** The whole body, once the client read on to its end (or gave up at the time limit). */
  readonly text: string;
  /** Whether the response ended by itself before the time limit. */
  readonly ended: boolean;
  /** Whether it was given up because nothing came for `idleMs` after the client read on. */
  readonly idle: boolean;
  /** Whether the server closed the connection before the body's end (`fetch` says "terminated"). */
  readonly cutOff: boolean;
}

/**
 * A client that reads the first chunk of a response, then stops reading for
 * `pause` ms (or until `pause()` settles) without closing the connection (what
 * a slow consumer looks like to a server), then calls `atResume` and reads on
 * to the end: a server that
 * held back must still deliver everything. The request is aborted after
 * `timeoutMs` if the body has not ended by then, or once nothing came for
 * `idleMs` after the client read on: a busy machine slows a server that keeps
 * sending, which then gets the time it needs, up to `timeoutMs`.
 *
 * @example
 * const reading = await stallThenReadAll(`${baseUrl}/rows?count=20000&delayMs=0`, 800, () => {
 *   producedWhileStalled = stats.produced; // a server that respects backpressure stopped long before 20000
 * });
 * reading.text.split('\n').length; // and every row still arrives
 */
export async function stallThenReadAll(
  url: string,
  pause: number | (() => Promise<unknown>),
  atResume: () => void,
  { timeoutMs = 15_000, idleMs = Number.POSITIVE_INFINITY } = {},
): Promise<StalledReading> {
  const controller = new AbortController();
  const timer = setTimer(() => controller.abort(), timeoutMs);
  let idle = false;
  let idleTimer: ReturnType<typeof setTimer> | undefined;
  const stillSending = () => {
    if (idleTimer !== undefined) clearTimer(idleTimer);
    if (idleMs === Number.POSITIVE_INFINITY) return;
    idleTimer = setTimer(() => {
      idle = true;
      controller.abort();
    }, idleMs);
  };
  const decoder = new TextDecoder();
  let text = '';
  let status = 0;
  try {
    const response = await kitFetch(url, { signal: controller.signal });
    status = response.status;
    const reader = response.body?.getReader();
    if (!reader) return { status, text, ended: true, idle, cutOff: false };
    const first = await reader.read();
    if (first.value) text += decoder.decode(first.value, { stream: true });
    await (typeof pause === 'number' ? wait(pause) : pause());
    atResume();
    stillSending();
    for (let chunk = first; !chunk.done; ) {
      chunk = await reader.read();
      stillSending();
      if (chunk.value) text += decoder.decode(chunk.value, { stream: true });
    }
    return { status, text, ended: true, idle, cutOff: false };
  } catch (error) {
    if (controller.signal.aborted) return { status, text, ended: false, idle, cutOff: false };
    // The body had begun: the server dropped the connection, which is a finding, not a crash.
    if (status !== 0) return { status, text, ended: false, idle, cutOff: true };
    throw error;
  } finally {
    clearTimer(timer);
    if (idleTimer !== undefined) clearTimer(idleTimer);
    controller.abort();
  }
}

/**
 * A client that reads the first chunk of a response, stops reading for
 * `pauseMs` without closing the connection, so that a server that respects
 * backpressure is left waiting for `'drain'`, then goes away: the moment a
 * server that looks for a closed connection only between two writes misses.
 *
 * @example
 * await stallThenLeave(`${baseUrl}/rows?count=20000&delayMs=0`, 800);
 * await sleep(400);
 * stats.closed; // true: the server stopped its query though no write came back
 */
export async function stallThenLeave(url: string, pauseMs: number): Promise<{ status: number }> {
  const controller = new AbortController();
  try {
    const response = await kitFetch(url, { signal: controller.signal });
    await response.body?.getReader().read();
    await wait(pauseMs);
    return { status: response.status };
  } finally {
    controller.abort();
  }
}
