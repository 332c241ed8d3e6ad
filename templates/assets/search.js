/* Switchboard search. The index is built with the site (search/manifest.json and the files it
   names); this file fetches only the pieces a query needs: the manifest, the term shards of
   its words, and the page files of the results on screen. The header box is an ARIA 1.2
   combobox with a listbox of results; the search page (/search/?q=) lists them all, with
   filters by collection and by the schema's facets. No dependencies; data only ever reaches
   the page as text nodes. In Node (tests) it exports its text and ranking functions. */
(function () {
  'use strict';

  // ---- text: the twin of Sources/SwitchboardKit/Publish/Search/SearchTokenizer.swift and
  // SearchStemmer.swift. Both follow Tests/SwitchboardKitTests/Fixtures/search-vectors.json.
  var STOP = new Set(('a an and are as at be but by can do does for from has have how if in into is it its ' +
    'not of on or our so than that the their them then there these they this those to was we were what ' +
    'when where which who why will with you your').split(' '));
  var DERIVATIONS = [['isation', 'ize', 3], ['ization', 'ize', 3], ['ational', 'ate', 3], ['fulness', 'ful', 3],
    ['iveness', 'ive', 3], ['ation', 'ate', 3], ['ness', '', 3], ['ment', '', 4], ['ise', 'ize', 3]];

  function words(text) {
    var folded = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/\u03c2/g, '\u03c3').replace(/['\u2019]/g, '');
    return folded.split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w.length >= 2 && w.length <= 40 && !STOP.has(w);
    });
  }

  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (/(sses|xes|ches|shes)$/.test(w)) w = w.slice(0, -2);
    else if (/ies$/.test(w) && w.length >= 5) w = w.slice(0, -3) + 'y';
    else if (/s$/.test(w) && !/(ss|us)$/.test(w)) w = w.slice(0, -1);
    var inflected = false;
    if (/ied$/.test(w) && w.length >= 5) w = w.slice(0, -3) + 'y';
    else if (/eed$/.test(w) && w.length >= 5) w = w.slice(0, -1);
    else if (/ing$/.test(w) && w.length >= 6 && /[aeiouy]/.test(w.slice(0, -3))) { w = w.slice(0, -3); inflected = true; }
    else if (/ed$/.test(w) && w.length >= 5 && /[aeiouy]/.test(w.slice(0, -2))) { w = w.slice(0, -2); inflected = true; }
    if (inflected) {
      var n = w.length;
      if (n >= 2 && w[n - 1] === w[n - 2] && !/[aeiouylsfz]/.test(w[n - 1])) w = w.slice(0, -1);
      if (/is$/.test(w)) w = w.slice(0, -1) + 'z';
    }
    if (/ly$/.test(w) && w.length >= 6) w = w.slice(0, -2);
    for (var i = 0; i < DERIVATIONS.length; i++) {
      var d = DERIVATIONS[i];
      if (w.slice(-d[0].length) === d[0] && w.length - d[0].length >= d[2]) { w = w.slice(0, -d[0].length) + d[1]; break; }
    }
    if (/e$/.test(w) && w.length >= 4) w = w.slice(0, -1);
    return w;
  }

  // A query: its distinct stems, adjacent pairs, and the last word as typed when it may be
  // unfinished (completions of it count at half weight).
  function parse(text, finished) {
    var typed = words(text), terms = [], pairs = [];
    typed.forEach(function (w, i) {
      var s = stem(w);
      if (terms.indexOf(s) < 0) terms.push(s);
      var pair = i > 0 ? stem(typed[i - 1]) + ' ' + s : null;
      if (pair && stem(typed[i - 1]) !== s && pairs.indexOf(pair) < 0) pairs.push(pair);
    });
    var last = typed[typed.length - 1];
    var prefix = !finished && last && last.length >= 3 ? last : null;
    return { terms: terms, pairs: pairs, prefix: prefix, prefixTerm: prefix ? terms.indexOf(stem(last)) : -1 };
  }

  // ---- the index (the reference ranking is SearchEngine.swift) ----------------------------
  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var VALUE = [];
  for (var a = 0; a < 64; a++) VALUE[ALPHABET.charCodeAt(a)] = a;

  // Calls fn(doc, level) for each posting of an encoded list (level 0 for document sets).
  function decode(text, scored, fn) {
    var doc = 0, i = 0;
    while (i < text.length) {
      var v, gap = 0, shift = 0;
      do { v = VALUE[text.charCodeAt(i++)]; gap += (v & 31) * Math.pow(2, shift); shift += 5; } while (v >= 32);
      doc += gap;
      fn(doc, scored ? VALUE[text.charCodeAt(i++)] : 0);
    }
  }

  function shardOf(keys, term) {
    var lo = 0, hi = keys.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (keys[mid] <= term) lo = mid; else hi = mid - 1; }
    return lo;
  }

  // Which shards a query needs: those of its words and pairs, and up to three for completions.
  function shardsFor(m, q) {
    var need = [];
    function add(i) { if (need.indexOf(i) < 0) need.push(i); }
    q.terms.concat(q.pairs).forEach(function (t) { add(shardOf(m.keys, t)); });
    if (q.prefix) {
      var first = shardOf(m.keys, q.prefix), last = Math.min(shardOf(m.keys, q.prefix + '\uffff'), first + 2);
      for (var i = first; i <= last; i++) add(i);
    }
    return need.sort(function (x, y) { return x - y; });
  }

  // Ranks documents: more of the query's words first, then the sum of their scores.
  function rank(m, q, shards) {
    var lists = {};
    shards.forEach(function (s) { s.t.forEach(function (t, i) { lists[t] = s.p[i]; }); });
    var score = new Map(), bits = new Map();
    function credit(doc, points, bit) {
      score.set(doc, (score.get(doc) || 0) + points);
      if (bit) bits.set(doc, (bits.get(doc) || 0) | bit);
    }
    q.terms.forEach(function (term, i) {
      var best = new Map();
      function take(list, half) {
        decode(list, true, function (doc, level) {
          var points = half ? m.scores[level] >> 1 : m.scores[level];
          if (!(best.get(doc) >= points)) best.set(doc, points);
        });
      }
      if (lists[term] !== undefined) take(lists[term], false);
      if (i === q.prefixTerm) {
        Object.keys(lists).filter(function (t) { return t !== term && t.indexOf(' ') < 0 && t.indexOf(q.prefix) === 0; })
          .sort(function (x, y) { return lists[y].length - lists[x].length || (x < y ? -1 : x > y ? 1 : 0); })
          .slice(0, 20).forEach(function (t) { take(lists[t], true); });
      }
      best.forEach(function (points, doc) { credit(doc, points, 1 << i); });
    });
    q.pairs.forEach(function (pair) {
      if (lists[pair] !== undefined) decode(lists[pair], true, function (doc, level) { credit(doc, m.scores[level], 0); });
    });
    var out = [];
    score.forEach(function (points, doc) {
      var b = bits.get(doc) || 0, matched = 0;
      for (; b; b &= b - 1) matched++;
      out.push({ doc: doc, score: points, matched: matched });
    });
    return out.sort(function (x, y) { return y.matched - x.matched || y.score - x.score || x.doc - y.doc; });
  }

  function Index(url, load) {
    this.base = new URL('./', url);
    this.name = new URL(url).pathname.split('/').pop();
    this.load = load || function (u) {
      return fetch(u).then(function (r) { if (!r.ok) throw new Error(r.status + ' ' + u); return r.json(); });
    };
    this.cache = {};
  }
  Index.prototype.get = function (path) {
    var cache = this.cache;
    if (!cache[path]) {
      cache[path] = this.load(new URL(path, this.base).href);
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  };
  Index.prototype.manifest = function () { return this.get(this.name); };
  Index.prototype.search = function (text, finished) {
    var self = this, q = parse(text, finished);
    return this.manifest().then(function (m) {
      if (!q.terms.length) return { query: q, results: [] };
      return Promise.all(shardsFor(m, q).map(function (i) {
        return self.get('t/' + i + '-' + m.shards.substr(i * 8, 8) + '.json');
      })).then(function (shards) { return { query: q, results: rank(m, q, shards) }; });
    });
  };
  Index.prototype.doc = function (n) {
    var self = this;
    return this.manifest().then(function (m) {
      var b = Math.floor(n / m.block);
      return self.get('d/' + b + '-' + m.blocks.substr(b * 8, 8) + '/' + n + '.json').then(function (d) {
        return { title: d.t, url: new URL(d.u, new URL('../', self.base)).pathname, summary: d.s, text: d.x };
      });
    });
  };
  // The set of documents having a facet value.
  Index.prototype.facet = function (facet, value) {
    return this.get('f/' + facet.file + '.json').then(function (f) {
      var set = new Set(), i = facet.values.findIndex(function (v) { return v[0] === value; });
      if (i >= 0) decode(f.v[i], false, function (doc) { set.add(doc); });
      return set;
    });
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = { words: words, stem: stem, parse: parse, decode: decode, shardsFor: shardsFor, rank: rank, Index: Index };
    return;
  }

  // ---- passages and highlighting --------------------------------------------------------
  var WORD = /[\p{L}\p{N}\p{M}'\u2019]+/gu;

  // The query term a word of the text matches, or null.
  function hitOf(q, word) {
    var parts = words(word);
    for (var i = 0; i < parts.length; i++) {
      var s = stem(parts[i]);
      if (q.terms.indexOf(s) >= 0) return s;
      if (q.prefix && parts[i].indexOf(q.prefix) === 0) return q.prefix;
    }
    return null;
  }

  function scan(q, text) {
    var list = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) list.push({ start: m.index, end: m.index + m[0].length, hit: hitOf(q, m[0]) });
    return list;
  }

  // Appends text to el, each matching word in a <mark>; from/to bound the words shown.
  function marked(el, text, tokens, from, to) {
    var at = from < tokens.length ? tokens[from].start : text.length;
    for (var i = from; i < to; i++) {
      var t = tokens[i];
      if (!t.hit) continue;
      el.appendChild(document.createTextNode(text.slice(at, t.start)));
      el.appendChild(document.createElement('mark')).textContent = text.slice(t.start, t.end);
      at = t.end;
    }
    el.appendChild(document.createTextNode(text.slice(at, to > from ? tokens[to - 1].end : at)));
    return el;
  }

  // The best run of `size` words: most distinct query words, then earliest.
  function passage(q, doc, size) {
    var best = null;
    (doc.text || []).concat(doc.summary ? [doc.summary] : []).forEach(function (text) {
      var tokens = scan(q, text);
      tokens.forEach(function (t, i) {
        if (!t.hit) return;
        var from = Math.max(0, i - 5), to = Math.min(tokens.length, from + size), seen = new Set(), count = 0;
        for (var j = from; j < to; j++) if (tokens[j].hit) { seen.add(tokens[j].hit); count++; }
        var value = seen.size * 1000 + Math.min(count, 999);
        if (!best || value > best.value) best = { value: value, text: text, tokens: tokens, from: from, to: to };
      });
    });
    if (!best) {
      var text = doc.summary || (doc.text || [''])[0] || '', tokens = scan(q, text);
      best = { text: text, tokens: tokens, from: 0, to: Math.min(tokens.length, size) };
    }
    return best;
  }

  function passageElement(q, doc, size, className) {
    var p = passage(q, doc, size), el = document.createElement('span');
    el.className = className;
    if (p.from > 0) el.appendChild(document.createTextNode('… '));
    marked(el, p.text, p.tokens, p.from, p.to);
    if (p.to < p.tokens.length) el.appendChild(document.createTextNode(' …'));
    return el;
  }

  function titleElement(q, doc, tag) {
    var tokens = scan(q, doc.title);
    return marked(document.createElement(tag), doc.title, tokens, 0, tokens.length);
  }

  function groupOf(m, doc) {
    for (var i = 0; i < m.groups.length; i++) if (doc >= m.groups[i].start && doc < m.groups[i].end) return m.groups[i];
    return null;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function debounce(fn, ms) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // ---- the header box: an ARIA 1.2 combobox with a listbox popup -------------------------
  function Combobox(form, index) {
    var input = form.querySelector('input[type="search"]');
    var list = el('ul', 'site-search-listbox'), live = el('div', 'sr-only');
    var options = [], active = -1, seq = 0, SHOWN = 7;
    list.id = input.id + '-listbox';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Search results');
    list.hidden = true;
    live.setAttribute('role', 'status');
    form.appendChild(list);
    form.appendChild(live);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);

    function open(yes) {
      list.hidden = !yes;
      input.setAttribute('aria-expanded', String(yes));
      if (!yes) activate(-1);
    }
    function activate(i) {
      if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
      active = i;
      if (i >= 0) {
        options[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function option(href, build) {
      var li = el('li', 'search-option');
      li.id = list.id + '-' + options.length;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.href = href;
      build(li);
      options.push(li);
      list.appendChild(li);
    }
    function all() { return form.action + '?q=' + encodeURIComponent(input.value.trim()); }

    function run() {
      var text = input.value, mine = ++seq;
      if (!text.trim()) { open(false); live.textContent = ''; return; }
      index.search(text, false).then(function (r) {
        return index.manifest().then(function (m) {
          return Promise.all(r.results.slice(0, SHOWN).map(function (x) { return index.doc(x.doc); })).then(function (docs) {
            if (mine !== seq) return;
            activate(-1);
            list.textContent = '';
            options = [];
            docs.forEach(function (doc, i) {
              option(doc.url, function (li) {
                li.appendChild(titleElement(r.query, doc, 'span')).className = 'search-option-title';
                var g = groupOf(m, r.results[i].doc);
                if (g) li.appendChild(el('span', 'search-option-meta', g.label));
                li.appendChild(passageElement(r.query, doc, 14, 'search-option-passage'));
              });
            });
            if (r.results.length) {
              option(all(), function (li) { li.className += ' search-option-all'; li.textContent = 'All ' + r.results.length + ' results'; });
            }
            open(r.results.length > 0);
            live.textContent = r.results.length ? r.results.length + ' results, use the arrow keys to browse' : 'No results';
          });
        });
      }).catch(function () { if (mine === seq) live.textContent = 'Search is unavailable'; });
    }

    input.addEventListener('input', debounce(run, 90));
    input.addEventListener('focus', function () { index.manifest().catch(function () {}); });
    input.addEventListener('keydown', function (e) {
      var n = options.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (list.hidden) { if (n) { open(true); activate(e.key === 'ArrowDown' ? 0 : n - 1); } else run(); return; }
        activate(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
        e.preventDefault();
        location.href = options[active].dataset.href;
      } else if (e.key === 'Escape') {
        if (!list.hidden) { e.preventDefault(); open(false); } else if (input.value) { e.preventDefault(); input.value = ''; }
      }
    });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
    list.addEventListener('click', function (e) {
      var li = e.target.closest('[role="option"]');
      if (li) location.href = li.dataset.href;
    });
    form.addEventListener('focusout', function (e) { if (!form.contains(e.relatedTarget)) open(false); });
    return input;
  }

  // ---- the search page -------------------------------------------------------------------
  function SearchPage(form, index) {
    var input = form.querySelector('input[type="search"]');
    var filters = document.getElementById('sb-search-filters');
    var status = document.getElementById('sb-search-status');
    var results = document.getElementById('sb-search-results');
    var more = document.getElementById('sb-search-more');
    var params = new URLSearchParams(location.search), chosen = {}, seq = 0, hits = [], shown = 0, query = null, PAGE = 10;
    params.forEach(function (v, k) { if (k !== 'q') chosen[k] = v; });
    input.value = params.get('q') || '';
    document.getElementById('sb-search-nojs').hidden = true;

    function select(name, label, values) {
      var wrap = el('p', 'search-filter'), id = 'sb-filter-' + name.replace(/[^a-z0-9]/gi, '-');
      var s = el('select');
      s.id = id;
      s.name = name;
      var lab = wrap.appendChild(el('label', null, label));
      lab.htmlFor = id;
      s.appendChild(el('option', null, 'All')).value = '';
      values.forEach(function (v) {
        var o = s.appendChild(el('option', null, v[1]));
        o.value = v[0];
        o.selected = chosen[name] === v[0];
      });
      s.addEventListener('change', function () {
        if (s.value) chosen[name] = s.value; else delete chosen[name];
        if (name === 'in') drawFilters().then(function () { document.getElementById(id).focus(); run(); }); else run();
      });
      wrap.appendChild(s);
      filters.appendChild(wrap);
      return s;
    }

    // Collections, then tags, then the enum fields of the chosen collection.
    function drawFilters() {
      return index.manifest().then(function (m) {
        filters.textContent = '';
        select('in', 'Collection', m.groups.filter(function (g) { return g.end > g.start; }).map(function (g) {
          return [g.name, g.label];
        }));
        m.facets.forEach(function (f) {
          if (f.collection && f.collection !== chosen['in']) { delete chosen[f.name]; return; }
          var values = f.values.filter(function (v) { return v[2] > 0; });
          if (values.length) select(f.name, f.label, values);
        });
        filters.hidden = false;
      });
    }

    // The number of results in each collection, in the collection filter's options.
    function showCounts(m, counts) {
      var s = document.getElementById('sb-filter-in');
      if (!s) return;
      Array.prototype.forEach.call(s.options, function (o) {
        var g = m.groups.find(function (x) { return x.name === o.value; });
        if (g) o.textContent = g.label + (counts ? ' (' + (counts[g.name] || 0) + ')' : '');
      });
    }

    function draw(count, focus) {
      var end = Math.min(hits.length, shown + count), first = null;
      index.manifest().then(function (m) {
        return Promise.all(hits.slice(shown, end).map(function (x) { return index.doc(x.doc); })).then(function (docs) {
          docs.forEach(function (doc, i) {
            var li = el('li', 'search-result'), h = li.appendChild(el('h2', 'search-result-title'));
            var a = titleElement(query, doc, 'a');
            a.href = doc.url;
            h.appendChild(a);
            var g = groupOf(m, hits[shown + i].doc);
            li.appendChild(el('p', 'search-result-meta', (g ? g.label + ' · ' : '') + doc.url));
            li.appendChild(el('p', 'search-result-passage')).appendChild(passageElement(query, doc, 32, 'search-passage'));
            results.appendChild(li);
            first = first || a;
          });
          shown = end;
          more.hidden = shown >= hits.length;
          return first;
        });
      }).then(function (a) { if (a && focus) a.focus(); });
    }

    function run() {
      var text = input.value.trim(), mine = ++seq, url = new URL(location.href);
      url.search = '';
      if (text) url.searchParams.set('q', text);
      Object.keys(chosen).forEach(function (k) { url.searchParams.set(k, chosen[k]); });
      history.replaceState(null, '', url.pathname + url.search);
      if (!text) { results.textContent = ''; status.textContent = ''; more.hidden = true; index.manifest().then(function (m) { showCounts(m, null); }); return; }
      index.search(text, false).then(function (r) {
        return index.manifest().then(function (m) {
          var sets = m.facets.filter(function (f) { return chosen[f.name]; }).map(function (f) { return index.facet(f, chosen[f.name]); });
          return Promise.all(sets).then(function (sets) {
            if (mine !== seq) return;
            var counts = {}, group = m.groups.find(function (g) { return g.name === chosen['in']; });
            var kept = r.results.filter(function (x) { return sets.every(function (s) { return s.has(x.doc); }); });
            kept.forEach(function (x) { var g = groupOf(m, x.doc); if (g) counts[g.name] = (counts[g.name] || 0) + 1; });
            hits = group ? kept.filter(function (x) { return x.doc >= group.start && x.doc < group.end; }) : kept;
            query = r.query;
            shown = 0;
            results.textContent = '';
            status.textContent = (hits.length || 'No') + (hits.length === 1 ? ' result' : ' results') + ' for “' + text + '”' +
              (group ? ' in ' + group.label : '');
            showCounts(m, counts);
            draw(PAGE, false);
          });
        });
      }).catch(function () { if (mine === seq) status.textContent = 'Search is unavailable: the index could not be loaded.'; });
    }

    input.addEventListener('input', debounce(run, 120));
    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
    more.addEventListener('click', function () { draw(PAGE, true); });
    drawFilters().then(function () { if (input.value) run(); });
    return input;
  }

  function start() {
    var page = document.getElementById('sb-search-form'), header = document.querySelector('form.site-search');
    var source = (page || header) && (page || header).dataset.searchIndex;
    if (!source) return;
    var index = new Index(new URL(source, location.href).href);
    var target = page ? SearchPage(page, index) : null;
    var box = header ? Combobox(header, index) : null;
    document.addEventListener('keydown', function (e) {
      var t = e.target, tag = t && t.tagName;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' ||
        (t && t.isContentEditable)) return;
      e.preventDefault();
      (target || box).focus();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
