// Who is signed in: fills the header slot of public pages (which are the same for every
// reader) from /accounts/status.json. Without JavaScript the slot keeps its plain
// "Sign in" and "Join" links.
(function () {
  "use strict";
  // Django's JavaScript catalog (base.html loads it first); English if it is missing.
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); });
  };
  var slot = document.querySelector("[data-account-slot]");
  if (!slot || !window.fetch) return;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function withNext(href) {
    var here = window.location.pathname + window.location.search;
    if (here.indexOf("/accounts/") === 0) return href;
    return href + (href.indexOf("?") === -1 ? "?" : "&") + "next=" + encodeURIComponent(here);
  }

  function anonymous() {
    // Come back to this page after signing in (joining goes on to Create Profile instead).
    document.querySelectorAll("[data-sign-in-link]").forEach(function (a) {
      a.setAttribute("href", withNext(a.getAttribute("href")));
    });
  }

  function signedIn(data) {
    var profile = data.profile;
    var links = data.links;
    var menu = el("details", { class: "account-menu" });
    var summary = el("summary", { class: "account-menu__toggle" });
    if (profile && profile.avatar_url) {
      summary.appendChild(el("img", { src: profile.avatar_url, alt: "", width: "28", height: "28", class: "account-menu__avatar" }));
    }
    summary.appendChild(el("span", {}, profile ? profile.display_name : gettext("Your account")));
    menu.appendChild(summary);
    var list = el("ul", { class: "account-menu__list" });
    function item(href, text) {
      var li = el("li");
      li.appendChild(el("a", { href: href }, text));
      list.appendChild(li);
    }
    if (profile) {
      item(profile.url, interpolate(gettext("Your profile (@%(username)s)"), { username: profile.username }, true));
      item(links.edit_profile, gettext("Edit profile"));
      item(links.my_comments, gettext("My comments"));
      item(links.my_contributions, gettext("My contributions"));
    } else {
      item(links.create_profile, gettext("Create your profile"));
    }
    item(links.account, gettext("Account settings"));
    item(links.export, gettext("Download your data"));
    item(links.sign_out, gettext("Sign out"));
    menu.appendChild(list);
    slot.replaceChildren(menu);
    document.querySelectorAll("[data-join-prompt]").forEach(function (box) { box.hidden = true; });
    var owner = document.querySelector("[data-profile-username]");
    if (owner && profile && owner.getAttribute("data-profile-username") === profile.username) {
      document.querySelectorAll("[data-owner-only]").forEach(function (node) { node.hidden = false; });
    }
  }

  fetch(slot.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (data && data.signed_in) signedIn(data); else anonymous();
    })
    .catch(anonymous);
})();
