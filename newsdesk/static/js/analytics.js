// Counts one read of this story for "Most read": a beacon, so the page itself stays cacheable.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) return;
  var url = script.getAttribute("data-beacon-url");
  var pageId = script.getAttribute("data-page-id");
  if (!url || !pageId) return;
  var sent = false;
  function send() {
    if (sent || document.visibilityState !== "visible") return;
    sent = true;
    var body = new FormData();
    body.append("page", pageId);
    navigator.sendBeacon(url, body);
  }
  // A tab opened in the background is not a read until the reader looks at it.
  if (document.visibilityState === "visible") send();
  else document.addEventListener("visibilitychange", send);
})();
