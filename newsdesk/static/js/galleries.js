// Gallery viewer: the photos sit in a strip that scrolls sideways and snaps (swipe and the
// previous/next links work without this script). Here: the arrow keys move between photos,
// and the address keeps #photo-N of the photo in view, so every photo has a link to share.
(function () {
  "use strict";

  var track = document.querySelector("[data-viewer-track]");
  if (!track) return;
  var items = Array.prototype.slice.call(track.querySelectorAll(".viewer__slide"));
  if (!items.length) return;
  var thumbs = Array.prototype.slice.call(document.querySelectorAll("[data-viewer-thumb]"));

  function indexOf(id) {
    for (var i = 0; i < items.length; i++) if (items[i].id === id) return i;
    return -1;
  }

  function current() {
    var byHash = indexOf(window.location.hash.slice(1));
    if (byHash !== -1) return byHash;
    return track.scrollLeft > 0 ? Math.round(track.scrollLeft / track.clientWidth) : -1;
  }

  function mark(index) {
    thumbs.forEach(function (thumb, i) {
      if (i === index) thumb.setAttribute("aria-current", "true");
      else thumb.removeAttribute("aria-current");
    });
  }

  function remember(index) {
    var id = "#" + items[index].id;
    if (window.location.hash !== id) history.replaceState(null, "", id);
    mark(index);
  }

  function show(index) {
    index = Math.max(0, Math.min(items.length - 1, index));
    var item = items[index];
    remember(index);
    track.scrollTo({ left: index * track.clientWidth, behavior: "instant" });
    item.scrollIntoView({ block: "nearest" });
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

  // After a swipe or a scroll has settled, name the photo in view. A link or key that
  // changes the address first cancels a pending reading taken mid-scroll.
  var settle;
  function settled() {
    var index = Math.round(track.scrollLeft / track.clientWidth);
    if (index >= 0 && index < items.length) remember(index);
  }
  if ("onscrollend" in window) {
    track.addEventListener("scrollend", settled);
  } else {
    track.addEventListener("scroll", function () {
      window.clearTimeout(settle);
      settle = window.setTimeout(settled, 150);
    }, { passive: true });
  }
  window.addEventListener("hashchange", function () {
    window.clearTimeout(settle);
    var index = indexOf(window.location.hash.slice(1));
    if (index !== -1) mark(index);
  });

  // A shared #photo-N link opens on its photo, whatever the browser did with the fragment.
  var start = indexOf(window.location.hash.slice(1));
  if (start > 0) track.scrollTo({ left: start * track.clientWidth, behavior: "instant" });
  mark(start === -1 ? 0 : start);
})();
