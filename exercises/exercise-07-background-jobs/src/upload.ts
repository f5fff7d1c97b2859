import type { IncomingMessage } from 'node:http';
import { BadRequestException } from '@nestjs/common';
import busboy from 'busboy';

/** A file taken from a multipart upload. */
export interface Upload {
  /** The client's name for the file. */
  readonly fileName: string;
  readonly content: Buffer;
}

const SEND_A_FILE = 'Send the CSV file as multipart/form-data in a field named "file".';

/**
 * Reads the `file` field of a multipart upload.
 *
 * TODO (hints 4 and 5): this keeps the whole file in memory, however large. Stream it to a
 * file in the jobs folder instead (`jobsDir()` from settings.ts), in a folder
 * named by a random id, and refuse what is not a CSV (415) or is over
 * `maxUploadBytes()` (413, before the rest of the body is read, with the
 * partial file removed).
 */
export function readUpload(request: IncomingMessage): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers });
    } catch {
      reject(new BadRequestException(SEND_A_FILE));
      return;
    }
    let upload: Upload | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        upload = { fileName: info.filename ?? 'orders.csv', content: Buffer.concat(chunks) };
      });
    });
    parser.on('error', (error: Error) => reject(new BadRequestException(error.message)));
    parser.on('close', () =>
      upload ? resolve(upload) : reject(new BadRequestException(SEND_A_FILE)),
    );
    request.pipe(parser);
  });
}
