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
      eventBuffer += text;
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

/** Parses one SSE event block (the lines between two blank lines); comments alone give undefined. */
export function parseSseEvent(block: string): ServerSentEvent | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  let sawField = false;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    sawField = true;
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (!sawField) return undefined;
  return id === undefined ? { event, data: data.join('\n') } : { id, event, data: data.join('\n') };
}

/**
 * A client that reads the first chunk of a response and then stops reading
 * for `pauseMs` without closing the connection: what a slow consumer looks
 * like to a server. The request is aborted afterwards.
 *
 * @example
 * await stallAfterFirstChunk(`${baseUrl}/rows?count=20000&delayMs=0`, 800);
 * stats.produced; // a server that respects backpressure stopped long before 20000
 */
export async function stallAfterFirstChunk(
  url: string,
  pauseMs: number,
): Promise<{ status: number }> {
  const controller = new AbortController();
  try {
    const response = await kitFetch(url, { signal: controller.signal });
    const reader = response.body?.getReader();
    await reader?.read();
    await wait(pauseMs);
    return { status: response.status };
  } finally {
    controller.abort();
  }
}
