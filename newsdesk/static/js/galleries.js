// Gallery pages: the left and right arrow keys move between photos; the previous/next
// links in the page do the same without JavaScript.
(function () {
  "use strict";

  var items = Array.prototype.slice.call(document.querySelectorAll(".gallery__item"));
  if (!items.length) return;

  function current() {
    var hash = window.location.hash.slice(1);
    for (var i = 0; i < items.length; i++) {
      if (items[i].id === hash) return i;
    }
    return -1;
  }

  function show(index) {
    var item = items[Math.max(0, Math.min(items.length - 1, index))];
    history.replaceState(null, "", "#" + item.id);
    item.scrollIntoView({ block: "start" });
    item.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      show(current() + (event.key === "ArrowRight" ? 1 : -1));
    }
  });
})();
