// Progressive enhancement only: every page works without this file.
// No inline script anywhere, so the Content-Security-Policy can forbid it.
"use strict";

(() => {
  const searchBox = document.getElementById("q");

  // "/" puts the cursor in the search box, unless the reader is typing somewhere.
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && searchBox) {
      event.preventDefault();
      searchBox.focus();
      searchBox.select();
    }
  });

  // Links from this site carry no text fragment, but one from elsewhere may (#p6:~:text=...):
  // the browser scrolls to the words, and then :target matches nothing, so mark the paragraph
  // named in the address ourselves.
  const named = /^#p\d+$/.test(window.location.hash) && document.getElementById(window.location.hash.slice(1));
  if (named && !document.querySelector(":target")) {
    named.classList.add("is-target");
    named.setAttribute("tabindex", "-1");
    // Browsers may refuse the text fragment (after keyboard navigation, for one)
    // and scroll nowhere: once loaded, bring the paragraph into view if it is not,
    // and start keyboard navigation there, as following #p6 itself would.
    const settle = () => {
      const box = named.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) {
        named.scrollIntoView({ block: "start", behavior: "instant" });
      }
      named.focus({ preventScroll: true });
    };
    if (document.readyState === "complete") {
      settle();
    } else {
      window.addEventListener("load", () => window.requestAnimationFrame(settle));
    }
  }

  // "Remove highlighting" keeps the reader on the paragraph they were reading.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.remove-highlighting");
    if (link && window.location.hash) {
      link.hash = window.location.hash;
    }
  });

  // Each paragraph's permalink gets a button that copies its clean URL.
  if (navigator.clipboard) {
    for (const permalink of document.querySelectorAll("a.permalink")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = "Copy link";
      const number = permalink.closest(".paragraph").id.slice(1);
      button.setAttribute("aria-label", `Copy link to paragraph ${number}`);
      const said = document.createElement("span");
      said.className = "copy-status";
      said.setAttribute("role", "status");
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(permalink.href);
          said.textContent = "Link copied";
        } catch {
          said.textContent = "Could not copy: use the ¶ link";
        }
        window.setTimeout(() => { said.textContent = ""; }, 4000);
      });
      permalink.after(button, said);
    }
  }

  // Each paragraph's citation (in its "Cite" details) gets a button that copies the line.
  if (navigator.clipboard) {
    for (const cite of document.querySelectorAll("details.cite")) {
      const line = cite.querySelector(".citation");
      const number = cite.closest(".paragraph").id.slice(1);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy-citation";
      button.textContent = "Copy citation";
      button.setAttribute("aria-label", `Copy citation of paragraph ${number}`);
      const said = document.createElement("span");
      said.className = "citation-status";
      said.setAttribute("role", "status");
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(line.textContent);
          said.textContent = "Citation copied";
        } catch {
          said.textContent = "Could not copy: select the citation above";
        }
        window.setTimeout(() => { said.textContent = ""; }, 4000);
      });
      line.after(button, said);
    }
  }

  // The statement's sticky line names the paragraph the address points at (¶6), and follows
  // the address when a permalink on the page is followed.
  const barParagraph = document.querySelector(".statement-bar .bar-paragraph");
  const nameTarget = () => {
    const number = /^#p(\d+)$/.exec(window.location.hash)?.[1];
    const known = number && document.getElementById(`p${number}`);
    barParagraph.textContent = known ? `¶${number}` : "";
    barParagraph.hidden = !known;
  };
  if (barParagraph) {
    nameTarget();
    window.addEventListener("hashchange", nameTarget);
  }

  // Results as you type, from the JSON API, the URL kept in step so Back works.
  const form = document.querySelector("form.search-form");
  const main = document.getElementById("content");
  if (!form || !searchBox || !main || !window.fetch || !window.DOMParser) {
    return;
  }
  let live = document.getElementById("live-results");
  if (!live) {
    live = document.createElement("div");
    live.id = "live-results";
    form.after(live);
  }
  const status = document.createElement("p");
  status.className = "result-count live-status";
  status.setAttribute("role", "status");

  // A snippet is escaped HTML from the server whose only markup is <mark>:
  // copy its text and its marks, and nothing else, into the page.
  const snippetNodes = (html) => {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
    const out = document.createDocumentFragment();
    for (const node of parsed.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        out.append(node.textContent);
      } else if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
      } else {
        out.append(node.textContent);
      }
    }
    return out;
  };

  // What the form would send for `query`: the words and the filters and view it carries.
  const searchParams = (query) => {
    const params = new URLSearchParams(new FormData(form));
    params.set("q", query);
    return params;
  };

  const render = (data, query) => {
    const list = document.createElement("ol");
    list.className = "hits";
    for (const hit of data.hits) {
      const item = document.createElement("li");
      item.className = "hit";
      const title = document.createElement("h2");
      title.className = "hit-title";
      const link = document.createElement("a");
      const url = new URL(hit.url, window.location.href);
      // The statement page's "Back to results" returns to these words, filters and view.
      url.search = searchParams(query).toString();
      link.href = url.pathname + url.search + url.hash;
      link.textContent = `${hit.force} ${hit.period}`;
      const where = document.createElement("span");
      where.className = "hit-paragraph";
      where.textContent = `, paragraph ${hit.paragraph}`;
      link.append(where);
      title.append(link);
      const snippet = document.createElement("p");
      snippet.className = "snippet";
      snippet.append(snippetNodes(hit.snippet));
      item.append(title, snippet);
      list.append(item);
    }
    const count = data.fallback
      ? `No paragraph contains all of “${query}”; showing ${data.total} with some of them.`
      : `${data.total} paragraph${data.total === 1 ? "" : "s"} match${data.total === 1 ? "es" : ""} “${query}”`;
    status.textContent = count;
    const more = document.createElement("p");
    const all = document.createElement("a");
    all.href = `${form.action}?${searchParams(query)}`;
    all.textContent = "See all results, filters and charts";
    more.append(all);
    live.replaceChildren(status, list);
    if (data.total > data.hits.length) {
      live.append(more);
    }
  };

  let timer = 0;
  let latest = 0;
  // The first live update adds one history entry; later ones replace it, so
  // Back returns to the page the typing started on.
  let pushed = false;
  const update = async (query) => {
    const ticket = ++latest;
    if (!query.trim()) {
      live.replaceChildren();
      return;
    }
    try {
      const response = await fetch(`/api/search?${searchParams(query)}`, {
        headers: { Accept: "application/json" },
      });
      const data = await response.json();
      if (ticket !== latest) {
        return; // a newer query is on its way
      }
      if (!response.ok) {
        status.textContent = data.error;
        live.replaceChildren(status);
        return;
      }
      // Hide the server-rendered results of the previous query: the live list replaces them.
      for (const old of main.querySelectorAll(".server-results")) {
        old.hidden = true;
      }
      render(data, query);
      const address = `${form.action}?${searchParams(query)}`;
      if (pushed) {
        window.history.replaceState({ q: query }, "", address);
      } else {
        window.history.pushState({ q: query }, "", address);
        pushed = true;
      }
    } catch {
      // The form still works: pressing Enter runs the full search.
    }
  };

  searchBox.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => update(searchBox.value), 250);
  });
  // Back and Forward show what the address now says, rendered by the server.
  window.addEventListener("popstate", () => {
    window.location.reload();
  });
})();
