import { bold, yellow } from './output.ts';

/**
 * A hint's Markdown as a terminal shows it best: headings in bold without
 * their `#`, **bold** in bold, code spans (single or double backticks) in
 * colour without their backticks when there is colour, and kept as written
 * when there is none, links as their text and address, fenced code indented.
 *
 * @example
 * renderForTerminal('## Hint 1 · Start them all\n\nCall **every** task: `tasks.map((task) => task())`.');
 * // 'Hint 1 · Start them all\n\nCall every task: `tasks.map((task) => task())`.' (without colour)
 */
export function renderForTerminal(markdown: string, paint = { bold, code: yellow }): string {
  const out: string[] = [];
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      fence = !fence;
      continue;
    }
    if (fence) {
      out.push(`    ${paint.code(line)}`);
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    out.push(heading ? paint.bold(heading[1] ?? '') : inline(line, paint));
  }
  return out.join('\n');
}

function inline(text: string, paint: { bold: (s: string) => string; code: (s: string) => string }) {
  // Code spans first, so that nothing inside them is read as Markdown.
  const parts = text.split(/(``[^`](?:.*?[^`])?``|`[^`]+`)/);
  return parts
    .map((part, index) => {
      if (index % 2 === 1) {
        const code = part.startsWith('``') ? part.slice(2, -2).trim() : part.slice(1, -1);
        const shown = paint.code(code);
        // Without colour the backticks are what tells code from prose.
        return shown === code ? `\`${code}\`` : shown;
      }
      return part
        .replace(/\*\*([^*]+)\*\*/g, (_, words: string) => paint.bold(words))
        .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
    })
    .join('');
}
