/// The script `serve` adds to every HTML page it serves (and never to a build): it listens
/// for live-reload events and shows build errors over the page.
///
/// It is a Swift string rather than a file under templates/assets/ because it must never ship
/// with a site. It is served from `/__switchboard/live-reload.js` (not inlined), so a page
/// with a strict Content-Security-Policy of `script-src 'self'` still runs it.
///
/// Events (Server-Sent Events on `/__switchboard/events`):
/// - `reload` `{build, paths}`: the site changed; reload if this page, or a file it shows
///   (image, stylesheet, script), is among `paths` (URL paths), or if this page is a 404 or
///   error page (`data-page="*"`).
/// - `errors` `{build, diagnostics}`: the last rebuild failed; show the overlay.
/// - `ok` `{build}`: the site builds; hide the overlay. Sent on connecting too, so a page
///   that missed events while the server was away (a restart) reloads if it is stale.
enum LiveReloadScript {
    static let path = "live-reload.js"

    static let source = #"""
    (() => {
      "use strict";
      const me = document.currentScript;
      const page = (me && me.dataset.page) || "*";
      let build = (me && me.dataset.build) || "";
      let host = null;

      const here = () => { try { return decodeURIComponent(location.pathname); } catch (e) { return location.pathname; } };

      function text(tag, content, cls) {
        const el = document.createElement(tag);
        if (cls) el.className = cls;
        el.textContent = content;
        return el;
      }

      function hide() {
        if (host) { host.remove(); host = null; }
      }

      function show(diagnostics) {
        hide();
        host = document.createElement("div");
        host.id = "switchboard-build-errors";
        const root = host.attachShadow({ mode: "open" });
        const style = document.createElement("style");
        style.textContent = `
          :host { all: initial; }
          .panel { position: fixed; inset: 1rem 1rem auto 1rem; z-index: 2147483647; max-height: calc(100vh - 2rem);
            overflow: auto; background: #fff; color: #1a1a1a; border: 3px solid #b00020; border-radius: 8px;
            box-shadow: 0 8px 32px rgba(0,0,0,.35); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
          header { display: flex; align-items: center; justify-content: space-between; gap: 1rem;
            background: #b00020; color: #fff; padding: .6rem 1rem; position: sticky; top: 0; }
          h2 { margin: 0; font-size: 1.05rem; font-weight: 700; }
          button { font: inherit; color: #b00020; background: #fff; border: 0; border-radius: 4px; padding: .25rem .7rem; cursor: pointer; }
          button:focus-visible { outline: 3px solid #ffd54f; outline-offset: 2px; }
          ol { margin: 0; padding: .5rem 1rem 1rem 2.2rem; }
          li { margin: .6rem 0; }
          .where { font: 600 14px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: #1a1a1a; word-break: break-all; }
          .severity { font-weight: 700; color: #b00020; }
          .severity.warning { color: #7a4a00; }
          .code { color: #4a4a4a; font-size: .9em; }
          .hint { margin: .2rem 0 0; color: #2b2b2b; }
          .hint::before { content: "hint: "; font-weight: 600; }
          p.note { margin: 0; padding: 0 1rem 1rem; color: #4a4a4a; font-size: .9em; }`;
        const panel = document.createElement("section");
        panel.className = "panel";
        panel.setAttribute("role", "alertdialog");
        panel.setAttribute("aria-modal", "false");
        panel.setAttribute("aria-labelledby", "sb-title");
        panel.setAttribute("aria-describedby", "sb-list");
        const header = document.createElement("header");
        const errors = diagnostics.filter(d => d.severity === "error").length;
        const title = text("h2", errors === 1 ? "The build failed: 1 error" : `The build failed: ${errors} errors`);
        title.id = "sb-title";
        const close = text("button", "Close");
        close.type = "button";
        close.setAttribute("aria-label", "Close the build errors");
        close.addEventListener("click", hide);
        header.append(title, close);
        const list = document.createElement("ol");
        list.id = "sb-list";
        for (const d of diagnostics) {
          const item = document.createElement("li");
          const where = text("div", "", "where");
          where.append(text("span", d.severity, "severity " + d.severity), document.createTextNode(" "));
          if (d.location) where.append(document.createTextNode(d.location + " "));
          where.append(text("span", "[" + d.code + "]", "code"));
          item.append(where, text("div", d.message));
          if (d.hint) item.append(text("p", d.hint, "hint"));
          list.append(item);
        }
        const note = text("p", "You are looking at the last good build. Fix the file and save: this closes by itself.", "note");
        panel.append(header, list, note);
        root.append(style, panel);
        document.body.append(host);
      }

      // Whether a change touches this page: the page itself, or a file it shows (an image, a
      // stylesheet, a script). Links to other pages do not count.
      function touched(paths) {
        if (page === "*" || paths.includes(page) || paths.includes(here())) return true;
        const changed = new Set(paths);
        for (const el of document.querySelectorAll("img[src], script[src], link[href], source[src], video[src], audio[src], iframe[src], embed[src]")) {
          const url = new URL(el.getAttribute("src") || el.getAttribute("href"), location.href);
          let path = url.pathname;
          try { path = decodeURIComponent(path); } catch (e) {}
          if (url.origin === location.origin && changed.has(path)) return true;
        }
        return false;
      }

      const source = new EventSource("/__switchboard/events");
      source.addEventListener("reload", (event) => {
        const data = JSON.parse(event.data);
        if (touched(data.paths)) { location.reload(); return; }
        build = data.build;
      });
      source.addEventListener("errors", (event) => {
        const data = JSON.parse(event.data);
        if (build && data.build !== build && page !== "*") { location.reload(); return; }
        show(data.diagnostics);
      });
      source.addEventListener("ok", (event) => {
        const data = JSON.parse(event.data);
        if (data.build !== build) { location.reload(); return; }
        hide();
      });
      addEventListener("pagehide", () => source.close());
    })();
    """#
}
