// Reader contributions: a live word count on the story form, and one view per page load
// of a published contribution. The pages work without this script.
(function () {
  "use strict";
  // Django's JavaScript catalog (base.html loads it first); English if it is missing.
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); });
  };

  var counter = document.querySelector("[data-word-count]");
  var body = document.getElementById("id_body");
  if (counter && body) {
    var minimum = parseInt(counter.getAttribute("data-min-words"), 10) || 0;
    var words = /[^\s\p{P}\p{S}]+(?:['’-][^\s\p{P}\p{S}]+)*/gu;
    var update = function () {
      var count = (body.value.match(words) || []).length;
      counter.textContent = interpolate(ngettext("%(count)s word", "%(count)s words", count), { count: count }, true);
      counter.classList.toggle("is-short", count < minimum);
    };
    body.addEventListener("input", update);
    update();
  }

  var viewed = document.querySelector("[data-contribution-viewed]");
  if (viewed && navigator.sendBeacon) {
    navigator.sendBeacon(viewed.getAttribute("data-contribution-viewed"));
  }

  // The picture form: check what the server would refuse before the photos leave the
  // browser, because a browser cannot refill a file input when the page comes back.
  var pictures = document.querySelector("[data-pictures-form]");
  var checksData = document.getElementById("pictures-checks");
  var box = document.querySelector("[data-client-errors]");
  if (pictures && checksData && box) {
    var checks = JSON.parse(checksData.textContent);
    var types = checks.types.split(",");
    pictures.addEventListener("submit", function (event) {
      var problems = [];
      var title = pictures.querySelector('[name="title"]');
      if (title && !title.value.trim()) problems.push([checks.title, title]);
      var chosen = 0;
      pictures.querySelectorAll('input[type="file"]').forEach(function (input) {
        var file = input.files && input.files[0];
        if (!file) return;
        chosen += 1;
        var caption = pictures.querySelector('[name="' + input.name.replace(/-file$/, "-caption") + '"]');
        if (types.indexOf(file.type) === -1) {
          problems.push([checks.wrong_type.replace("{name}", file.name), input]);
        } else if (file.size > checks.max_bytes) {
          problems.push([checks.too_big.replace("{name}", file.name)
            .replace("{limit}", Math.floor(checks.max_bytes / 1048576)), input]);
        }
        if (caption && !caption.value.trim()) problems.push([checks.caption.replace("{name}", file.name), caption]);
      });
      var first = pictures.querySelector('input[type="file"]');
      if (!chosen) problems.push([checks.photos, first]);
      var rights = pictures.querySelector('[name="rights_confirmed"]');
      if (rights && !rights.checked) problems.push([checks.rights, rights]);
      var list = box.querySelector("ul");
      list.textContent = "";
      if (!problems.length) { box.hidden = true; return; }
      event.preventDefault();
      problems.forEach(function (problem) {
        var li = document.createElement("li");
        li.textContent = problem[0];
        list.appendChild(li);
      });
      box.hidden = false;
      box.focus();
    });
  }
})();
