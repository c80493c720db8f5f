/* Share links: the copy-link button where the clipboard is available, and the system's
   own share sheet (Web Share API) only where the browser has one, as on phones. The
   service links work without this script. */
(function () {
  "use strict";
  var _ = window.gettext || function (text) { return text; };
  document.querySelectorAll("[data-share]").forEach(function (box) {
    if (box.dataset.shareReady) return;
    box.dataset.shareReady = "1";
    var url = box.dataset.shareUrl;
    var title = box.dataset.shareTitle;
    var status = box.querySelector("[data-share-status]");
    var copy = box.querySelector("[data-share-copy]");
    var native = box.querySelector("[data-share-native]");
    if (copy && navigator.clipboard && window.isSecureContext) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = _("Link copied.");
        }, function () {
          status.textContent = _("Could not copy the link; copy it from the address bar.");
        });
      });
    }
    if (native && navigator.share && (!navigator.canShare || navigator.canShare({ url: url }))) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () { /* the reader closed the sheet */ });
      });
    }
  });
})();
