import { Injectable } from '@nestjs/common';

/**
 * TODO (hints 3 and 6): the background jobs live here.
 * - a job per saved upload: a random id, its state (`queued`, `running`,
 *   `completed`, `failed`), the rows done, its result or error;
 * - at most `jobsConcurrency()` jobs running, the others waiting in upload order;
 * - each job reads its file as a stream through csv-parse into `summarizeOrders`;
 * - every state on disk, so that a new instance on the same folder finishes
 *   what a closed one left, and never runs a finished job twice;
 * - on shutdown (`onModuleDestroy`): start nothing more, and stop or finish
 *   the running jobs.
 */
@Injectable()
export class JobsService {}
