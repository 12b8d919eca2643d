// JSON pointers (RFC 6901): building, splitting, reading, and the dotted form shown in messages.

/** Appends one property name or index to a JSON pointer. */
export function childPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The unescaped segments of a JSON pointer (`''` has none). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The parent of a JSON pointer (`''` for top-level keys and the root itself). */
export function parentPointer(pointer: string): string {
  const index = pointer.lastIndexOf('/');
  return index <= 0 ? '' : pointer.slice(0, index);
}

/** The value at a JSON pointer inside plain data, or `undefined`. */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
    else if (isRecord(current)) current = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
    else return undefined;
  }
  return current;
}

/** A pointer as people read it: `python.imports.deny[0]`, `python.dependencies.allow["azure-identity"]`. */
export function displayPointer(pointer: string, root?: unknown): string {
  let text = '';
  let current = root;
  for (const segment of pointerSegments(pointer)) {
    const isIndex = /^\d+$/.test(segment) && (root === undefined || Array.isArray(current));
    if (isIndex) text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
    if (root !== undefined) current = valueAtPointer(current, `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
  return text;
}

/** Whether a value is a plain object (not an array or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
