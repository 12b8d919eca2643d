// Minimal ANSI styling for the text reporter (no dependency): each helper is the identity when color is off.

/** One styling function. */
export type Style = (text: string) => string;

/** The styles the text reporter uses. */
export interface Styles {
  red: Style;
  yellow: Style;
  blue: Style;
  green: Style;
  dim: Style;
  bold: Style;
  underline: Style;
}

function sgr(open: number, close: number): Style {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const identity: Style = (text) => text;

/** ANSI styles when `enabled`, identity functions otherwise. */
export function createStyles(enabled: boolean): Styles {
  if (!enabled) {
    return { red: identity, yellow: identity, blue: identity, green: identity, dim: identity, bold: identity, underline: identity };
  }
  return {
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    green: sgr(32, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
    underline: sgr(4, 24),
  };
}

/** Removes ANSI SGR sequences (for width calculations and tests). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching ESC is the point
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
