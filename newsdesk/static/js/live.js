// The new-stories banner: polls /live/latest.json (conditional GET with the last ETag)
// and, when this site has a story newer than the one the page was rendered with, shows
// a link that reloads the homepage. Polling pauses while the tab is hidden.
(function () {
  "use strict";
  // Django's JavaScript catalog (base.html loads it first); English if it is missing.
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); });
  };

  var MESSAGE = gettext("There are new stories on the homepage. Click here to see them.");
  var region = document.querySelector(".live-banner[data-live-url]");
  if (!region || !window.fetch) return;

  var url = region.getAttribute("data-live-url");
  var site = region.getAttribute("data-live-site");
  var since = Number(region.getAttribute("data-live-since")) || 0;
  var interval = Math.max(1, Number(region.getAttribute("data-live-interval")) || 30) * 1000;
  var etag = null;
  var timer = null;
  var shown = false;
  var busy = false;

  function show() {
    if (shown) return;
    shown = true;
    var link = document.createElement("a");
    link.href = "/";
    link.className = "live-banner__link";
    link.textContent = MESSAGE;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      // A reload revalidates the page with the server instead of the browser's copy.
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
      window.scrollTo(0, 0);
      window.location.reload();
    });
    region.appendChild(link);
    region.classList.add("is-visible");
  }

  function check() {
    timer = null;
    if (busy) return;
    busy = true;
    var headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    fetch(url, { headers: headers, cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (response.status === 304) return null;
        if (!response.ok) throw new Error("HTTP " + response.status);
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) {
        if (!data || !data.sites || !data.sites[site]) return;
        var story = data.sites[site].story;
        if (story && story.published_ms > since) show();
      })
      .catch(function () {
        // Offline or a hiccup: try again at the next interval.
      })
      .then(function () {
        busy = false;
        schedule();
      });
  }

  function schedule() {
    if (shown || busy || document.hidden || timer !== null) return;
    timer = window.setTimeout(check, interval);
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
    } else if (!shown && timer === null) {
      check();
    }
  });

  schedule();
})();
