import { palette } from '@kit/grading/color';
import { expect, test } from 'vitest';
import { renderForTerminal } from '../src/terminal-markdown.ts';

const plain = { bold: (text: string) => text, code: (text: string) => text };

test('a hint reads without Markdown syntax: no #, no **, code spans kept whole, spaces kept', () => {
  const shown = renderForTerminal(
    '## Hint 4 · Same stream\n\nA **generator**: ``yield `id: <id>\\n\\n` ``, returned as a `StreamableFile` with the type `text/event-stream`; see [the docs](https://nodejs.org).',
    plain,
  );
  expect(shown).toBe(
    'Hint 4 · Same stream\n\nA generator: `yield `id: <id>\\n\\n``, returned as a `StreamableFile` with the type `text/event-stream`; see the docs (https://nodejs.org).',
  );
});

test('with colour, code is painted instead of fenced in backticks', () => {
  const { bold, yellow } = palette(true);
  const shown = renderForTerminal('Use `once(stream, "drain")`.\n\n```ts\nawait x;\n```', {
    bold,
    code: yellow,
  });
  expect(shown).toBe(`Use ${yellow('once(stream, "drain")')}.\n\n    ${yellow('await x;')}`);
});
