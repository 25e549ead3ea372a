// Progressive enhancement only: every page works without this file.
"use strict";

// "Remove highlighting" keeps the reader on the paragraph they were reading.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.remove-highlighting");
  if (link && window.location.hash) {
    link.hash = window.location.hash;
  }
});
