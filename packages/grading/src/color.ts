type Paint = (text: string) => string;

/** The few ANSI styles the kit prints with. */
export interface Palette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly green: Paint;
  readonly red: Paint;
  readonly yellow: Paint;
}

/**
 * ANSI styles, or plain text when `color` is false: the grade report and the
 * workshop CLI share them.
 *
 * @example
 * const paint = palette(process.stdout.isTTY);
 * console.log(paint.green('✓'));
 */
export function palette(color: boolean): Palette {
  const wrap =
    (open: number, close: number): Paint =>
    (text) =>
      color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
  };
}
