// Reader contributions: a live word count on the story form, and one view per page load
// of a published contribution. The pages work without this script.
(function () {
  "use strict";

  var counter = document.querySelector("[data-word-count]");
  var body = document.getElementById("id_body");
  if (counter && body) {
    var minimum = parseInt(counter.getAttribute("data-min-words"), 10) || 0;
    var words = /[^\s\p{P}\p{S}]+(?:['’-][^\s\p{P}\p{S}]+)*/gu;
    var update = function () {
      var count = (body.value.match(words) || []).length;
      counter.textContent = count + (count === 1 ? " word" : " words");
      counter.classList.toggle("is-short", count < minimum);
    };
    body.addEventListener("input", update);
    update();
  }

  var viewed = document.querySelector("[data-contribution-viewed]");
  if (viewed && navigator.sendBeacon) {
    navigator.sendBeacon(viewed.getAttribute("data-contribution-viewed"));
  }
})();
