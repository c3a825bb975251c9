/**
 * Dotted-path lookup in parsed JSON. Only own properties are followed, so keys such as
 * `__proto__` or `constructor` in a hostile export read as data, never as Object.prototype.
 * A flat key that itself contains dots (`winlog.event_id`, as flattened exports write) is
 * found as well as the nested form.
 */
export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getPath(obj: unknown, path: string): unknown {
  if (!isObject(obj)) return undefined;
  if (Object.hasOwn(obj, path)) return obj[path];
  for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
    const head = path.slice(0, dot);
    if (!Object.hasOwn(obj, head)) continue;
    const hit = getPath(obj[head], path.slice(dot + 1));
    if (hit !== undefined) return hit;
  }
  return undefined;
}
