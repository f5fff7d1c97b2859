import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
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

const SEND_A_FILE = 'Send the CSV file as multipart/form-data in a field named "file".';

/** The file a job reads, inside the job's own folder. */
export function uploadFile(jobsDir: string, jobId: string): string {
  return join(jobsDir, jobId, 'orders.csv');
}

/**
 * Streams the `file` field of a multipart upload to `<jobsDir>/<random id>/`,
 * counting its bytes on the way: past `maxBytes` the copy fails at once, the
 * rest of the body is never read, and the job's folder goes. Any refusal
 * leaves nothing on disk.
 */
export async function saveUpload(
  request: IncomingMessage,
  response: ServerResponse,
  limits: { jobsDir: string; maxBytes: number },
): Promise<SavedUpload> {
  const form = multipartParser(request);
  const jobId = randomUUID();
  const folder = join(limits.jobsDir, jobId);
  const file = uploadFile(limits.jobsDir, jobId);
  const formRead = new Promise<void>((resolve, reject) => {
    form.once('close', resolve);
    form.once('error', reject);
  });
  request.pipe(form);
  try {
    const part = await firstPartNamedFile(form);
    const fileName = part.info.filename ?? 'orders.csv';
    if (!isCsv(part.info.mimeType, fileName)) {
      part.stream.resume();
      throw new UnsupportedMediaTypeException(
        `Only CSV files are processed, not ${part.info.mimeType}.`,
      );
    }
    await mkdir(folder);
    const counter = byteCounter(limits.maxBytes);
    await pipeline(part.stream, counter, createWriteStream(file));
    await formRead;
    return { jobId, file, fileName, bytes: counter.bytes };
  } catch (error) {
    request.unpipe(form);
    refuseTheRest(request, response);
    await rm(folder, { recursive: true, force: true });
    throw error instanceof HttpException
      ? error
      : new BadRequestException(`The upload was cut off: ${String(error)}`);
  }
}

function multipartParser(request: IncomingMessage): busboy.Busboy {
  if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) {
    throw new BadRequestException(SEND_A_FILE);
  }
  try {
    return busboy({ headers: request.headers, limits: { files: 1 } });
  } catch (error) {
    throw new BadRequestException(`The upload is not valid multipart/form-data: ${String(error)}`);
  }
}

interface FilePart {
  readonly stream: Readable;
  readonly info: busboy.FileInfo;
}

/** The first file in the field `file`; other fields' files are skipped, and none at all is a 400. */
function firstPartNamedFile(form: busboy.Busboy): Promise<FilePart> {
  return new Promise((resolve, reject) => {
    form.on('file', (field, stream, info) => {
      if (field === 'file') resolve({ stream, info });
      else stream.resume();
    });
    form.once('close', () => reject(new BadRequestException(SEND_A_FILE)));
    form.once('error', (error: Error) =>
      reject(
        new BadRequestException(`The upload is not valid multipart/form-data: ${error.message}`),
      ),
    );
  });
}

function isCsv(mimeType: string, fileName: string): boolean {
  return mimeType === 'text/csv' || extname(fileName).toLowerCase() === '.csv';
}

/** Passes the bytes through, and fails with a 413 as soon as there are more than `maxBytes`. */
function byteCounter(maxBytes: number): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      if (counter.bytes > maxBytes) {
        done(
          new PayloadTooLargeException(
            `The file is larger than the ${maxBytes} bytes this server accepts (UPLOAD_MAX_BYTES).`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}

/** The answer goes out with `Connection: close`, and the socket ends once it has: the body is not drained. */
function refuseTheRest(request: IncomingMessage, response: ServerResponse): void {
  request.pause();
  response.setHeader('connection', 'close');
  response.once('finish', () => request.socket.end());
}
