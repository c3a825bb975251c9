/** Report renderers: terminal table, CSV, NDJSON (report or ECS), HTML. */
export { renderTable, detailBlock, type TableOptions } from './table/render-table.js';
export { plainStyle, colorStyle, type Style } from './table/style.js';
export { renderCsv, CSV_COLUMNS, neutralizeFormula } from './csv.js';
export { renderNdjson } from './ndjson.js';
export { toEcs, ECS_VERSION, ECS_SEVERITY } from './ecs.js';
export { renderHtml, reportCsp } from './html/render-html.js';
export { safeStringify } from './json-text.js';
export { visible, visibleOneLine } from './visible.js';
