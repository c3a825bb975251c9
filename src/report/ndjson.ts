import type { Report } from '../model/finding.js';
import { toEcs } from './ecs.js';
import { safeStringify } from './json-text.js';

/** One finding per line (report finding objects, or ECS documents with `ecs`). */
export function renderNdjson(report: Report, opts: { ecs?: boolean } = {}): string {
  return report.findings.map((f) => safeStringify(opts.ecs ? toEcs(f, report) : f) + '\n').join('');
}
