/* Switchboard search: the header box, an ARIA 1.2 combobox. The index is built with the site
   (search/manifest.json); a query fetches only the manifest, its words' term shards and the
   files of the results shown. Data reaches the page only as text nodes. search-page.js draws
   the search page with what this shares; in Node (tests) this exports text and ranking. */
(() => {
  'use strict';

  // ---- text: the twin of SearchTokenizer.swift and SearchStemmer.swift; both are held to
  // Tests/SwitchboardKitTests/Fixtures/search-vectors.json.
  const STOP = new Set(('a an and are as at be but by can do does for from has have how if in into is it its not of ' +
    'on or our so than that the their them then there these they this those to was we were what when where which ' +
    'who why will with you your').split(' '));
  const DERIVED = [['isation', 'ize', 3], ['ization', 'ize', 3], ['ational', 'ate', 3], ['fulness', 'ful', 3],
    ['iveness', 'ive', 3], ['ation', 'ate', 3], ['ness', '', 3], ['ment', '', 4], ['ise', 'ize', 3]];

  const words = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/\u03c2/g, '\u03c3').replace(/['\u2019]/g, '').split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && w.length <= 40 && !STOP.has(w));

  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    const cut = (n, add) => w.slice(0, -n) + (add || '');
    if (/(sses|xes|ches|shes)$/.test(w)) w = cut(2);
    else if (/ies$/.test(w) && w.length >= 5) w = cut(3, 'y');
    else if (/s$/.test(w) && !/(ss|us)$/.test(w)) w = cut(1);
    let inflected = false;
    if (/ied$/.test(w) && w.length >= 5) w = cut(3, 'y');
    else if (/eed$/.test(w) && w.length >= 5) w = cut(1);
    else if (/ing$/.test(w) && w.length >= 6 && /[aeiouy]/.test(w.slice(0, -3))) { w = cut(3); inflected = true; }
    else if (/ed$/.test(w) && w.length >= 5 && /[aeiouy]/.test(w.slice(0, -2))) { w = cut(2); inflected = true; }
    if (inflected) {
      const n = w.length;
      if (w[n - 1] === w[n - 2] && !/[aeiouylsfz]/.test(w[n - 1])) w = cut(1);
      if (/is$/.test(w)) w = cut(1, 'z');
    }
    if (/ly$/.test(w) && w.length >= 6) w = cut(2);
    for (const [suffix, add, keep] of DERIVED) {
      if (w.endsWith(suffix) && w.length - suffix.length >= keep) { w = cut(suffix.length, add); break; }
    }
    if (/e$/.test(w) && w.length >= 4) w = cut(1);
    return w;
  }

  // A query: distinct stems, adjacent pairs, and the last word as typed while it may be
  // unfinished (its completions count at half weight).
  function parse(text, finished) {
    const typed = words(text), stems = typed.map(stem), terms = [], pairs = [];
    stems.forEach((s, i) => {
      if (!terms.includes(s)) terms.push(s);
      const pair = i && stems[i - 1] !== s ? stems[i - 1] + ' ' + s : null;
      if (pair && !pairs.includes(pair)) pairs.push(pair);
    });
    const last = typed[typed.length - 1];
    const prefix = !finished && last && last.length >= 3 ? last : null;
    return { terms, pairs, prefix, prefixTerm: prefix ? terms.indexOf(stem(last)) : -1 };
  }

  // ---- the index: SearchEngine.swift is the reference of what follows --------------------
  const VALUE = [];
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].forEach((c, i) => { VALUE[c.charCodeAt(0)] = i; });

  // fn(doc, level) for each entry of an encoded list (see SearchCodec.swift).
  function decode(text, scored, fn) {
    for (let i = 0, doc = 0; i < text.length;) {
      let v, gap = 0, shift = 0;
      do { v = VALUE[text.charCodeAt(i++)]; gap += (v & 31) * 2 ** shift; shift += 5; } while (v >= 32);
      doc += gap;
      fn(doc, scored ? VALUE[text.charCodeAt(i++)] : 0);
    }
  }

  function shardOf(keys, term) {
    let lo = 0, hi = keys.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (keys[mid] <= term) lo = mid; else hi = mid - 1; }
    return lo;
  }

  // The shards of a query's words and pairs, and up to three for completions.
  function shardsFor(m, q) {
    const need = new Set(q.terms.concat(q.pairs).map((t) => shardOf(m.keys, t)));
    if (q.prefix) {
      const first = shardOf(m.keys, q.prefix), last = Math.min(shardOf(m.keys, q.prefix + '\uffff'), first + 2);
      for (let i = first; i <= last; i++) need.add(i);
    }
    return [...need].sort((x, y) => x - y);
  }

  // More of the query's words first, then the sum of their scores, then document order.
  function rank(m, q, shards) {
    const lists = {}, score = new Map(), bits = new Map();
    shards.forEach((s) => s.t.forEach((t, i) => { lists[t] = s.p[i]; }));
    q.terms.forEach((term, i) => {
      const best = new Map();
      const take = (list, half) => decode(list, true, (doc, level) => {
        const points = half ? m.scores[level] >> 1 : m.scores[level];
        if (!(best.get(doc) >= points)) best.set(doc, points);
      });
      if (lists[term] !== undefined) take(lists[term], false);
      if (i === q.prefixTerm) {
        Object.keys(lists).filter((t) => t !== term && !t.includes(' ') && t.startsWith(q.prefix))
          .sort((x, y) => lists[y].length - lists[x].length || (x < y ? -1 : 1))
          .slice(0, 20).forEach((t) => take(lists[t], true));
      }
      best.forEach((points, doc) => {
        score.set(doc, (score.get(doc) || 0) + points);
        bits.set(doc, (bits.get(doc) || 0) | (1 << i));
      });
    });
    q.pairs.forEach((pair) => {
      if (lists[pair] !== undefined) decode(lists[pair], true, (doc, level) => score.set(doc, (score.get(doc) || 0) + m.scores[level]));
    });
    const out = [];
    score.forEach((points, doc) => {
      let matched = 0;
      for (let b = bits.get(doc); b; b &= b - 1) matched++;
      out.push({ doc, score: points, matched });
    });
    return out.sort((x, y) => y.matched - x.matched || y.score - x.score || x.doc - y.doc);
  }

  class Index {
    constructor(url, load) {
      this.base = new URL('./', url);
      this.name = new URL(url).pathname.split('/').pop();
      this.load = load || ((u) => fetch(u).then((r) => { if (!r.ok) throw new Error(r.status + ' ' + u); return r.json(); }));
      this.cache = {};
    }
    get(path) {
      if (!this.cache[path]) {
        this.cache[path] = this.load(new URL(path, this.base).href);
        this.cache[path].catch(() => { delete this.cache[path]; });
      }
      return this.cache[path];
    }
    manifest() { return this.get(this.name); }
    async search(text, finished) {
      const m = await this.manifest(), q = parse(text, finished);
      if (!q.terms.length) return { query: q, results: [] };
      const shards = await Promise.all(shardsFor(m, q).map((i) => this.get(`t/${i}-${m.shards.substr(i * 8, 8)}.json`)));
      return { query: q, results: rank(m, q, shards) };
    }
    async doc(n) {
      const m = await this.manifest(), b = Math.floor(n / m.block);
      const d = (await this.get(`d/${b}-${m.blocks.substr(b * 8, 8)}/${Math.floor(n / m.pack)}.json`))[n % m.pack];
      return { title: d.t, url: new URL(d.u, new URL('../', this.base)).pathname, summary: d.s, text: d.x };
    }
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { words, stem, parse, decode, shardsFor, rank, Index };
    return;
  }

  // ---- passages and highlighting --------------------------------------------------------
  const WORD = /[\p{L}\p{N}\p{M}'\u2019]+/gu;

  // Each word of a text, with the query term it matches (or null).
  function scan(q, text) {
    return [...text.matchAll(WORD)].map((m) => {
      let hit = null;
      for (const part of words(m[0])) {
        const s = stem(part);
        if (q.terms.includes(s)) { hit = s; break; }
        if (q.prefix && part.startsWith(q.prefix)) { hit = q.prefix; break; }
      }
      return { start: m.index, end: m.index + m[0].length, hit };
    });
  }

  // The words from..to of a text, matching ones in <mark>.
  function marked(el, text, tokens, from, to) {
    let at = from < tokens.length ? tokens[from].start : text.length;
    for (const t of tokens.slice(from, to)) {
      if (!t.hit) continue;
      el.append(text.slice(at, t.start), make('mark', null, text.slice(t.start, t.end)));
      at = t.end;
    }
    el.append(text.slice(at, to > from ? tokens[to - 1].end : at));
    return el;
  }

  // The run of `size` words with the most distinct query words (the earliest of equals).
  function passage(q, doc, size, className) {
    let best = null;
    for (const text of (doc.text || []).concat(doc.summary || [])) {
      const tokens = scan(q, text);
      tokens.forEach((t, i) => {
        if (!t.hit) return;
        const from = Math.max(0, i - 5), to = Math.min(tokens.length, from + size), run = tokens.slice(from, to);
        const value = new Set(run.map((x) => x.hit).filter(Boolean)).size * 1000 + run.filter((x) => x.hit).length;
        if (!best || value > best.value) best = { value, text, tokens, from, to };
      });
    }
    if (!best) {
      const text = doc.summary || (doc.text || [''])[0] || '', tokens = scan(q, text);
      best = { text, tokens, from: 0, to: Math.min(tokens.length, size) };
    }
    const el = make('span', className, best.from > 0 ? '… ' : '');
    marked(el, best.text, best.tokens, best.from, best.to);
    if (best.to < best.tokens.length) el.append(' …');
    return el;
  }

  const title = (q, doc, tag, className) => {
    const tokens = scan(q, doc.title);
    return marked(make(tag, className), doc.title, tokens, 0, tokens.length);
  };
  const groupOf = (m, doc) => m.groups.find((g) => doc >= g.start && doc < g.end);

  function make(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function debounce(fn, ms) {
    let timer;
    return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // ---- the header box: an ARIA 1.2 combobox with a listbox popup -------------------------
  function combobox(form, index) {
    const input = form.querySelector('input[type="search"]'), list = make('ul', 'site-search-listbox');
    const live = make('div', 'sr-only'), SHOWN = 7;
    let options = [], active = -1, seq = 0;
    list.id = input.id + '-listbox';
    list.hidden = true;
    const attrs = (el, values) => Object.keys(values).forEach((k) => el.setAttribute(k, values[k]));
    attrs(list, { role: 'listbox', 'aria-label': 'Search results' });
    attrs(live, { role: 'status' });
    attrs(input, { role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': list.id });
    form.append(list, live);

    function activate(i) {
      if (options[active]) options[active].setAttribute('aria-selected', 'false');
      active = i;
      if (options[i]) {
        options[i].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', options[i].id);
        options[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function open(yes) {
      list.hidden = !yes;
      input.setAttribute('aria-expanded', String(yes));
      if (!yes) activate(-1);
    }
    function option(href, ...children) {
      const li = make('li', 'search-option');
      attrs(li, { id: list.id + '-' + options.length, role: 'option', 'aria-selected': 'false' });
      li.dataset.href = href;
      li.append(...children);
      options.push(li);
      list.append(li);
      return li;
    }

    async function run() {
      const text = input.value, mine = ++seq;
      if (!text.trim()) { open(false); live.textContent = ''; return; }
      try {
        const r = await index.search(text, false), m = await index.manifest();
        const docs = await Promise.all(r.results.slice(0, SHOWN).map((x) => index.doc(x.doc)));
        if (mine !== seq) return;
        activate(-1);
        list.textContent = '';
        options = [];
        docs.forEach((doc, i) => option(doc.url, title(r.query, doc, 'span', 'search-option-title'),
          make('span', 'search-option-meta', (groupOf(m, r.results[i].doc) || {}).label),
          passage(r.query, doc, 14, 'search-option-passage')));
        const n = r.results.length;
        if (n) option(form.action + '?q=' + encodeURIComponent(text.trim()), `All ${n} results`).classList.add('search-option-all');
        open(n > 0 && document.activeElement === input);
        live.textContent = n ? n + ' results, use the arrow keys to browse' : 'No results';
      } catch (e) {
        if (mine === seq) live.textContent = 'Search is unavailable';
      }
    }

    input.addEventListener('input', debounce(run, 90));
    input.addEventListener('focus', () => index.manifest().catch(() => {}));
    input.addEventListener('keydown', (e) => {
      const n = options.length, down = e.key === 'ArrowDown';
      if (down || e.key === 'ArrowUp') {
        e.preventDefault();
        if (!list.hidden) activate(down ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
        else if (n) { open(true); activate(down ? 0 : n - 1); } else run();
      } else if (e.key === 'Enter' && !list.hidden && options[active]) {
        e.preventDefault();
        location.href = options[active].dataset.href;
      } else if (e.key === 'Escape' && (!list.hidden || input.value)) {
        e.preventDefault();
        if (!list.hidden) open(false); else input.value = '';
      }
    });
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const li = e.target.closest('[role="option"]');
      if (li) location.href = li.dataset.href;
    });
    form.addEventListener('focusout', (e) => { if (!form.contains(e.relatedTarget)) open(false); });
    return input;
  }

  function start() {
    const header = document.querySelector('form.site-search');
    const source = header && header.dataset.searchIndex;
    if (!source) return;
    const index = new Index(new URL(source, location.href).href), box = combobox(header, index);
    // For search-page.js, which draws the search page with the same index and passages.
    window.switchboardSearch = { index, decode, passage, title, groupOf, make, debounce };
    document.addEventListener('keydown', (e) => {
      const t = e.target;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) ||
        t.isContentEditable) return;
      e.preventDefault();
      (document.getElementById('sb-search-page-input') || box).focus();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
