import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import busboy from 'busboy';

/** A file taken from a multipart upload, whole, in memory: uploads are capped small. */
export interface Upload {
  readonly name: string;
  readonly content: Buffer;
}

const TEXT_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
]);
const TEXT_EXTENSIONS = new Set(['.csv', '.txt']);
/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

const SEND_A_FILE = 'Send the file as multipart/form-data in a field named "file".';

/**
 * Reads the `file` field of a multipart upload as it streams in, on Express
 * and Fastify alike (it reads the Node request itself). Too large is refused
 * before the body is read: at once when `Content-Length` says so, and as soon
 * as a streamed body passes the limit; then the rest of the body is never
 * read, the connection is closed after the answer, and nothing is kept.
 *
 * @example
 * const { name, content } = await readUpload(request, response, { maxBytes: 1024 * 1024 });
 */
export function readUpload(
  request: IncomingMessage,
  response: ServerResponse,
  limits: { maxBytes: number },
): Promise<Upload> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(new BadRequestException(SEND_A_FILE));
  }
  const tooLarge = () =>
    new PayloadTooLargeException(
      `The file is larger than the ${limits.maxBytes} bytes this server accepts (MAX_UPLOAD_BYTES).`,
    );
  const declared = Number(request.headers['content-length']);
  if (declared > limits.maxBytes + MULTIPART_OVERHEAD_BYTES) {
    stopReading(request, response);
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: { fileSize: limits.maxBytes, files: 1 },
      });
    } catch (error) {
      reject(
        new BadRequestException(`The upload is not valid multipart/form-data: ${String(error)}`),
      );
      return;
    }
    let upload: Upload | undefined;
    let settled = false;
    const fail = (error: HttpException) => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      stopReading(request, response);
      reject(error);
    };
    parser.on('file', (field, file, info) => {
      if (field !== 'file') {
        file.resume();
        return;
      }
      const isText =
        TEXT_TYPES.has(info.mimeType) ||
        TEXT_EXTENSIONS.has(extname(info.filename ?? '').toLowerCase());
      if (!isText) {
        fail(
          new UnsupportedMediaTypeException(
            `Only CSV or plain text files are processed, not ${info.mimeType}.`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      file.on('data', (chunk: Buffer) => chunks.push(chunk));
      file.on('limit', () => fail(tooLarge()));
      file.on('end', () => {
        upload = { name: info.filename || 'upload.txt', content: Buffer.concat(chunks) };
      });
    });
    parser.on('error', (error: Error) =>
      fail(
        new BadRequestException(`The upload is not valid multipart/form-data: ${error.message}`),
      ),
    );
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (upload) resolve(upload);
      else reject(new BadRequestException(SEND_A_FILE));
    });
    request.on('aborted', () => fail(new BadRequestException('The upload was cut off.')));
    request.pipe(parser);
  });
}

/**
 * Reads no more of the request: once the answer has gone out, the connection
 * is closed instead of being drained for reuse (which would read the whole body).
 */
function stopReading(request: IncomingMessage, response: ServerResponse): void {
  request.pause();
  response.setHeader('connection', 'close');
  response.once('finish', () => request.socket.end());
}
