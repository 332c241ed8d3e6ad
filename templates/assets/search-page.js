/* Switchboard search page (search/?q=): every result of a query, ten at a time, filtered by
   collection and by the facets of the schema (tags, enum fields of the chosen collection);
   the query and filters live in the address. Uses what search.js (in the header) shares. */
(() => {
  'use strict';

  function searchPage(form) {
    const { index, decode, passage, title, groupOf, make, debounce } = window.switchboardSearch;
    const $ = (id) => document.getElementById(id);
    const input = form.querySelector('input[type="search"]'), filters = $('sb-search-filters');
    const status = $('sb-search-status'), results = $('sb-search-results'), more = $('sb-search-more');
    const params = new URLSearchParams(location.search), chosen = {}, PAGE = 10;
    let seq = 0, hits = [], shown = 0, query = null;
    params.forEach((v, k) => { if (k !== 'q') chosen[k] = v; });
    input.value = params.get('q') || '';
    $('sb-search-nojs').hidden = true;

    // The documents having a facet's value.
    async function facet(f, value) {
      const file = await index.get(`f/${f.file}.json`), set = new Set();
      const i = f.values.findIndex((v) => v[0] === value);
      if (i >= 0) decode(file.v[i], false, (doc) => set.add(doc));
      return set;
    }

    function select(name, label, values) {
      const wrap = make('p', 'search-filter'), id = 'sb-filter-' + name.replace(/[^a-z0-9]/gi, '-');
      const s = make('select'), lab = make('label', null, label);
      s.id = lab.htmlFor = id;
      s.name = name;
      s.append(make('option', null, 'All'));
      s.options[0].value = '';
      for (const [value, text] of values) {
        const o = make('option', null, text);
        o.value = value;
        o.selected = chosen[name] === value;
        s.append(o);
      }
      s.addEventListener('change', () => {
        if (s.value) chosen[name] = s.value; else delete chosen[name];
        if (name === 'in') drawFilters().then(() => { $(id).focus(); run(); }); else run();
      });
      wrap.append(lab, s);
      filters.append(wrap);
    }

    // Collections, then tags, then the enum fields of the chosen collection.
    async function drawFilters() {
      const m = await index.manifest();
      filters.textContent = '';
      select('in', 'Collection', m.groups.filter((g) => g.end > g.start).map((g) => [g.name, g.label]));
      for (const f of m.facets) {
        if (f.collection && f.collection !== chosen.in) { delete chosen[f.name]; continue; }
        const values = f.values.filter((v) => v[2] > 0);
        if (values.length) select(f.name, f.label, values);
      }
      filters.hidden = false;
    }

    // The number of results in each collection, in the collection filter.
    function showCounts(m, counts) {
      for (const o of ($('sb-filter-in') || {}).options || []) {
        const g = m.groups.find((x) => x.name === o.value);
        if (g) o.textContent = g.label + (counts ? ` (${counts[g.name] || 0})` : '');
      }
    }

    // The next page of results (taken at once, so that a second click takes the one after).
    async function draw(focus) {
      const start = shown, end = Math.min(hits.length, shown + PAGE), mine = seq;
      shown = end;
      more.hidden = shown >= hits.length;
      const m = await index.manifest(), docs = await Promise.all(hits.slice(start, end).map((x) => index.doc(x.doc)));
      if (mine !== seq) return;
      docs.forEach((doc, i) => {
        const a = title(query, doc, 'a'), h = make('h2', 'search-result-title'), li = make('li', 'search-result');
        a.href = doc.url;
        h.append(a);
        const g = groupOf(m, hits[start + i].doc);
        li.append(h, make('p', 'search-result-meta', (g ? g.label + ' · ' : '') + doc.url),
          make('p', 'search-result-passage'));
        li.lastChild.append(passage(query, doc, 32, 'search-passage'));
        results.append(li);
        if (focus && i === 0) a.focus();
      });
    }

    async function run() {
      const text = input.value.trim(), mine = ++seq, url = new URL(location.href);
      url.search = '';
      if (text) url.searchParams.set('q', text);
      Object.keys(chosen).forEach((k) => url.searchParams.set(k, chosen[k]));
      history.replaceState(null, '', url.pathname + url.search);
      try {
        const m = await index.manifest();
        if (!text) { results.textContent = status.textContent = ''; more.hidden = true; showCounts(m, null); return; }
        const r = await index.search(text, false);
        const sets = await Promise.all(m.facets.filter((f) => chosen[f.name]).map((f) => facet(f, chosen[f.name])));
        if (mine !== seq) return;
        const counts = {}, group = m.groups.find((g) => g.name === chosen.in);
        const kept = r.results.filter((x) => sets.every((s) => s.has(x.doc)));
        kept.forEach((x) => { const g = groupOf(m, x.doc); counts[g.name] = (counts[g.name] || 0) + 1; });
        hits = group ? kept.filter((x) => x.doc >= group.start && x.doc < group.end) : kept;
        query = r.query;
        shown = 0;
        results.textContent = '';
        status.textContent = `${hits.length || 'No'} result${hits.length === 1 ? '' : 's'} for “${text}”` +
          (group ? ' in ' + group.label : '');
        showCounts(m, counts);
        await draw(false);
      } catch (e) {
        if (mine === seq) status.textContent = 'Search is unavailable: the index could not be loaded.';
      }
    }

    input.addEventListener('input', debounce(run, 120));
    form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
    more.addEventListener('click', () => draw(true));
    drawFilters().then(() => { if (input.value) run(); }).catch(() => {});
  }

  const form = document.getElementById('sb-search-form');
  if (form && window.switchboardSearch) searchPage(form);
})();
