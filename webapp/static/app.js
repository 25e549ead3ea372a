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

  // A button after `after` that copies `text()` to the clipboard and says whether it could.
  const copyButton = (after, { label, name, buttonClass, statusClass, text, copied, failed }) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = buttonClass;
    button.textContent = label;
    button.setAttribute("aria-label", name);
    const said = document.createElement("span");
    said.className = statusClass;
    said.setAttribute("role", "status");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text());
        said.textContent = copied;
      } catch {
        said.textContent = failed;
      }
      window.setTimeout(() => { said.textContent = ""; }, 4000);
    });
    after.after(button, said);
  };

  if (navigator.clipboard) {
    // Each paragraph's permalink gets a button that copies its clean URL.
    for (const permalink of document.querySelectorAll("a.permalink")) {
      const number = permalink.closest(".paragraph").id.slice(1);
      copyButton(permalink, {
        label: "Copy link", name: `Copy link to paragraph ${number}`,
        buttonClass: "copy-link", statusClass: "copy-status", text: () => permalink.href,
        copied: "Link copied", failed: "Could not copy: use the ¶ link",
      });
    }
    // Each paragraph's citation (in its "Cite" details) gets a button that copies the line.
    for (const cite of document.querySelectorAll("details.cite")) {
      const line = cite.querySelector(".citation");
      const number = cite.closest(".paragraph").id.slice(1);
      copyButton(line, {
        label: "Copy citation", name: `Copy citation of paragraph ${number}`,
        buttonClass: "copy-citation", statusClass: "citation-status", text: () => line.textContent,
        copied: "Citation copied", failed: "Could not copy: select the citation above",
      });
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

  // A long list of forces ("Show all N forces") gets a box that filters it as you type; the
  // list works without it. Chosen forces stay shown whatever the box holds.
  const showForceFilters = (root) => {
    for (const box of root.querySelectorAll(".force-filter")) {
      box.hidden = false;
    }
  };
  showForceFilters(document);
  document.addEventListener("input", (event) => {
    if (event.target.id !== "force-filter") {
      return;
    }
    const wanted = event.target.value.trim().toLowerCase();
    for (const item of event.target.closest("fieldset").querySelectorAll("li.facet-option")) {
      const chosen = item.querySelector("input:checked");
      item.hidden = Boolean(wanted) && !chosen && !item.textContent.toLowerCase().includes(wanted);
    }
  });

  // Results as you type: the results page itself, fetched with live=1 (the last word
  // counts as the start of a word) and its results area swapped in, so the live list
  // is the same view, with the same notes, as the page Enter gives. The address is kept
  // in step so that Back works.
  const form = document.querySelector("form.search-form");
  if (!form || !searchBox || !window.fetch || !window.DOMParser) {
    return;
  }
  // Nothing is fetched for fewer letters than this: one letter says nothing yet.
  const MIN_LETTERS = 2;

  // What the form would send for `query`: the words and the filters, view and order it carries.
  const searchParams = (query) => {
    const params = new URLSearchParams(new FormData(form));
    params.set("q", query);
    return params;
  };

  // The element with `id`, made as a `tag` just after the form (and set up) the first time.
  const afterForm = (id, tag, setUp = () => {}) => {
    let element = document.getElementById(id);
    if (!element) {
      element = document.createElement(tag);
      element.id = id;
      setUp(element);
      form.after(element);
    }
    return element;
  };

  // The page's results area; the home page has none until the first live results.
  const resultsArea = () => afterForm("results-area", "div");

  // One status line that stays while the area is swapped (made at the first live results),
  // so that screen readers hear each new count; the swapped-in count is then no status itself.
  const liveStatus = () => afterForm("live-status", "p", (said) => {
    said.className = "visually-hidden";
    said.setAttribute("role", "status");
  });

  // The page as it was before any typing: clearing the box returns to it. A page that opened with
  // a search starts from the search page without one (fetched when the box is cleared).
  const start = {
    area: document.getElementById("results-area")?.cloneNode(true) ?? null,
    title: document.title,
    address: window.location.href,
    bodyClass: document.body.className,
    searched: Boolean(new URLSearchParams(window.location.search).get("q")),
  };

  let timer = 0;
  let latest = 0;
  // The first live update adds one history entry; later ones replace it, so
  // Back returns to the page the typing started on.
  let pushed = false;
  // The address whose results are on screen (a fragment, as "Skip to results" adds, aside).
  const shownAddress = () => window.location.pathname + window.location.search;
  let shown = shownAddress();
  // Swap in the results area, title and layout of a fetched page.
  const show = (fetched, fresh) => {
    document.body.className = fetched.body.className;
    document.title = fetched.title;
    const area = document.importNode(fresh, true);
    resultsArea().replaceWith(area);
    showForceFilters(area);
  };

  // Back to the page before any typing: its results area, title and address.
  const clear = async (ticket) => {
    let fetched = null;
    if (start.searched) {
      try {
        const response = await fetch(form.action, { headers: { Accept: "text/html" } });
        fetched = new DOMParser().parseFromString(await response.text(), "text/html");
      } catch {
        return;
      }
    }
    if (ticket !== latest) {
      return; // typing started again
    }
    const fresh = fetched ? fetched.getElementById("results-area") : start.area?.cloneNode(true);
    if (fresh) {
      const area = document.importNode(fresh, true);
      resultsArea().replaceWith(area);
      showForceFilters(area);
    } else {
      resultsArea().replaceChildren();
    }
    document.body.className = fetched ? fetched.body.className : start.bodyClass;
    document.title = fetched ? fetched.title : start.title;
    liveStatus().textContent = "";
    // The address goes back too (the invitation's, for a page that opened with a search).
    window.history.replaceState(null, "", start.searched ? form.action : start.address);
    shown = shownAddress();
  };

  const update = async (query) => {
    const ticket = ++latest;
    if (!query.trim()) {
      await clear(ticket);
      return;
    }
    if (query.trim().length < MIN_LETTERS) {
      return; // the results on screen stay until there is something to search for
    }
    const params = searchParams(query);
    params.set("live", "1");
    try {
      const response = await fetch(`${form.action}?${params}`, { headers: { Accept: "text/html" } });
      const page = await response.text();
      if (ticket !== latest) {
        return; // a newer query is on its way
      }
      if (!response.ok) {
        return; // half-typed syntax ("(", a lone quote): keep what is shown; Enter explains
      }
      // The same server, the same templates: the area arrives escaped, and the
      // Content-Security-Policy keeps any script in it from running.
      const fetched = new DOMParser().parseFromString(page, "text/html");
      const fresh = fetched.getElementById("results-area");
      if (!fresh) {
        return;
      }
      const count = fresh.querySelector(".result-count");
      if (count) {
        count.removeAttribute("role");
      }
      // The layout follows the results (a filters column only when there is something to
      // filter), and the title follows the query.
      show(fetched, fresh);
      liveStatus().textContent = count ? count.textContent.replace(/\s+/g, " ").trim() : "";
      // The address is Enter's (no live=1): a reload or a copied link shows what Enter shows.
      const address = `${form.action}?${searchParams(query)}`;
      if (pushed) {
        window.history.replaceState({ q: query }, "", address);
      } else {
        window.history.pushState({ q: query }, "", address);
        pushed = true;
      }
      shown = shownAddress();
    } catch {
      // The form still works: pressing Enter runs the full search.
    }
  };

  searchBox.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => update(searchBox.value), 250);
  });
  // Back and Forward show what the address now says, rendered by the server. A link within the
  // page ("Skip to results", #p6) changes only the fragment: nothing to load.
  window.addEventListener("popstate", () => {
    if (shownAddress() !== shown) {
      window.location.reload();
    }
  });
})();
