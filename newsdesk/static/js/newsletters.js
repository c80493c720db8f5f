// The newsletters page is the same for every reader (cacheable). This script asks the
// private me.json for a CSRF token and the reader's subscriptions, then lets the form post
// directly. Without it, the form goes (GET) to the private subscribe page, which has a token.
(function () {
  "use strict";
  const _ = window.gettext || ((s) => s);

  function start() {
    const form = document.querySelector("[data-newsletter-form]");
    if (!form) return;
    fetch(form.getAttribute("data-me-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then((me) => {
        const token = document.createElement("input");
        token.type = "hidden";
        token.name = "csrfmiddlewaretoken";
        token.value = me.csrf_token;
        form.appendChild(token);
        form.method = "post";
        const email = form.querySelector("input[type=email]");
        if (me.email && email && !email.value) email.value = me.email;
        (me.subscribed || []).forEach((id) => {
          const note = form.querySelector('[data-subscribed-note="' + id + '"]');
          if (note) {
            note.hidden = false;
            note.textContent = _("You get this newsletter.");
          }
        });
      })
      .catch(() => {
        // Keep the plain form: it still works through the subscribe page.
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
