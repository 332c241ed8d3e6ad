#!/usr/bin/env python3
"""Writes a deterministic Switchboard hub of N entries for benchmarks (and, with --hugo, the
same content as a Hugo site with equivalent minimal layouts).

The hub has the five collections of a playbook hub (playbooks, questions, kpis, roadmaps,
archetypes), realistic front matter (typed fields, enums, refs, tags), headings, lists,
tables, code, and cross-links of every form Switchboard checks: relative .md links, links with
anchors, wikilinks by id, by unique slug, with labels and anchors, and ref fields. A rubric
scores the archetypes, and a vendor CSV scores vendors. The same seed gives the same bytes.

    generate-corpus.py N OUT_DIR [--hugo HUGO_DIR] [--templates DIR]
"""
import argparse, os, random, shutil

WORDS = ("outsourcing provider contact centre customer agent resolution outcome contract pricing "
         "governance model monitoring journey sentiment handoff automation deflection containment "
         "workforce coaching quality evidence roadmap phase baseline target threshold incentive "
         "value share investment transition escalation knowledge channel partner review cadence "
         "risk control audit explainability integrity dashboard cohort experiment hypothesis "
         "learning loop capacity forecast demand volume backlog satisfaction effort loyalty").split()
COLLECTIONS = ["playbooks", "questions", "kpis", "roadmaps"]
TAGS = ["ai", "automation", "governance", "pricing", "contracts", "workforce", "measurement",
        "customer-experience", "vendor-evaluation", "transition", "data", "strategy", "quality", "cost"]
DIMENSIONS = ["ai-core-delivery", "commercial-model", "data-integration", "governance-trust",
              "workforce-evolution", "outcome-measurement"]
HEADINGS = ["Overview", "Why it matters", "How it works", "Pitfalls", "In the contract", "Next steps"]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng, n=14):
    s = words(rng, n)
    return s[0].upper() + s[1:] + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


HUB_YML = """title: "Benchmark hub"
description: "A generated hub for measuring build speed."
base_url: "https://example.org/"
language: en
graph:
  max_depth: 6
  orphans: false
menus:
  main:
    - { title: "Playbooks", link: "playbooks" }
    - { title: "Questions", link: "questions" }
    - { title: "KPIs", link: "kpis" }
    - { title: "Roadmaps", link: "roadmaps" }
    - { title: "Archetypes", link: "archetypes" }
collections:
  archetypes:
    sort: weight
    fields:
      tagline: { type: string, required: true }
      scores: { type: scores, assessment: maturity, required: true }
  questions:
    sort: weight
    fields:
      stage: { type: enum, values: [shortlist, due-diligence, contract, governance], required: true }
      kpis: { type: refs, collection: kpis, label: "KPIs", inverse_label: "Questions" }
  kpis:
    fields:
      generation: { type: enum, values: [legacy, classic, next-generation], required: true }
      unit: { type: string, required: true }
      formula: { type: text, required: true }
      data_sources: { type: list, of: string }
      replaces: { type: refs, collection: kpis, label: "Replaces", inverse_label: "Replaced by" }
  roadmaps:
    sort: weight
    fields:
      horizon: { type: string, required: true }
      kpis: { type: refs, collection: kpis, label: "KPIs to watch", inverse_label: "Watched in" }
  playbooks:
    sort: weight
    fields:
      audience: { type: string, required: true }
      questions: { type: refs, collection: questions, label: "Questions", inverse_label: "Used in" }
assessments:
  maturity:
    rubric: data/rubric.yml
    path: compare
    archetypes: archetypes
    vendors: [data/vendors.csv]
"""


def entry_ids(n):
    """Distributes n entries over the collections; three of them are archetypes."""
    ids = {c: [] for c in COLLECTIONS}
    for i in range(max(0, n - 3)):
        c = COLLECTIONS[i % len(COLLECTIONS)]
        ids[c].append(f"{c[:-1]}-{i:06d}")
    ids["archetypes"] = ["archetype-a", "archetype-b", "archetype-c"]
    return ids


def body(rng, me, collection, ids, wikilinks=True):
    """Markdown body with links of every form; `wikilinks=False` writes plain Markdown links (Hugo)."""
    def link_to(c, slug, label=None, anchor=None, form=0):
        target_title = label or slug.replace("-", " ")
        if not wikilinks:
            return f"[{target_title}](/{c}/{slug}/{'#' + anchor if anchor else ''})"
        frag = "#" + anchor if anchor else ""
        if form == 0:
            return f"[[{c}/{slug}{frag}]]"
        if form == 1:
            return f"[[{slug}{frag}|{target_title}]]"
        rel = f"{slug}.md" if c == collection else f"../{c}/{slug}.md"
        return f"[{target_title}]({rel}{frag})"

    others = [(c, s) for c in COLLECTIONS for s in rng.sample(ids[c], min(2, len(ids[c])))]
    out = [paragraph(rng, 2), ""]
    for h, heading in enumerate(HEADINGS):
        out.append(f"## {heading}")
        out.append("")
        out.append(paragraph(rng, rng.randint(2, 3)))
        out.append("")
        if h == 1:
            for k in range(4):
                c, s = others[(k + h) % len(others)]
                out.append(f"- {words(rng, 6)} {link_to(c, s, form=k % 3, anchor='overview' if k == 2 else None)}")
            out.append("")
        if h == 2 and rng.random() < 0.5:
            out.append("| Measure | Target | Owner |")
            out.append("| --- | :-: | --: |")
            for _ in range(4):
                out.append(f"| {words(rng, 2)} | {rng.randint(1, 99)} | {words(rng, 1)} |")
            out.append("")
        if h == 3:
            out.append("### Warning signs")
            out.append("")
            for _ in range(3):
                out.append(f"1. {sentence(rng, 8)}")
            out.append("")
        if h == 4 and rng.random() < 0.3:
            out.append("```")
            out.append(f"score = {words(rng, 3)}")
            out.append("```")
            out.append("")
        if h == 5:
            c, s = others[-1]
            out.append(f"See also {link_to(c, s, form=2)} and {link_to(c, others[0][1] if others[0][0] == c else s, form=1)}.")
            out.append("")
    return "\n".join(out)


def front_matter(rng, collection, slug, i, ids):
    title = words(rng, rng.randint(3, 6)).capitalize()
    tags = rng.sample(TAGS, 2)
    fm = [f'title: "{title}"', f'summary: "{sentence(rng, 12)}"', f"tags: [{', '.join(tags)}]"]
    if collection == "kpis":
        fm += [f"generation: {rng.choice(['legacy', 'classic', 'next-generation'])}", "unit: percent",
               f'formula: "{words(rng, 4)} / {words(rng, 3)}"', "data_sources: [CRM, telephony]"]
        if i % 5 == 0 and len(ids["kpis"]) > 1:
            fm.append(f"replaces: [kpis/{rng.choice(ids['kpis'])}]")
    elif collection == "questions":
        fm += [f"weight: {i}", f"stage: {rng.choice(['shortlist', 'due-diligence', 'contract', 'governance'])}"]
        if ids["kpis"]:
            fm.append(f"kpis: [kpis/{rng.choice(ids['kpis'])}]")
    elif collection == "roadmaps":
        fm += [f"weight: {i}", 'horizon: "12 months"']
        if ids["kpis"]:
            fm.append(f"kpis: [kpis/{rng.choice(ids['kpis'])}]")
    elif collection == "playbooks":
        fm += [f"weight: {i}", 'audience: "Head of customer service"']
        if ids["questions"]:
            fm.append(f"questions: [questions/{rng.choice(ids['questions'])}]")
    return title, fm


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


MINIMAL_BASE = ("<!doctype html><html lang=\"{{site.language}}\"><head><meta charset=\"utf-8\"><title>{{page.title}}</title></head>"
                "<body><nav>{{#site.collections}}<a href=\"{{url}}\">{{title}}</a> {{/site.collections}}</nav>"
                "<main>{{$main}}{{/main}}</main></body></html>\n")
MINIMAL_PAGE = ("{{<base}}{{$main}}<h1>{{page.title}}</h1><nav>{{#page.toc}}<a href=\"#{{id}}\">{{text}}</a> {{/page.toc}}</nav>{{{page.content}}}"
                "<p>{{#page.tags}}<a href=\"{{url}}\">{{name}}</a> {{/page.tags}}</p>{{/main}}{{/base}}\n")
MINIMAL_LIST = ("{{<base}}{{$main}}<h1>{{page.title}}</h1><ul>{{#page.entries}}<li><a href=\"{{url}}\">{{title}}</a> {{summary}}</li>"
                "{{/page.entries}}{{#page.tags}}<li><a href=\"{{url}}\">{{name}}</a></li>{{/page.tags}}</ul>{{/main}}{{/base}}\n")


def write_minimal_templates(folder):
    """The same page structure as the Hugo layouts below: title, navigation, content, tags."""
    write(os.path.join(folder, "base.mustache"), MINIMAL_BASE)
    for name in ["entry", "page", "home", "404", "map", "self-assessment"]:
        write(os.path.join(folder, name + ".mustache"), MINIMAL_PAGE)
    for name in ["list", "tag", "tags", "compare", "compare-pair", "vendor", "vendors", "dimension"]:
        write(os.path.join(folder, name + ".mustache"), MINIMAL_LIST)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--hugo")
    ap.add_argument("--templates", default=os.path.join(os.path.dirname(__file__), "..", "templates"),
                    help="theme to copy (default: the bundled theme)")
    ap.add_argument("--minimal", action="store_true",
                    help="write minimal templates equivalent to the Hugo layouts instead of copying a theme")
    a = ap.parse_args()
    rng = random.Random(20261127)
    ids = entry_ids(a.n)
    shutil.rmtree(a.out, ignore_errors=True)
    if a.minimal:
        write_minimal_templates(os.path.join(a.out, "templates"))
    else:
        shutil.copytree(a.templates, os.path.join(a.out, "templates"))
    write(os.path.join(a.out, "content", "hub.yml"), HUB_YML)
    write(os.path.join(a.out, "content", "index.md"),
          "---\ntitle: Benchmark hub\n---\n\n" + "\n".join(f"- [[{c}]]" for c in COLLECTIONS + ["archetypes"]) + "\n")
    # Rubric and vendors
    rubric = ["title: Maturity", "scale: {min: 1, max: 5}", "dimensions:"]
    for d in DIMENSIONS:
        rubric += [f"  - id: {d}", f"    name: \"{d.replace('-', ' ').capitalize()}\"", "    weight: 1",
                   f"    description: \"{sentence(rng)}\"", "    levels:"]
        rubric += [f"      {lvl}: \"{sentence(rng, 10)}\"" for lvl in range(1, 6)]
        rubric += [f"    questions: [questions/{ids['questions'][0]}]" if ids["questions"] else "    questions: []"]
    write(os.path.join(a.out, "content", "data", "rubric.yml"), "\n".join(rubric) + "\n")
    csv = ["id,name," + ",".join(DIMENSIONS)]
    for v in range(5):
        csv.append(f"vendor-{v},Vendor {v}," + ",".join(str(rng.randint(1, 5)) for _ in DIMENSIONS))
    write(os.path.join(a.out, "content", "data", "vendors.csv"), "\n".join(csv) + "\n")

    hugo_pages = []
    for collection in COLLECTIONS + ["archetypes"]:
        for i, slug in enumerate(ids[collection]):
            erng = random.Random(f"{collection}/{slug}")
            if collection == "archetypes":
                title = f"Archetype {slug[-1].upper()}"
                fm = [f'title: "{title}"', f"weight: {i}", 'tagline: "A kind of provider."', "scores:"]
                fm += [f"  {d}: {{score: {min(5, i + 2)}, evidence: \"{sentence(erng, 8)}\"}}" for d in DIMENSIONS]
            else:
                title, fm = front_matter(erng, collection, slug, i, ids)
            text = body(random.Random(f"body/{collection}/{slug}"), slug, collection, ids)
            write(os.path.join(a.out, "content", collection, slug + ".md"), "---\n" + "\n".join(fm) + "\n---\n\n" + text + "\n")
            if a.hugo:
                plain = body(random.Random(f"body/{collection}/{slug}"), slug, collection, ids, wikilinks=False)
                hfm = [l for l in fm if not l.startswith(("scores:", "  "))]
                hugo_pages.append((collection, slug, "---\n" + "\n".join(hfm) + "\n---\n\n" + plain + "\n"))

    if a.hugo:
        shutil.rmtree(a.hugo, ignore_errors=True)
        write(os.path.join(a.hugo, "config.toml"),
              'baseURL = "https://example.org/"\ntitle = "Benchmark hub"\ndisableKinds = ["RSS"]\n[taxonomies]\ntag = "tags"\n')
        write(os.path.join(a.hugo, "content", "_index.md"), "---\ntitle: Benchmark hub\n---\n")
        for collection, slug, text in hugo_pages:
            write(os.path.join(a.hugo, "content", collection, slug + ".md"), text)
        layouts = {
            "_default/baseof.html": "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
                                    "<body><nav>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</nav>"
                                    "<main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
            "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}"
                                    "<p>{{ range .Params.tags }}<a href=\"/tags/{{ . | urlize }}/\">{{ . }}</a> {{ end }}</p>{{ end }}\n",
            "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}\n",
        }
        for name, text in layouts.items():
            write(os.path.join(a.hugo, "layouts", name), text)


if __name__ == "__main__":
    main()
