// Fills the "Your area" slots with each component's personal fragment.
// The page itself is the same for every reader; only these requests carry the reader's
// cookie. Without JavaScript the slots keep their link to Location Settings.
(function () {
  "use strict";

  function fill(slot) {
    var url = slot.getAttribute("data-local-url");
    if (!url) return;
    slot.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        // The fragment is rendered by our own templates, which escape everything.
        slot.innerHTML = html;
        slot.classList.add("is-filled");
      })
      .catch(function () {
        // Keep the fallback link: the reader can still reach Location Settings.
      })
      .then(function () {
        slot.removeAttribute("aria-busy");
      });
  }

  function start() {
    var slots = document.querySelectorAll("[data-local-component]");
    for (var i = 0; i < slots.length; i++) fill(slots[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
