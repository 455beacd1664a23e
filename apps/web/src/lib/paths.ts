/**
 * Immutable get/set by a manifest path such as `provenance.license`, `columns.0.description` or
 * `label.classes[1].definition` (the form a finding's `location.field` takes).
 */
export function splitPath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part.length > 0);
}

/** Normalised dotted path, used as the DOM id of the field's input (`field-…`). */
export function fieldId(path: string): string {
  return `field-${splitPath(path).join('.')}`;
}

export function getIn(value: unknown, path: string): unknown {
  let current = value;
  for (const key of splitPath(path)) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function setIn<T>(value: T, path: string, next: unknown): T {
  const keys = splitPath(path);
  const write = (target: unknown, index: number): unknown => {
    const key = keys[index];
    if (key === undefined) return next;
    const isIndex = /^\d+$/.test(key);
    const base =
      target && typeof target === 'object' ? target : isIndex ? [] : ({} as Record<string, unknown>);
    const copy: Record<string, unknown> | unknown[] = Array.isArray(base)
      ? [...base]
      : { ...(base as object) };
    const child = (copy as Record<string, unknown>)[key];
    (copy as Record<string, unknown>)[key] = write(child, index + 1);
    return copy;
  };
  return write(value, 0) as T;
}
