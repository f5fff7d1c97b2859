import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import busboy from 'busboy';

/** An upload saved whole on disk, in a folder of its own named by a random id. */
export interface SavedUpload {
  readonly jobId: string;
  readonly file: string;
  /** The client's name for the file: shown, never used as a path. */
  readonly fileName: string;
  readonly bytes: number;
}

const CSV_TYPES = new Set(['text/csv', 'application/csv', 'application/vnd.ms-excel']);
/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
const SEND_A_FILE = 'Send the CSV file as multipart/form-data in a field named "file".';

/** The file a job reads, inside the job's own folder. */
export function uploadFile(jobsDir: string, jobId: string): string {
  return join(jobsDir, jobId, 'orders.csv');
}

/**
 * Streams the `file` field of a multipart upload to disk, chunk by chunk,
 * so that a file of any size costs the process a few buffers. A body that
 * is not multipart, has no `file` field or carries no CSV is refused; one
 * over `maxBytes` is refused as soon as it is known (from `Content-Length`,
 * or when the streamed file passes the limit), the rest of its body is never
 * read, and its partial file is removed.
 *
 * @example
 * const { jobId, file } = await saveUpload(request, response, { jobsDir, maxBytes: 1 << 20 });
 */
export async function saveUpload(
  request: IncomingMessage,
  response: ServerResponse,
  limits: { jobsDir: string; maxBytes: number },
): Promise<SavedUpload> {
  if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new BadRequestException(SEND_A_FILE);
  }
  const tooLarge = () =>
    new PayloadTooLargeException(
      `The file is larger than the ${limits.maxBytes} bytes this server accepts (UPLOAD_MAX_BYTES).`,
    );
  if (Number(request.headers['content-length']) > limits.maxBytes + MULTIPART_OVERHEAD_BYTES) {
    stopReading(request, response);
    throw tooLarge();
  }
  const jobId = randomUUID();
  const file = uploadFile(limits.jobsDir, jobId);
  await mkdir(join(limits.jobsDir, jobId), { recursive: true });
  try {
    return await receive(request, response, { ...limits, jobId, file, tooLarge });
  } catch (error) {
    await rm(join(limits.jobsDir, jobId), { recursive: true, force: true });
    throw error;
  }
}

function receive(
  request: IncomingMessage,
  response: ServerResponse,
  upload: { maxBytes: number; jobId: string; file: string; tooLarge: () => HttpException },
): Promise<SavedUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { fileSize: upload.maxBytes, files: 1 },
      });
    } catch (error) {
      reject(
        new BadRequestException(`The upload is not valid multipart/form-data: ${String(error)}`),
      );
      return;
    }
    let saving: Promise<SavedUpload> | undefined;
    let fileStream: Readable | undefined;
    let failed = false;
    const fail = (error: HttpException) => {
      if (failed) return;
      failed = true;
      request.unpipe(parser);
      stopReading(request, response);
      fileStream?.destroy();
      // The caller removes the job's folder: only once the file is closed, so nothing reappears.
      const closed = saving?.then(noop, noop) ?? Promise.resolve();
      void closed.then(() => reject(error));
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || saving) {
        stream.resume();
        return;
      }
      const fileName = info.filename ?? 'orders.csv';
      if (!CSV_TYPES.has(info.mimeType) && extname(fileName).toLowerCase() !== '.csv') {
        stream.resume();
        fail(
          new UnsupportedMediaTypeException(`Only CSV files are processed, not ${info.mimeType}.`),
        );
        return;
      }
      fileStream = stream;
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.on('limit', () => fail(upload.tooLarge()));
      saving = pipeline(stream, createWriteStream(upload.file)).then(() => ({
        jobId: upload.jobId,
        file: upload.file,
        fileName,
        bytes,
      }));
      saving.catch(() => fail(new BadRequestException('The upload was cut off.')));
    });
    parser.on('error', (error: Error) =>
      fail(
        new BadRequestException(`The upload is not valid multipart/form-data: ${error.message}`),
      ),
    );
    parser.on('close', () => {
      if (failed) return;
      if (!saving) {
        fail(new BadRequestException(SEND_A_FILE));
        return;
      }
      saving.then(resolve, noop);
    });
    request.on('aborted', () => fail(new BadRequestException('The upload was cut off.')));
    request.pipe(parser);
  });
}

function noop(): void {}

/**
 * Reads no more of the request: once the answer has gone out, the connection
 * is closed instead of being drained for reuse (which would read the whole body).
 */
function stopReading(request: IncomingMessage, response: ServerResponse): void {
  request.pause();
  response.setHeader('connection', 'close');
  response.once('finish', () => request.socket.end());
}
