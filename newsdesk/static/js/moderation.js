/* Keyboard shortcuts for the comments moderation queue, as Coral's: j/k move between
   rows, a approves, r opens the reject form on its reason, f features, ? shows the help.
   The page works without this file; it only moves focus and presses the row's own
   buttons, so every action still goes through the same form and the server's checks. */
(function () {
  "use strict";
  const _ = window.gettext || ((s) => s);
  const rows = () => Array.from(document.querySelectorAll("tr[data-moderation-row]"));
  const help = document.querySelector("[data-moderation-help]");
  let current = null;
  let returnFocus = null;

  // Inputs one only clicks or ticks: a moderator who ticked a row keeps the shortcuts.
  const NOT_TYPED = ["checkbox", "radio", "button", "submit", "reset", "image"];

  function isTyping(target) {
    if (!target || !(target instanceof Element)) return false;
    if (target.isContentEditable) return true;
    const field = target.closest("input, textarea, select, [contenteditable]");
    if (!field) return false;
    return !(field instanceof HTMLInputElement && NOT_TYPED.includes(field.type));
  }

  // Enter in a row's reject reason or note would submit the whole form through its first
  // button, the bulk "Apply to selected"; it means that row's Reject.
  function rejectOnEnter(event) {
    if (event.key !== "Enter" || event.shiftKey || !(event.target instanceof Element)) return false;
    if (!event.target.matches("input, select")) return false;
    const form = event.target.closest(".moderation-reject__form");
    const button = form && form.querySelector('button[type="submit"]');
    if (!button) return false;
    event.preventDefault();
    button.click();
    return true;
  }

  function select(row) {
    if (!row) return;
    if (current) current.classList.remove("is-current");
    current = row;
    say("");
    row.classList.add("is-current");
    row.setAttribute("aria-current", "true");
    rows().forEach((other) => other !== row && other.removeAttribute("aria-current"));
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    const all = rows();
    if (!all.length) return;
    const at = current ? all.indexOf(current) : -1;
    const next = at === -1 ? (step > 0 ? 0 : all.length - 1) : at + step;
    select(all[Math.max(0, Math.min(all.length - 1, next))]);
  }

  const status = document.querySelector("[data-moderation-status]");
  const UNAVAILABLE = {
    approve: _("This comment is already published: nothing to approve."),
    feature: _("Only published comments can be featured."),
    reject: _("This comment is already rejected."),
  };

  function say(message) {
    if (status) status.textContent = message;
  }

  function press(kind) {
    if (!current) move(1);
    if (!current) return;
    const button = current.querySelector(`button[data-shortcut="${kind}"]`);
    if (button) button.click();
    else say(UNAVAILABLE[kind]);
  }

  function openReject() {
    if (!current) move(1);
    if (!current) return;
    const details = current.querySelector('details[data-shortcut="reject"]');
    if (!details) {
      say(UNAVAILABLE.reject);
      return;
    }
    details.open = true;
    const reason = details.querySelector("select");
    if (reason) reason.focus();
  }

  function showHelp(show) {
    if (!help) return;
    if (show) {
      returnFocus = document.activeElement;
      help.hidden = false;
      const close = help.querySelector("[data-moderation-help-close]");
      if (close) close.focus();
    } else {
      help.hidden = true;
      if (returnFocus && returnFocus.focus) returnFocus.focus();
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (rejectOnEnter(event)) return;
    if (event.key === "Escape") {
      if (help && !help.hidden) {
        showHelp(false);
        event.preventDefault();
        return;
      }
      const open = event.target instanceof Element && event.target.closest("details[open]");
      if (open) {
        open.open = false;
        const row = open.closest("tr[data-moderation-row]");
        if (row) select(row);
        event.preventDefault();
      }
      return;
    }
    if (isTyping(event.target)) return;
    if (help && !help.hidden && event.key !== "?") return;
    const actions = {
      j: () => move(1),
      k: () => move(-1),
      a: () => press("approve"),
      r: openReject,
      f: () => press("feature"),
      "?": () => showHelp(help ? help.hidden : false),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // A click in a row makes it the current one, so the keys continue from there.
  document.addEventListener("click", (event) => {
    const row = event.target instanceof Element && event.target.closest("tr[data-moderation-row]");
    if (row && row !== current) {
      if (current) current.classList.remove("is-current");
      current = row;
      row.classList.add("is-current");
    }
  });

  document.querySelectorAll("[data-moderation-help-open]").forEach((button) =>
    button.addEventListener("click", () => showHelp(true)),
  );
  document.querySelectorAll("[data-moderation-help-close]").forEach((button) =>
    button.addEventListener("click", () => showHelp(false)),
  );
  if (help) {
    help.addEventListener("click", (event) => {
      if (event.target === help) showHelp(false);
    });
  }
})();
