/* Switchboard self-assessment: reads the rubric embedded in the page, scores the reader's
   answers, names the nearest archetype, draws a radar chart and lists what to work on first.
   The answers live in the query string, so a result can be bookmarked or shared.
   No dependencies, no network requests; every piece of data reaches the page as text nodes. */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  // Same look as the build-time charts (Sources/SwitchboardKit/Assess/Charts): Okabe–Ito colours,
  // each with its own dash pattern and marker so the two polygons differ in greyscale too.
  var STYLES = [
    { colour: '#0072B2', dash: null, marker: 'circle' },
    { colour: '#D55E00', dash: '8 4', marker: 'square' },
    { colour: '#009E73', dash: '2 3', marker: 'triangle' },
    { colour: '#CC79A7', dash: '8 3 2 3', marker: 'diamond' },
    { colour: '#E69F00', dash: '14 5', marker: 'cross' }
  ];
  var WIDTH = 640;
  var RADIUS = 160;
  var LABEL_GAP = 14;
  var FONT = 13;
  var SMALL_FONT = 12;
  var LINE = 15;
  var PADDING = 12;

  // ---- data -------------------------------------------------------------------------------

  function isFiniteNumber(x) {
    return typeof x === 'number' && isFinite(x);
  }

  function text(x) {
    return typeof x === 'string' ? x : '';
  }

  function readData() {
    var element = document.getElementById('sb-assessment-data');
    if (!element) return null;
    var raw;
    try {
      raw = JSON.parse(element.textContent || '');
    } catch (e) {
      return null;
    }
    if (!raw || typeof raw !== 'object' || !Array.isArray(raw.dimensions)) return null;
    var scale = raw.scale && typeof raw.scale === 'object' ? raw.scale : {};
    var min = isFiniteNumber(scale.min) ? scale.min : 1;
    var max = isFiniteNumber(scale.max) ? scale.max : 5;
    if (!(max > min)) return null;

    var seen = {};
    var dimensions = [];
    raw.dimensions.forEach(function (d) {
      if (!d || typeof d !== 'object' || typeof d.id !== 'string' || d.id === '' || seen[d.id]) return;
      seen[d.id] = true;
      dimensions.push({
        id: d.id,
        name: text(d.name) || d.id,
        weight: isFiniteNumber(d.weight) && d.weight > 0 ? d.weight : 1,
        url: text(d.url),
        levels: Array.isArray(d.levels) ? d.levels.map(text) : [],
        remedies: (Array.isArray(d.remedies) ? d.remedies : []).filter(function (r) {
          return r && typeof r === 'object' && typeof r.title === 'string' && typeof r.url === 'string';
        }).map(function (r) {
          return { title: r.title, url: r.url, kind: text(r.kind) };
        })
      });
    });
    if (dimensions.length === 0) return null;

    var archetypes = (Array.isArray(raw.archetypes) ? raw.archetypes : []).filter(function (a) {
      return a && typeof a === 'object' && typeof a.title === 'string' && a.scores && typeof a.scores === 'object';
    }).map(function (a) {
      return { id: text(a.id), title: a.title, url: text(a.url), scores: a.scores };
    });
    return { min: min, max: max, dimensions: dimensions, archetypes: archetypes };
  }

  // ---- answers ----------------------------------------------------------------------------

  /** A level from the URL or a radio: a number inside the scale, or null. */
  function parseLevel(value, data) {
    if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return null;
    var n = Number(value);
    return isFiniteNumber(n) && n >= data.min && n <= data.max ? n : null;
  }

  function radiosByDimension(form, data) {
    var map = {};
    data.dimensions.forEach(function (d) { map[d.id] = []; });
    var inputs = form.querySelectorAll('input[type="radio"]');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (Object.prototype.hasOwnProperty.call(map, input.name)) map[input.name].push(input);
    }
    return map;
  }

  function applyQuery(radios, data) {
    var params;
    try {
      params = new URLSearchParams(window.location.search);
    } catch (e) {
      return;
    }
    data.dimensions.forEach(function (d) {
      var level = parseLevel(params.get(d.id), data);
      if (level === null) return;
      radios[d.id].forEach(function (input) {
        if (parseLevel(input.value, data) === level) input.checked = true;
      });
    });
  }

  /** { dimensionId: level } for every dimension with a checked, valid radio. */
  function readAnswers(radios, data) {
    var answers = {};
    data.dimensions.forEach(function (d) {
      radios[d.id].forEach(function (input) {
        if (!input.checked) return;
        var level = parseLevel(input.value, data);
        if (level !== null) answers[d.id] = level;
      });
    });
    return answers;
  }

  function queryFor(answers, data) {
    var parts = [];
    data.dimensions.forEach(function (d) {
      if (Object.prototype.hasOwnProperty.call(answers, d.id)) {
        parts.push(encodeURIComponent(d.id) + '=' + encodeURIComponent(String(answers[d.id])));
      }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function replaceQuery(query) {
    try {
      var url = window.location.pathname + query + window.location.hash;
      window.history.replaceState(window.history.state, '', url);
    } catch (e) {
      // Some embeddings (sandboxed frames, file: URLs) refuse; the result still renders.
    }
  }

  /** The current page with exactly these answers: location.href once replaceState has run,
      and still right when the browser refused to change the URL. */
  function shareURL(query) {
    try {
      return new URL(window.location.pathname + query + window.location.hash, window.location.href).href;
    } catch (e) {
      return window.location.href;
    }
  }

  // ---- scoring ----------------------------------------------------------------------------

  function oneDecimal(x) {
    return (Math.round(x * 10) / 10).toFixed(1);
  }

  function answered(answers, data) {
    return data.dimensions.filter(function (d) {
      return Object.prototype.hasOwnProperty.call(answers, d.id);
    });
  }

  function weightedScore(dims, answers) {
    var sum = 0;
    var weights = 0;
    dims.forEach(function (d) {
      sum += d.weight * answers[d.id];
      weights += d.weight;
    });
    return weights > 0 ? sum / weights : 0;
  }

  /** Weighted Euclidean distance over the answered dimensions the archetype has a score for. */
  function nearestArchetype(dims, answers, data) {
    var best = null;
    data.archetypes.forEach(function (a) {
      var sum = 0;
      var weights = 0;
      dims.forEach(function (d) {
        var score = a.scores[d.id];
        if (!isFiniteNumber(score)) return;
        var diff = answers[d.id] - score;
        sum += d.weight * diff * diff;
        weights += d.weight;
      });
      if (weights === 0) return;
      var distance = Math.sqrt(sum / weights);
      // Strictly smaller: on a tie the earlier archetype stays.
      if (best === null || distance < best.distance) best = { archetype: a, distance: distance };
    });
    return best;
  }

  function weakest(dims, answers) {
    var order = {};
    dims.forEach(function (d, i) { order[d.id] = i; });
    return dims.slice().sort(function (a, b) {
      return (answers[a.id] - answers[b.id]) || (b.weight - a.weight) || (order[a.id] - order[b.id]);
    }).slice(0, 3);
  }

  // ---- DOM helpers ------------------------------------------------------------------------

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function el(name, textContent) {
    var node = document.createElement(name);
    if (textContent !== undefined) node.textContent = textContent;
    return node;
  }

  function link(href, label) {
    var a = el('a', label);
    if (href) a.setAttribute('href', href);
    return a;
  }

  function svg(name, attributes, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, String(attributes[key]));
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  var num = oneDecimal;

  // ---- radar ------------------------------------------------------------------------------

  function wrap(label, width, maxLines) {
    var words = label.split(' ').filter(function (w) { return w !== ''; });
    var lines = [];
    var current = '';
    words.forEach(function (word) {
      if (current === '') current = word;
      else if (current.length + 1 + word.length <= width) current += ' ' + word;
      else { lines.push(current); current = word; }
    });
    if (current !== '') lines.push(current);
    if (lines.length === 0) lines.push('');
    if (lines.length <= maxLines) return { lines: lines, truncated: false };
    var kept = lines.slice(0, maxLines);
    var last = kept[maxLines - 1];
    if (last.length >= width) last = last.slice(0, Math.max(1, width - 1));
    kept[maxLines - 1] = last + '\u2026';
    return { lines: kept, truncated: true };
  }

  function marker(style, x, y, parent, tip) {
    var node;
    var c = style.colour;
    switch (style.marker) {
      case 'square':
        node = svg('rect', { x: num(x - 3.5), y: num(y - 3.5), width: 7, height: 7, fill: c }, parent);
        break;
      case 'triangle':
        node = svg('path', { d: 'M' + num(x) + ' ' + num(y - 5) + 'L' + num(x + 4.5) + ' ' + num(y + 3.5) + 'L' + num(x - 4.5) + ' ' + num(y + 3.5) + 'Z', fill: c }, parent);
        break;
      case 'diamond':
        node = svg('path', { d: 'M' + num(x) + ' ' + num(y - 5) + 'L' + num(x + 5) + ' ' + num(y) + 'L' + num(x) + ' ' + num(y + 5) + 'L' + num(x - 5) + ' ' + num(y) + 'Z', fill: c }, parent);
        break;
      case 'cross':
        node = svg('path', { d: 'M' + num(x - 4) + ' ' + num(y - 4) + 'L' + num(x + 4) + ' ' + num(y + 4) + 'M' + num(x - 4) + ' ' + num(y + 4) + 'L' + num(x + 4) + ' ' + num(y - 4), fill: 'none', stroke: c, 'stroke-width': 2.5 }, parent);
        break;
      default:
        node = svg('circle', { cx: num(x), cy: num(y), r: 4, fill: c }, parent);
    }
    if (tip) svg('title', {}, node).textContent = tip;
    return node;
  }

  function ticksFor(data) {
    var ticks = [];
    for (var t = Math.ceil(data.min); t <= Math.floor(data.max) && ticks.length <= 100; t++) ticks.push(t);
    return ticks.length ? ticks : [data.min, data.max];
  }

  /** series: [{ name, style, values: { dimensionId: number } }]; missing values go to the centre. */
  function radar(data, series, titleText, descText) {
    var dims = data.dimensions;
    var n = dims.length;
    var cx = WIDTH / 2;
    var span = data.max - data.min;
    var ticks = ticksFor(data);
    // The lowest level sits one ring-step out from the centre, as in the build-time chart; the
    // centre itself is left for "no answer".
    var step = span / Math.max(1, ticks.length - 1);
    function distance(value) {
      var v = Math.min(Math.max(value, data.min), data.max);
      return RADIUS * (v - data.min + step) / (span + step);
    }
    function direction(i) {
      var angle = -Math.PI / 2 + 2 * Math.PI * i / n;   // axis 0 up, clockwise
      return { cos: Math.cos(angle), sin: Math.sin(angle) };
    }

    var answeredIds = series.length ? series[0].values : {};
    var labels = dims.map(function (d, i) {
      var dir = direction(i);
      var label = d.name + (Object.prototype.hasOwnProperty.call(answeredIds, d.id) ? '' : ' (no answer)');
      var wrapped = wrap(label, 18, 3);
      var x = cx + (RADIUS + LABEL_GAP) * dir.cos;
      var y = (RADIUS + LABEL_GAP) * dir.sin;
      var lines = wrapped.lines.length;
      var baseline;
      if (dir.sin < -0.3) baseline = y - (lines - 1) * LINE;
      else if (dir.sin > 0.3) baseline = y + FONT * 0.8;
      else baseline = y - (lines - 1) * LINE / 2 + FONT * 0.35;
      return {
        full: label,
        wrapped: wrapped,
        x: x,
        baseline: baseline,
        anchor: dir.cos > 0.3 ? 'start' : (dir.cos < -0.3 ? 'end' : 'middle')
      };
    });
    var highest = Math.min.apply(null, labels.map(function (l) { return l.baseline - FONT; }));
    var lowest = Math.max.apply(null, labels.map(function (l) { return l.baseline + (l.wrapped.lines.length - 1) * LINE + FONT * 0.3; }));
    var cy = PADDING - Math.min(highest, -RADIUS - 8);
    var legendTop = cy + Math.max(lowest, RADIUS + 8) + PADDING;
    var height = legendTop + 22 + 8;

    var root = svg('svg', {
      viewBox: '0 0 ' + WIDTH + ' ' + num(height),
      role: 'img',
      'aria-labelledby': 'sb-result-chart-title sb-result-chart-desc',
      'class': 'chart chart-radar'
    });
    svg('title', { id: 'sb-result-chart-title' }, root).textContent = titleText;
    svg('desc', { id: 'sb-result-chart-desc' }, root).textContent = descText;

    var grid = svg('g', { 'class': 'chart-grid', fill: 'none', stroke: 'currentColor', 'stroke-opacity': 0.35, 'stroke-width': 1 }, root);
    ticks.forEach(function (t) {
      svg('circle', { cx: num(cx), cy: num(cy), r: num(distance(t)) }, grid);
    });
    dims.forEach(function (d, i) {
      var dir = direction(i);
      svg('line', { x1: num(cx), y1: num(cy), x2: num(cx + RADIUS * dir.cos), y2: num(cy + RADIUS * dir.sin) }, grid);
    });
    var tickGroup = svg('g', { 'class': 'chart-ticks', 'font-size': SMALL_FONT, fill: 'currentColor' }, root);
    ticks.forEach(function (t) {
      svg('text', { x: num(cx + 4), y: num(cy - distance(t) + 13) }, tickGroup).textContent = String(t);
    });

    var dataGroup = svg('g', { 'class': 'chart-data' }, root);
    series.forEach(function (s, index) {
      var style = STYLES[s.style % STYLES.length];
      var group = svg('g', { 'class': 'chart-series chart-series-' + index }, dataGroup);
      var polygon = svg('polygon', {
        fill: style.colour, 'fill-opacity': 0.12, stroke: style.colour, 'stroke-width': 2.5, 'stroke-linejoin': 'round'
      }, group);
      if (style.dash) polygon.setAttribute('stroke-dasharray', style.dash);
      var points = [];
      dims.forEach(function (d, i) {
        var dir = direction(i);
        var has = Object.prototype.hasOwnProperty.call(s.values, d.id);
        var r = has ? distance(s.values[d.id]) : 0;
        var x = cx + r * dir.cos;
        var y = cy + r * dir.sin;
        points.push(num(x) + ',' + num(y));
        if (has) marker(style, x, y, group, s.name + ' \u2014 ' + d.name + ': ' + oneDecimal(s.values[d.id]));
      });
      polygon.setAttribute('points', points.join(' '));
    });

    var labelGroup = svg('g', { 'class': 'chart-labels', 'font-size': FONT, fill: 'currentColor' }, root);
    labels.forEach(function (l) {
      var t = svg('text', { 'class': 'chart-label', x: num(l.x), y: num(cy + l.baseline), 'text-anchor': l.anchor }, labelGroup);
      if (l.wrapped.truncated) svg('title', {}, t).textContent = l.full;
      l.wrapped.lines.forEach(function (line, i) {
        svg('tspan', { x: num(l.x), y: num(cy + l.baseline + i * LINE) }, t).textContent = line;
      });
    });

    var legend = svg('g', { 'class': 'chart-legend' }, root);
    var x = 16;
    series.forEach(function (s) {
      var style = STYLES[s.style % STYLES.length];
      var y = legendTop + 11;
      var item = svg('g', { 'class': 'chart-legend-item' }, legend);
      var line = svg('line', { x1: num(x), y1: num(y), x2: num(x + 30), y2: num(y), stroke: style.colour, 'stroke-width': 2.5 }, item);
      if (style.dash) line.setAttribute('stroke-dasharray', style.dash);
      marker(style, x + 15, y, item, null);
      svg('text', { x: num(x + 38), y: num(y + FONT * 0.35), 'font-size': FONT, fill: 'currentColor' }, item).textContent = s.name;
      x += 38 + s.name.length * FONT * 0.56 + 22;
    });
    return root;
  }

  // ---- rendering --------------------------------------------------------------------------

  function renderScore(target, dims, answers, data) {
    if (!target) return;
    clear(target);
    var score = el('strong', oneDecimal(weightedScore(dims, answers)));
    target.appendChild(score);
    target.appendChild(document.createTextNode(' out of ' + String(data.max)));
    target.appendChild(document.createTextNode(
      ' (weighted; ' + dims.length + ' of ' + data.dimensions.length + ' dimensions answered)'));
  }

  function renderNearest(target, nearest) {
    if (!target) return;
    clear(target);
    if (!nearest) {
      target.textContent = 'No archetype has scores for the dimensions you answered.';
      return;
    }
    target.appendChild(link(nearest.archetype.url, nearest.archetype.title));
    target.appendChild(document.createTextNode(
      ' (distance ' + oneDecimal(nearest.distance) + '; 0 means identical scores)'));
  }

  function renderChart(target, answers, nearest, data) {
    if (!target) return;
    clear(target);
    var series = [{ name: 'Your answers', style: 0, values: answers }];
    var desc = 'Your answers on each dimension';
    if (nearest) {
      var values = {};
      data.dimensions.forEach(function (d) {
        var s = nearest.archetype.scores[d.id];
        if (isFiniteNumber(s)) values[d.id] = s;
      });
      series.push({ name: nearest.archetype.title, style: 1, values: values });
      desc += ' compared with ' + nearest.archetype.title;
    }
    desc += ', on a scale from ' + data.min + ' to ' + data.max + '.';
    target.appendChild(radar(data, series, 'Your self-assessment', desc));
  }

  function renderWeakest(target, list, answers, data) {
    if (!target) return;
    clear(target);
    var container = target;
    var tag = target.tagName ? target.tagName.toLowerCase() : '';
    if (tag !== 'ul' && tag !== 'ol') {
      container = el('ol');
      target.appendChild(container);
    }
    list.forEach(function (d) {
      var item = el('li');
      item.appendChild(link(d.url, d.name));
      var level = answers[d.id];
      var descriptor = d.levels[Math.round(level - data.min)] || '';
      item.appendChild(document.createTextNode(
        ': your answer ' + String(level) + ' of ' + String(data.max) + (descriptor ? ' \u2014 ' + descriptor : '')));
      if (d.remedies.length) {
        var remedies = el('ul');
        d.remedies.forEach(function (r) {
          var li = el('li');
          li.appendChild(link(r.url, r.title));
          if (r.kind) li.appendChild(document.createTextNode(' (' + r.kind + ')'));
          remedies.appendChild(li);
        });
        item.appendChild(remedies);
      }
      container.appendChild(item);
    });
  }

  // ---- wiring -----------------------------------------------------------------------------

  function start() {
    var data = readData();
    var form = document.getElementById('sb-self-assessment');
    if (!data || !form) return;
    var result = document.getElementById('sb-assessment-result');
    var parts = {
      score: document.getElementById('sb-result-score'),
      nearest: document.getElementById('sb-result-nearest'),
      chart: document.getElementById('sb-result-chart'),
      weakest: document.getElementById('sb-result-weakest'),
      link: document.getElementById('sb-result-link')
    };
    var radios = radiosByDimension(form, data);

    function update(writeURL) {
      var answers = readAnswers(radios, data);
      if (writeURL) replaceQuery(queryFor(answers, data));
      var dims = answered(answers, data);
      if (dims.length === 0) {
        if (result) result.hidden = true;
        return;
      }
      var nearest = nearestArchetype(dims, answers, data);
      renderScore(parts.score, dims, answers, data);
      renderNearest(parts.nearest, nearest);
      renderChart(parts.chart, answers, nearest, data);
      renderWeakest(parts.weakest, weakest(dims, answers), answers, data);
      if (parts.link) parts.link.setAttribute('href', shareURL(queryFor(answers, data)));
      if (result) result.hidden = false;
    }

    applyQuery(radios, data);
    // Normalise the URL (dimension order, no unknown keys) only when there is something to keep:
    // answers from the query, or ones the browser restored into the form.
    update(Object.keys(readAnswers(radios, data)).length > 0);

    form.addEventListener('change', function () { update(true); });
    form.addEventListener('reset', function () {
      // The reset event fires before the controls are cleared.
      window.setTimeout(function () {
        replaceQuery('');
        if (result) result.hidden = true;
      }, 0);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
