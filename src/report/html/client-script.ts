/**
 * The report's own script, inlined and allowed by its CSP hash. It reads the report from the
 * `application/json` block and builds the page with DOM calls: text always goes in through
 * `textContent`/`append(string)` and attribute names are constants, so no value from a log is
 * ever parsed as HTML (no innerHTML anywhere). Plain ES2020 for any current browser.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('runhunt-data').textContent);
  var SEVS = ['critical', 'high', 'medium', 'low', 'informational'];
  var RANK = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };
  var SVG = 'http://www.w3.org/2000/svg';
  var findings = data.findings;
  var state = { sevs: {}, host: '', q: '', sort: 'severity', dir: -1, open: {} };
  SEVS.forEach(function (s) { state.sevs[s] = true; });

  function el(tag, cls, kids) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    (kids || []).forEach(function (k) { if (k !== null && k !== undefined) e.append(k); });
    return e;
  }
  function txt(tag, cls, s) { var e = el(tag, cls); e.textContent = s == null ? '' : String(s); return e; }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function base(p) { var i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')); return i >= 0 ? p.slice(i + 1) : p; }
  function loc(f) {
    var id = f.location ? f.location.id : f.kind;
    if (f.registry) { var h = f.registry.key.split('\\')[0]; return h ? h + ' ' + id : id; }
    return id;
  }
  function val(f) {
    if (f.registry) return f.registry.valueName || (f.registry.targetObject.slice(-1) === '\\' ? '(hidden)' : '(Default)');
    if (f.file) return base(f.file.targetFilename);
    return '';
  }
  function runs(f) {
    if (f.command && f.command.decoded) return f.command.executable + ' [decoded] ' + f.command.decoded;
    if (f.command) return (f.command.executable + ' ' + f.command.arguments).trim();
    if (f.registry) return f.registry.details;
    if (f.file) return f.file.targetFilename;
    return f.process.commandLine || '';
  }
  function reasons(f) {
    return f.indicators.filter(function (i) { return i.weight > 0; })
      .sort(function (a, b) { return b.weight - a.weight || (a.id < b.id ? -1 : 1); })
      .slice(0, 3).map(function (i) { return i.id; });
  }
  function badge(sev) { return txt('span', 'badge bg-' + sev, sev); }
  function fmtTime(t) { return t ? t.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : ''; }

  // ---- header and summary ----
  var s = data.summary;
  document.getElementById('meta').textContent = 'generated ' + data.generatedAt + ' by ' +
    data.tool.name + ' ' + data.tool.version + ' \u00b7 ' + data.inputs.length + ' input(s)';
  var cards = document.getElementById('cards');
  function card(n, k, cls) { return el('div', 'card' + (cls ? ' ' + cls : ''), [txt('div', 'n', n), txt('div', 'k', k)]); }
  cards.append(card(s.findings, 'findings'));
  SEVS.forEach(function (sev) {
    var b = el('button', 'card sev-' + sev, [txt('div', 'n', s.bySeverity[sev] || 0), txt('div', 'k', sev)]);
    b.type = 'button';
    b.setAttribute('data-severity', sev);
    b.setAttribute('aria-pressed', 'true');
    b.title = 'show or hide ' + sev + ' findings';
    b.addEventListener('click', function () { setSeverity(sev, !state.sevs[sev]); });
    cards.append(b);
  });
  cards.append(card(s.eventsScanned.toLocaleString('en-US'), 'events scanned'));
  cards.append(card(s.autostartEvents.toLocaleString('en-US'), 'autostart writes'));
  cards.append(card(s.hosts.length, 'hosts'));
  cards.append(card(data.inputs.filter(function (i) { return i.format !== 'unknown'; }).length, 'logs read'));
  var bar = document.getElementById('sevbar');
  SEVS.forEach(function (sev) {
    var n = s.bySeverity[sev] || 0;
    if (!n) return;
    var seg = el('span', 'bg-' + sev);
    seg.style.width = (100 * n / Math.max(1, s.findings)) + '%';
    seg.title = n + ' ' + sev;
    bar.append(seg);
  });

  // ---- filters ----
  var sevBoxes = document.getElementById('sev-filter');
  SEVS.forEach(function (sev) {
    var cb = el('input');
    cb.type = 'checkbox';
    cb.checked = true;
    cb.setAttribute('data-severity', sev);
    cb.addEventListener('change', function () { setSeverity(sev, cb.checked); });
    sevBoxes.append(el('label', null, [cb, badge(sev)]));
  });
  var hostSel = document.getElementById('host-filter');
  var hosts = Array.from(new Set(findings.map(function (f) { return f.host; }))).sort();
  var all = el('option'); all.value = ''; all.textContent = 'all hosts (' + hosts.length + ')'; hostSel.append(all);
  hosts.forEach(function (h) { var o = el('option'); o.value = h; o.textContent = h; hostSel.append(o); });
  hostSel.addEventListener('change', function () { state.host = hostSel.value; render(); });
  var search = document.getElementById('search');
  search.addEventListener('input', function () { state.q = search.value.toLowerCase(); render(); });
  function setSeverity(sev, on) {
    state.sevs[sev] = on;
    document.querySelectorAll('[data-severity="' + sev + '"]').forEach(function (e) {
      if (e.tagName === 'INPUT') e.checked = on; else e.setAttribute('aria-pressed', String(on));
    });
    render();
  }
  function visibleFindings() {
    return findings.filter(function (f) {
      if (!state.sevs[f.severity]) return false;
      if (state.host && f.host !== state.host) return false;
      if (state.q) {
        var hay = [f.id, f.host, f.user, loc(f), val(f), runs(f), f.process.image, f.process.commandLine || '']
          .concat(reasons(f)).join('\n').toLowerCase();
        if (hay.indexOf(state.q) < 0) return false;
      }
      return true;
    });
  }

  // ---- sorting ----
  var KEYS = {
    severity: function (f) { return RANK[f.severity] * 1000 + f.score; },
    time: function (f) { return f.timestamp; },
    host: function (f) { return f.host.toLowerCase(); },
    location: function (f) { return loc(f).toLowerCase(); },
    value: function (f) { return val(f).toLowerCase(); },
    runs: function (f) { return runs(f).toLowerCase(); },
    writer: function (f) { return base(f.process.image).toLowerCase(); }
  };
  document.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.tabIndex = 0;
    function go() {
      var k = th.getAttribute('data-sort');
      if (state.sort === k) state.dir = -state.dir; else { state.sort = k; state.dir = k === 'severity' ? -1 : 1; }
      render();
    }
    th.addEventListener('click', go);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
  });
  function sorted(list) {
    var key = KEYS[state.sort];
    return list.slice().sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x !== y) return (x < y ? -1 : 1) * state.dir;
      return a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : (a.id < b.id ? -1 : 1);
    });
  }

  // ---- detail panel ----
  function row(dl, k, v) { if (v === undefined || v === null || v === '') return; dl.append(txt('dt', null, k), txt('dd', null, v)); }
  function copyButton(text) {
    var b = txt('button', 'copy', 'Copy');
    b.type = 'button';
    b.addEventListener('click', function (e) {
      e.stopPropagation();
      function done(ok) { b.textContent = ok ? 'Copied' : 'Select and copy'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); }
      // The selection copy works on file:// pages without a permission prompt; the async
      // clipboard API is the second try.
      var ta = el('textarea'); ta.value = text; ta.setAttribute('readonly', ''); document.body.append(ta); ta.select();
      var ok = false; try { ok = document.execCommand('copy'); } catch (_) { ok = false; }
      ta.remove();
      if (ok) done(true);
      else if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      else done(false);
    });
    return b;
  }
  function rule(title, text, cls) {
    if (!text) return null;
    return el('div', 'rule ' + cls, [txt('h3', null, title), copyButton(text), txt('pre', null, text)]);
  }
  function chainList(f) {
    var c = f.chain, steps = [];
    function add(stage, label, evs) { (evs || []).forEach(function (e) { steps.push([stage, stage === 'later' && e.relation ? 'later: ' + e.relation : label, e]); }); }
    if (c.writer) add('writer', 'writer', [c.writer]);
    add('payload-created', 'payload created', c.payloadCreated);
    add('payload-executed', 'executed at logon', c.payloadExecuted);
    add('later', 'later', c.later);
    add('related', 'related', c.related);
    if (!steps.length) return txt('p', 'muted', 'No linked events.');
    var ol = el('ol', 'chain');
    steps.forEach(function (st) {
      var e = st[2];
      var li = el('li', 'step-' + st[0], [txt('span', 'stage stage-' + st[0], st[1]), ' ',
        txt('span', 'muted', fmtTime(e.timestamp) + '  EID ' + e.eventId + '  ' + base(e.image) + '  '),
        txt('span', 'what', e.commandLine || e.targetFilename || e.targetObject || e.image)]);
      li.title = e.file + ' #' + e.eventRecordId;
      ol.append(li);
    });
    return ol;
  }
  function detail(f) {
    var dl = el('dl', 'detail-grid');
    row(dl, 'finding', f.id + '  ' + f.severity + ' ' + f.score + '/100');
    if (f.location) row(dl, 'location', f.location.id + ': ' + f.location.description);
    if (f.registry) { row(dl, 'registry key', f.registry.targetObject); row(dl, 'value data', f.registry.details); row(dl, 'event type', f.registry.eventType); }
    if (f.file) row(dl, 'file', f.file.targetFilename);
    if (f.command) { row(dl, 'runs', (f.command.executable + ' ' + f.command.arguments).trim()); row(dl, 'decoded command', f.command.decoded); }
    row(dl, 'writer', f.process.image);
    row(dl, 'writer command', f.process.commandLine);
    row(dl, 'parent', f.process.parentImage);
    row(dl, 'user', f.user);
    row(dl, 'process guid', f.process.processGuid + (f.process.processId !== null ? '  pid ' + f.process.processId : ''));
    row(dl, 'baseline', f.baseline.status + (f.baseline.match ? ' (' + f.baseline.match + ')' : ''));
    var ind = el('ul', 'indicators');
    f.indicators.slice().sort(function (a, b) { return b.weight - a.weight; }).forEach(function (i) {
      ind.append(el('li', null, [txt('span', 'w', (i.weight > 0 ? '+' : '') + i.weight), txt('strong', null, i.id), ' ',
        txt('span', null, i.description), i.detail ? txt('div', 'what muted', i.detail) : null]));
    });
    var tech = el('ul', 'techniques');
    f.techniques.forEach(function (t) { tech.append(txt('li', null, t.id + ' ' + t.name + ' (' + t.tactic + ')')); });
    var ev = txt('p', 'muted evidence', f.evidence.map(function (e) { return e.file + ' #' + e.eventRecordId + ' (EID ' + e.eventId + ')'; }).join('\n'));
    return el('div', 'detail', [dl, txt('h3', null, 'Indicators'), ind, txt('h3', null, 'MITRE ATT&CK'), tech,
      txt('h3', null, 'Evidence chain'), chainList(f), rule('Sigma', f.rules && f.rules.sigma, 'rule-sigma'),
      rule('Splunk SPL', f.rules && f.rules.splunk, 'rule-splunk'), txt('h3', null, 'Events'), ev]);
  }

  // ---- table ----
  var tbody = document.getElementById('rows');
  var COLS = 8;
  function findingRow(f) {
    var tr = el('tr', 'finding', [el('td', null, [badge(f.severity), txt('span', 'score', f.score)]),
      txt('td', 'time', fmtTime(f.timestamp)), txt('td', 'host', f.host), txt('td', 'loc', loc(f)),
      txt('td', 'value', val(f)), txt('td', 'runs', runs(f)), txt('td', 'writer', base(f.process.image)),
      txt('td', 'reasons', reasons(f).join(', '))]);
    tr.setAttribute('data-id', f.id);
    tr.setAttribute('data-severity', f.severity);
    tr.setAttribute('data-host', f.host);
    tr.tabIndex = 0;
    tr.setAttribute('aria-expanded', String(!!state.open[f.id]));
    function toggle() { state.open[f.id] = !state.open[f.id]; render(); }
    tr.addEventListener('click', toggle);
    tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') toggle(); });
    return tr;
  }
  function renderTable(list) {
    tbody.replaceChildren();
    list.forEach(function (f) {
      tbody.append(findingRow(f));
      if (state.open[f.id]) { var td = el('td', null, [detail(f)]); td.colSpan = COLS; var d = el('tr', 'detail', [td]); d.setAttribute('data-id', f.id); tbody.append(d); }
    });
    if (!list.length) { var td = txt('td', 'empty', 'No finding matches the filters.'); td.colSpan = COLS; tbody.append(el('tr', null, [td])); }
    document.querySelectorAll('th[data-sort]').forEach(function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-sort') === state.sort ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    document.getElementById('count').textContent = 'showing ' + list.length + ' of ' + findings.length;
  }

  // ---- timeline: one lane per host, one dot per autostart write ----
  function renderTimeline(list) {
    var box = document.getElementById('timeline');
    box.replaceChildren();
    var lanes = Array.from(new Set(list.map(function (f) { return f.host; }))).sort();
    if (!list.length) { box.append(txt('div', 'empty', 'No finding matches the filters.')); return; }
    var times = list.map(function (f) { return Date.parse(f.timestamp); }).filter(function (t) { return !isNaN(t); });
    var t0 = Math.min.apply(null, times), t1 = Math.max.apply(null, times);
    if (t1 === t0) { t0 -= 3600e3; t1 += 3600e3; }
    var labelW = 150, W = Math.max(640, box.clientWidth - 24), plotW = W - labelW - 20, top = 8, R = 6, MAXLV = 5;
    function x(t) { return labelW + (t - t0) / (t1 - t0) * plotW; }
    // Dots that would overlap stack upwards in their lane (at most MAXLV levels), so a burst of
    // writes at one moment still shows how many there were.
    var placed = [], levels = {};
    lanes.forEach(function (h) { levels[h] = 1; });
    lanes.forEach(function (h) {
      var last = [];
      list.filter(function (f) { return f.host === h && !isNaN(Date.parse(f.timestamp)); })
        .sort(function (a, b) { return Date.parse(a.timestamp) - Date.parse(b.timestamp) || RANK[b.severity] - RANK[a.severity]; })
        .forEach(function (f) {
          var cx = x(Date.parse(f.timestamp)), lv = 0;
          while (lv < MAXLV - 1 && last[lv] !== undefined && cx - last[lv] < 2 * R + 1) lv++;
          last[lv] = cx;
          levels[h] = Math.max(levels[h], lv + 1);
          placed.push({ f: f, cx: cx, lv: lv });
        });
    });
    var laneY = {}, y = top;
    lanes.forEach(function (h) { laneY[h] = y; y += Math.max(34, levels[h] * (2 * R + 2) + 14); });
    var H = y + 26;
    var g = svg('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img' });
    g.append(svg('title'));
    g.firstChild.textContent = 'Autostart writes per host over time';
    lanes.forEach(function (h, i) {
      var base = laneY[h] + Math.max(34, levels[h] * (2 * R + 2) + 14) - 12;
      g.append(svg('line', { x1: labelW, x2: labelW + plotW, y1: base, y2: base, stroke: '#dde2e8' }));
      var lt = svg('text', { x: 4, y: base + 4, class: 'host' });
      lt.textContent = h.length > 22 ? h.slice(0, 21) + '\u2026' : h;
      g.append(lt);
      laneY[h] = base;
    });
    for (var k = 0; k <= 4; k++) {
      var t = t0 + (t1 - t0) * k / 4, tx = x(t);
      var tick = svg('text', { x: tx, y: H - 6, 'text-anchor': k === 0 ? 'start' : k === 4 ? 'end' : 'middle' });
      tick.textContent = new Date(t).toISOString().slice(0, 16).replace('T', ' ');
      g.append(tick);
      g.append(svg('line', { x1: tx, x2: tx, y1: top, y2: H - 20, stroke: '#eef1f4' }));
    }
    var css = getComputedStyle(document.documentElement);
    placed.forEach(function (p) {
      var f = p.f;
      var c = svg('circle', { cx: p.cx.toFixed(1), cy: laneY[f.host] - p.lv * (2 * R + 2), r: R - 1 + RANK[f.severity] * 0.5, class: 'dot', fill: css.getPropertyValue('--' + f.severity).trim() });
      c.setAttribute('data-id', f.id);
      c.setAttribute('data-severity', f.severity);
      var ti = svg('title'); ti.textContent = f.id + ' ' + f.severity + ' ' + fmtTime(f.timestamp) + '\n' + loc(f) + ' : ' + val(f) + '\n' + runs(f);
      c.append(ti);
      c.addEventListener('click', function () {
        state.open[f.id] = true; render();
        var r = tbody.querySelector('tr.finding[data-id="' + CSS.escape(f.id) + '"]');
        if (r) r.scrollIntoView({ block: 'center' });
      });
      g.append(c);
    });
    box.append(g);
  }

  // ---- inputs ----
  var inputs = document.getElementById('inputs');
  data.inputs.forEach(function (i) {
    inputs.append(el('tr', null, [txt('td', null, i.path), txt('td', null, i.format), txt('td', null, i.events),
      txt('td', null, i.bytes), txt('td', null, i.issues.map(function (x) { return x.code + ': ' + x.message; }).join('\n'))]));
  });

  function render() {
    var list = sorted(visibleFindings());
    renderTable(list);
    renderTimeline(list);
  }
  render();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
