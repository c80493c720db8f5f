/* Live blog: ask for new entries while the tab is visible; show "N new updates"; insert
   them at the top of the stream only when the reader asks, so text never moves under
   them. The page works without this script: every entry is in the HTML. */
(function () {
  "use strict";
  const root = document.querySelector("[data-liveblog]");
  if (!root || !root.hasAttribute("data-live") || !window.fetch) return;
  const gettext = window.gettext || ((s) => s);
  const ngettext = window.ngettext || ((one, many, n) => (n === 1 ? one : many));
  const interpolate = window.interpolate || ((fmt, args) => fmt.replace("%s", args[0]));
  const button = root.querySelector("[data-show-new]");
  const stream = root.querySelector("[data-stream]");
  const url = root.dataset.entriesUrl;
  const interval = Math.max(2, Number(root.dataset.pollSeconds) || 10) * 1000;
  let latest = Number(root.dataset.latestId) || 0;
  let pending = []; // newest first, as the document sends them
  let keyEventsHtml = null;
  let etags = {}; // per URL: a poll for the same entries sends its ETag and gets a 304
  let timer = null;
  let stopped = false;

  function shown(id) {
    return document.getElementById("entry-" + id) !== null || pending.some((e) => e.id === id);
  }

  function announce() {
    if (!pending.length) {
      button.hidden = true;
      return;
    }
    const n = pending.length;
    button.textContent = interpolate(ngettext("%s new update", "%s new updates", n), [n]);
    button.hidden = false;
  }

  async function poll() {
    if (document.hidden || stopped) return;
    const target = url + "?since=" + latest;
    try {
      const headers = etags[target] ? { "If-None-Match": etags[target] } : {};
      const response = await fetch(target, { headers, cache: "no-store", credentials: "omit" });
      if (response.status === 304 || !response.ok) return;
      etags = { [target]: response.headers.get("ETag") };
      const data = await response.json();
      const fresh = data.entries.filter((e) => e.id > latest && !shown(e.id));
      pending = fresh.concat(pending);
      latest = Math.max(latest, data.latest_id || 0);
      keyEventsHtml = data.key_events_html;
      if (data.status !== "live") stopped = true;
      announce();
    } catch (error) {
      // Offline or a hiccup: the next poll tries again.
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (document.hidden || stopped) return;
    timer = setTimeout(async () => {
      await poll();
      schedule();
    }, interval);
  }

  button.addEventListener("click", () => {
    const empty = stream.querySelector("[data-empty]");
    if (empty) empty.remove();
    // Oldest first, each on top: the newest ends up first, as on a fresh page.
    pending
      .slice()
      .reverse()
      .forEach((entry) => stream.insertAdjacentHTML("afterbegin", entry.html));
    const first = stream.firstElementChild;
    pending = [];
    if (keyEventsHtml !== null) {
      const box = root.querySelector("[data-key-events]");
      if (box) box.outerHTML = keyEventsHtml;
    }
    announce();
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: "start" });
    }
  });

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      clearTimeout(timer);
    } else {
      poll().then(schedule);
    }
  });
  button.title = gettext("Show the new updates at the top of the stream");
  schedule();
})();
