import { RowsController } from '@kit/solution-03-streamed-responses/rows.controller.ts';
import { AddController } from '@kit/solution-04-event-loop-blocking/add.controller.ts';
import { z } from 'zod';
import { anyNumber, declareInput, wholeNumber } from './input.ts';

// The routes the app takes from the exercises' solutions declare their input
// here, so that the app's one validation step covers them too. The solutions
// still check their input themselves: that is part of their lessons.
declareInput(AddController, 'add', {
  query: z.object({ a: anyNumber('a'), b: anyNumber('b') }),
});

const rows = {
  query: z.object({
    count: wholeNumber('count', 1, 100_000).optional(),
    delayMs: wholeNumber('delayMs', 0, 5_000).optional(),
  }),
};
declareInput(RowsController, 'ndjson', rows);
declareInput(RowsController, 'events', rows);
