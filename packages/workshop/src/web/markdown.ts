import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import hljs from 'highlight.js';
import { Marked } from 'marked';
import { htmlText } from '../html.ts';

const require = createRequire(import.meta.url);

/**
 * Markdown as HTML, code blocks highlighted on the server: the page needs no
 * script and no network to show a lesson. The Markdown is the kit's own
 * (READMEs, hints), so raw HTML in it is kept.
 *
 * @example
 * renderMarkdown('Run `pnpm test 01`.\n\n```ts\nawait Promise.all(tasks);\n```');
 * // '<p>Run <code>pnpm test 01</code>.</p>\n<pre><code class="hljs language-ts">…'
 */
export function renderMarkdown(markdown: string): string {
  return markdownRenderer.parse(markdown, { async: false });
}

const markdownRenderer = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      const language = lang?.split(/\s/)[0] ?? '';
      const highlighted = hljs.getLanguage(language)
        ? hljs.highlight(text, { language }).value
        : htmlText(text);
      return `<pre><code class="hljs${language ? ` language-${htmlText(language)}` : ''}">${highlighted}</code></pre>\n`;
    },
  },
});

/** highlight.js's GitHub theme, inlined in every page (nothing is loaded from elsewhere). */
export const HIGHLIGHT_CSS = readFileSync(
  require.resolve('highlight.js/styles/github.css'),
  'utf8',
);
