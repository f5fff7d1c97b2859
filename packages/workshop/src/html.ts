/**
 * Text made safe for HTML, in an element or an attribute.
 *
 * @example
 * htmlText('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function htmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
