/**
 * Which kind of folder a path lies in (data/path-classes.yaml): Temp, AppData, ProgramData,
 * Public, Recycle Bin, PerfLogs, Downloads, UNC, WebDAV, user-profile folders, C:\Users root.
 */
import { canonicalPath } from './canonical-path.js';
import { valueData, type PathClass } from './value-data.js';

/**
 * The classes of `path`, at most one per group (`remote`, `location`): within a group the first
 * class in file order wins, so `AppData\Local\Temp` is Temp, not AppData.
 */
export function classifyPath(path: string): PathClass[] {
  const canonical = canonicalPath(path);
  const out: PathClass[] = [];
  const groups = new Set<string>();
  for (const cls of valueData().pathClasses) {
    if (groups.has(cls.group)) continue;
    if (cls.patterns.some((re) => re.test(canonical))) {
      out.push(cls);
      groups.add(cls.group);
    }
  }
  return out;
}

/** True when the canonical path lies in System32, SysWOW64 or another system binary folder. */
export function inSystemDirectory(path: string): boolean {
  const canonical = canonicalPath(path);
  return valueData().systemDirectories.some((re) => re.test(canonical));
}
