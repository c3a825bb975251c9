/**
 * The report's only stylesheet, inlined and allowed by its CSP hash. System fonts only: the
 * report must work offline and make no request.
 */
export const REPORT_CSS = `
:root{--bg:#f6f7f9;--fg:#1d232b;--muted:#5d6875;--card:#fff;--line:#dde2e8;
--critical:#b4121b;--high:#e0531f;--medium:#c99400;--low:#2a7ab8;--informational:#7b8794;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header{padding:18px 28px;background:#18202a;color:#f2f4f7}
header h1{margin:0;font-size:20px;font-weight:600}
header .meta{color:#aeb8c4;font-size:12.5px;margin-top:4px}
main{padding:18px 28px 40px;max-width:1600px}
h2{font-size:15px;margin:26px 0 10px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:118px}
.card .n{font-size:24px;font-weight:650}
.card .k{color:var(--muted);font-size:12px}
button.card{font:inherit;text-align:left;cursor:pointer;border-left-width:5px}
button.card[aria-pressed=false]{opacity:.42}
.card.sev-critical{border-left-color:var(--critical)}.card.sev-high{border-left-color:var(--high)}
.card.sev-medium{border-left-color:var(--medium)}.card.sev-low{border-left-color:var(--low)}
.card.sev-informational{border-left-color:var(--informational)}
.sevbar{display:flex;height:10px;border-radius:5px;overflow:hidden;margin-top:12px;background:var(--line)}
.sevbar span{display:block;height:100%}
.bg-critical{background:var(--critical)}.bg-high{background:var(--high)}.bg-medium{background:var(--medium)}
.bg-low{background:var(--low)}.bg-informational{background:var(--informational)}
.timeline{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 10px;overflow-x:auto}
.timeline svg{display:block}
.timeline text{font:11px system-ui,sans-serif;fill:var(--muted)}
.timeline .host{fill:var(--fg);font-weight:600}
.timeline circle{stroke:#fff;stroke-width:1;cursor:pointer}
.filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 12px;position:sticky;top:0;z-index:2}
.filters label{display:inline-flex;gap:4px;align-items:center}
.filters input[type=search]{min-width:240px;padding:4px 6px}
.filters .count{margin-left:auto;color:var(--muted)}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line)}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-size:12px;color:var(--muted);white-space:nowrap;user-select:none}
th[data-sort]{cursor:pointer}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
tr.finding{cursor:pointer}
tr.finding:hover{background:#f0f4fa}
tr.finding td.runs,tr.finding td.loc{font-family:var(--mono);font-size:12.5px;word-break:break-all}
tr.finding td.runs{max-width:520px}
.badge{display:inline-block;border-radius:4px;padding:1px 6px;color:#fff;font-size:11.5px;font-weight:650;text-transform:uppercase}
.score{color:var(--muted);margin-left:6px}
tr.detail>td{background:#fbfcfd;padding:12px 16px}
.detail-grid{display:grid;grid-template-columns:150px 1fr;gap:4px 14px}
.detail-grid dt{color:var(--muted)}
.detail-grid dd{margin:0;font-family:var(--mono);font-size:12.5px;white-space:pre-wrap;word-break:break-all}
.detail h3{font-size:13px;margin:14px 0 6px}
.indicators li,.chain li{margin:3px 0}
.indicators .w{display:inline-block;min-width:34px;font-family:var(--mono);color:var(--muted)}
.chain{list-style:none;padding-left:0;border-left:3px solid var(--line);margin-left:6px}
.chain li{padding-left:12px;position:relative}
.chain .stage{display:inline-block;min-width:140px;font-weight:600}
.chain .stage-writer{color:#6a3fb5}.chain .stage-payload-created{color:#a05a00}
.chain .stage-payload-executed{color:var(--critical)}.chain .stage-later{color:#2b7a4b}
.chain .what{font-family:var(--mono);font-size:12.5px;word-break:break-all}
pre{background:#10161d;color:#e6edf3;padding:10px 12px;border-radius:6px;overflow:auto;font:12.5px/1.4 var(--mono);white-space:pre-wrap;word-break:break-all;margin:4px 0}
.rule{position:relative}
.copy{position:absolute;top:6px;right:6px;font-size:12px;padding:2px 8px;cursor:pointer}
.muted{color:var(--muted)}
.empty{padding:18px;color:var(--muted)}
details.inputs{margin-top:8px}
details.inputs summary{cursor:pointer}
details.inputs summary h2{display:inline-block;margin:26px 0 10px}
`;
