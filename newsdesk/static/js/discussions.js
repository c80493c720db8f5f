/* Comments on an article page. The page is the same for every reader: this script loads
   the thread (public fragment) and the reader's state (private me.json), then adds the
   form, replies, reports, edits and deletes. Without it, the page links to the
   server-rendered thread, where everything works with plain forms. */
(function () {
  "use strict";
  // Django's JavaScript catalog (base.html loads it first); English if it is missing.
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  // As Django's: named placeholders from an object, or %s in turn from a list.
  var interpolate = window.interpolate || function (fmt, obj, named) {
    if (named) return fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); });
    var i = 0;
    return fmt.replace(/%s/g, function () { return String(obj[i++]); });
  };
  var root = document.getElementById("comments");
  if (!root || !window.fetch || !window.FormData) return;
  // URLs come from the page (reversed by name in article_comments.html), never written here.
  var urls = JSON.parse(document.getElementById("discussions-urls").textContent);
  var base = urls.base;
  function commentUrl(name, id) { return urls[name].replace("/0/", "/" + id + "/"); }
  var formBox = root.querySelector("[data-comments-form]");
  var threadBox = root.querySelector("[data-comments-thread]");
  var me = null;
  var REASONS = [
    ["spam", gettext("Spam")],
    ["abuse", gettext("Abuse or harassment")],
    ["off_topic", gettext("Off topic")],
    ["illegal", gettext("Illegal content")],
    ["other", gettext("Something else")]
  ];
  var uid = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function fromHtml(html) {
    var template = document.createElement("template");
    template.innerHTML = html; // server-rendered and sanitised (see discussions/text.py)
    return template.content;
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": (me && me.csrf_token) || "" }
    }).then(function (response) {
      return response.json().then(
        function (json) { json.httpStatus = response.status; return json; },
        function () { return { ok: false, httpStatus: response.status, message: gettext("Something went wrong. Please try again.") }; }
      );
    });
  }

  function status(box) {
    var line = box.querySelector(".comment-form__status");
    if (!line) {
      line = el("p", { className: "comment-form__status", role: "status", "aria-live": "polite" });
      box.appendChild(line);
    }
    return line;
  }

  function commentForm(opts) {
    uid += 1;
    var form = el("form", { className: "comment-form", method: "post", action: opts.action });
    var id = "comment-body-" + uid;
    form.appendChild(el("label", { className: "comment-form__label", for: id }, opts.label));
    var area = el("textarea", { className: "comment-form__body", id: id, name: "body", rows: "4", maxlength: "5000", required: "" });
    if (opts.value) area.value = opts.value;
    form.appendChild(area);
    if (opts.replyTo) form.appendChild(el("input", { type: "hidden", name: "reply_to", value: opts.replyTo }));
    var hint = el("p", { className: "comment-form__hint" }, gettext("Plain text; links become clickable. Please keep to our "));
    hint.appendChild(el("a", { href: urls.policy }, gettext("comments policy")));
    hint.appendChild(document.createTextNode("."));
    form.appendChild(hint);
    var buttons = el("p", { className: "comment-form__buttons" });
    buttons.appendChild(el("button", { className: "button", type: "submit" }, opts.submit));
    if (opts.onCancel) {
      var cancel = el("button", { className: "button button--quiet", type: "button" }, gettext("Cancel"));
      cancel.addEventListener("click", opts.onCancel);
      buttons.appendChild(cancel);
    }
    form.appendChild(buttons);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      post(opts.action, new FormData(form)).then(function (result) {
        button.disabled = false;
        status(form).textContent = result.message || "";
        if (result.ok) opts.onDone(result, form);
      }, function () {
        button.disabled = false;
        status(form).textContent = gettext("Could not reach the site. Please try again.");
      });
    });
    return form;
  }

  function list() {
    var ol = threadBox.querySelector("[data-comment-list]");
    if (!ol) {
      ol = el("ol", { className: "comment-list", "data-comment-list": "" });
      var empty = threadBox.querySelector(".conversation__empty");
      if (empty) empty.remove();
      var status = threadBox.querySelector(".conversation__status");
      if (status && status.nextSibling) threadBox.insertBefore(ol, status.nextSibling);
      else threadBox.appendChild(ol);
    }
    return ol;
  }

  function insertComment(html, parentId, id) {
    if (id) { me.own.push(id); me.editable.push(id); }
    var fragment = fromHtml(html);
    var article = fragment.querySelector("[data-comment-id]");
    if (parentId) {
      var parent = threadBox.querySelector('[data-comment-id="' + parentId + '"]');
      var thread = parent && parent.closest(".comment-thread");
      if (thread) {
        var replies = thread.querySelector(".comment-replies");
        if (!replies) { replies = el("ol", { className: "comment-replies" }); thread.appendChild(replies); }
        var li = el("li");
        li.appendChild(fragment);
        replies.appendChild(li);
        decorate(article);
        return article;
      }
    }
    var item = el("li", { className: "comment-thread" });
    item.appendChild(fragment);
    list().insertBefore(item, list().firstChild);
    decorate(article);
    return article;
  }

  function renderForm() {
    formBox.textContent = "";
    if (!me) return;
    if (me.closed) {
      // The public thread may be a few seconds older than the closing: me.json is not.
      var empty = threadBox.querySelector(".conversation__empty");
      if (empty) empty.remove();
      if (!threadBox.querySelector(".conversation__closed")) {
        formBox.appendChild(el("p", { className: "conversation__closed", role: "status" },
          gettext("Comments have been closed for this article.")));
      }
      return;
    }
    if (!me.signed_in || !me.has_profile) {
      var prompt = el("p", { className: "conversation__signin" });
      var link = me.signed_in
        ? el("a", { href: me.create_profile_url }, gettext("Create your public profile"))
        : el("a", { href: me.sign_in_url }, gettext("Sign in"));
      prompt.appendChild(link);
      prompt.appendChild(document.createTextNode(me.signed_in ? gettext(" to comment.") : gettext(" to join the conversation.")));
      formBox.appendChild(prompt);
      return;
    }
    if (!me.may_post) {
      formBox.appendChild(el("p", { className: "conversation__notice", role: "status" }, me.message));
      return;
    }
    formBox.appendChild(commentForm({
      action: base + "post/",
      label: interpolate(gettext("Your comment, as %(name)s"), { name: me.display_name }, true),
      submit: gettext("Post comment"),
      onDone: function (result, form) {
        form.reset();
        insertComment(result.html, null, result.id);
        bumpCount(result.status === "published" ? 1 : 0);
      }
    }));
    var mine = el("p", { className: "conversation__mine" });
    mine.appendChild(el("a", { href: urls.mine }, gettext("Your comments and notification settings")));
    formBox.appendChild(mine);
  }

  function bumpCount(by) {
    var box = threadBox.querySelector(".conversation__status");
    var count = threadBox.querySelector(".conversation__count");
    if (!box || !count || !by) return;
    var n = parseInt(box.dataset.count, 10) + by;
    box.dataset.count = String(n);
    count.textContent = interpolate(ngettext("%(count)s comment", "%(count)s comments", n), { count: n }, true);
  }

  function reportForm(article, link) {
    uid += 1;
    var id = article.dataset.commentId;
    var form = el("form", { className: "report-form report-form--inline" });
    var fieldset = el("fieldset");
    fieldset.appendChild(el("legend", {}, gettext("Why should a moderator look at this comment?")));
    REASONS.forEach(function (reason, index) {
      var label = el("label", { className: "report-form__choice" });
      var radio = el("input", { type: "radio", name: "reason", value: reason[0], required: "" });
      if (index === 0) radio.checked = true;
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + reason[1]));
      fieldset.appendChild(label);
    });
    form.appendChild(fieldset);
    var noteId = "report-note-" + uid;
    form.appendChild(el("label", { for: noteId }, gettext("Anything a moderator should know (needed for \u201cSomething else\u201d)")));
    form.appendChild(el("textarea", { id: noteId, name: "note", rows: "2", maxlength: "1000" }));
    var buttons = el("p", { className: "comment-form__buttons" });
    buttons.appendChild(el("button", { className: "button", type: "submit" }, gettext("Send report")));
    var cancel = el("button", { className: "button button--quiet", type: "button" }, gettext("Cancel"));
    cancel.addEventListener("click", function () { form.remove(); link.focus(); });
    buttons.appendChild(cancel);
    form.appendChild(buttons);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      post(commentUrl("report", id), new FormData(form)).then(function (result) {
        status(form).textContent = result.message || "";
        if (result.ok || result.httpStatus === 409) {
          form.querySelector("fieldset").disabled = true;
          form.querySelector("button[type=submit]").remove();
          link.replaceWith(el("span", { className: "comment__action comment__reported" }, gettext("Reported")));
        }
      });
    });
    return form;
  }

  function editForm(article) {
    var id = article.dataset.commentId;
    var body = article.querySelector(".comment__body");
    var form = commentForm({
      action: commentUrl("edit", id),
      label: gettext("Edit your comment"),
      submit: gettext("Save"),
      value: body ? body.innerText.trim() : "",
      onCancel: function () { form.remove(); body.hidden = false; },
      onDone: function (result) {
        var fresh = fromHtml(result.html).querySelector("[data-comment-id]");
        article.replaceWith(fresh);
        decorate(fresh);
      }
    });
    return form;
  }

  function recommendLabel(count) {
    return interpolate(ngettext("%(count)s recommend", "%(count)s recommends", count), { count: count }, true);
  }

  function showRecommend(link, recommended, count) {
    link.dataset.count = String(count);
    link.setAttribute("aria-pressed", recommended ? "true" : "false");
    link.querySelector(".comment__recommend-label").textContent = recommended ? gettext("Recommended") : gettext("Recommend");
    link.querySelector(".comment__recommend-count").textContent = recommendLabel(count);
  }

  function decorateRecommend(article, id, own) {
    var link = article.querySelector('[data-action="recommend"]');
    if (!link) return;
    if (own) {
      // Counted, but not for its author to press (the server refuses it too).
      link.setAttribute("aria-disabled", "true");
      link.removeAttribute("href");
      return;
    }
    link.setAttribute("role", "button");
    showRecommend(link, me.recommended.indexOf(id) !== -1, parseInt(link.dataset.count, 10));
  }

  function decorateFeature(article, id, actions) {
    if (!me.may_feature) return;
    var button = el("button", { className: "comment__action comment__feature", type: "button", "data-action": "feature" });
    function show() {
      var featured = article.classList.contains("comment--featured");
      button.textContent = featured ? gettext("Remove from editors' picks") : gettext("Add to editors' picks");
      button.dataset.featured = featured ? "1" : "0";
    }
    show();
    button.addEventListener("click", function () {
      var data = new FormData();
      data.append("featured", button.dataset.featured === "1" ? "0" : "1");
      button.disabled = true;
      post(commentUrl("feature", id), data).then(function (result) {
        button.disabled = false;
        if (!result.ok) return;
        article.classList.toggle("comment--featured", result.featured);
        var badge = article.querySelector(".comment__badge:not(.comment__badge--held)");
        if (result.featured && !badge) {
          article.querySelector(".comment__meta").appendChild(el("span", { className: "comment__badge" }, gettext("Editors' pick")));
        } else if (!result.featured && badge) {
          badge.remove();
        }
        show();
      });
    });
    actions.appendChild(button);
  }

  function decorate(article) {
    if (!me || !article || article.dataset.decorated) return;
    article.dataset.decorated = "1";
    var id = parseInt(article.dataset.commentId, 10);
    var actions = article.querySelector(".comment__actions");
    if (!actions) return;
    decorateRecommend(article, id, me.own.indexOf(id) !== -1);
    decorateFeature(article, id, actions);
    if (me.closed) {
      // The cached thread may predate the closing: no reply or edit can succeed now.
      actions.querySelectorAll('[data-action="reply"], [data-action="edit"]').forEach(function (a) { a.remove(); });
    }
    var own = me.own.indexOf(id) !== -1 || article.querySelector('[data-action="edit"]');
    var report = actions.querySelector('[data-action="report"]');
    var edit = actions.querySelector('[data-action="edit"]');
    if (own) {
      if (report) report.remove();
      if (edit && me.editable.indexOf(id) === -1) edit.remove();
      if (!edit && me.editable.indexOf(id) !== -1) {
        edit = el("a", { className: "comment__action", "data-action": "edit", href: commentUrl("edit", id) }, gettext("Edit"));
        actions.appendChild(edit);
      }
      var del = el("button", { className: "comment__action comment__delete", type: "button" }, gettext("Delete"));
      actions.appendChild(del);
      del.addEventListener("click", function () {
        if (!window.confirm(gettext("Delete this comment? This cannot be undone."))) return;
        post(commentUrl("delete", id), new FormData()).then(function (result) {
          if (!result.ok) return;
          var body = article.querySelector(".comment__body");
          if (body) body.replaceWith(el("p", { className: "comment__deleted" }, gettext("You deleted this comment.")));
          actions.remove();
        });
      });
    } else if (report && me.reported.indexOf(id) !== -1) {
      report.replaceWith(el("span", { className: "comment__action comment__reported" }, gettext("Reported")));
    }
  }

  function wire() {
    threadBox.querySelectorAll("[data-comment-id]").forEach(decorate);
  }

  function loadThread(url, query) {
    return fetch(url, { headers: { Accept: "text/html" } }).then(function (response) {
      if (!response.ok) throw new Error("thread " + response.status);
      return response.text();
    }).then(function (html) {
      threadBox.textContent = "";
      threadBox.appendChild(fromHtml(html));
      if (query !== undefined && window.history && window.URLSearchParams) {
        // The order stays in the page's address, so a reload or a shared link keeps it.
        var params = new URLSearchParams(window.location.search);
        params.delete("sort"); params.delete("tab");
        new URLSearchParams(query).forEach(function (value, key) { params.set(key, value); });
        var search = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + "#comments");
      }
      wire();
    });
  }

  function threadQuery() {
    if (!window.URLSearchParams) return "";
    var params = new URLSearchParams(window.location.search), query = new URLSearchParams();
    if (params.get("tab") === "picks") query.set("tab", "picks");
    else if (params.get("sort")) query.set("sort", params.get("sort"));
    var text = query.toString();
    return text ? "?" + text : "";
  }

  threadBox.addEventListener("click", function (event) {
    var switcher = event.target.closest("[data-thread-url]");
    if (switcher) {
      event.preventDefault();
      loadThread(switcher.dataset.threadUrl, switcher.dataset.query).then(function () {
        var current = threadBox.querySelector('[data-query="' + switcher.dataset.query + '"]');
        if (current) current.focus();
      }, function () { window.location.href = switcher.href; });
      return;
    }
    var replies = event.target.closest("[data-replies]");
    if (replies) {
      event.preventDefault();
      fetch(replies.dataset.replies).then(function (r) { return r.text(); }).then(function (html) {
        var fresh = fromHtml(html).querySelector(".comment-thread");
        var item = replies.closest(".comment-thread");
        if (!fresh || !item) return;
        item.replaceWith(fresh);
        wire();
        var shown = fresh.querySelectorAll(".comment-replies > li");
        var first = shown[Math.min(shown.length - 1, 3)];
        if (first) { first.setAttribute("tabindex", "-1"); first.focus(); }
      }, function () { window.location.href = replies.href; });
      return;
    }
    var link = event.target.closest("[data-action], [data-more]");
    if (!link || !me) return;
    var article = link.closest("[data-comment-id]");
    var action = link.dataset.action;
    if (link.dataset.more) {
      event.preventDefault();
      fetch(link.dataset.more).then(function (r) { return r.text(); }).then(function (html) {
        var fragment = fromHtml(html);
        var more = link.closest(".conversation__more");
        fragment.querySelectorAll(".comment-list > li").forEach(function (li) { list().appendChild(li); });
        var next = fragment.querySelector(".conversation__more");
        if (next) more.replaceWith(next); else more.remove();
        wire();
      });
      return;
    }
    if (!me.has_profile) return; // the link leads to sign-in or the profile form
    if (action === "recommend") {
      event.preventDefault();
      if (link.getAttribute("aria-disabled") === "true" || link.dataset.busy) return;
      link.dataset.busy = "1";
      post(commentUrl("recommend", article.dataset.commentId), new FormData()).then(function (result) {
        delete link.dataset.busy;
        if (result.ok) {
          var id = parseInt(article.dataset.commentId, 10);
          me.recommended = me.recommended.filter(function (other) { return other !== id; });
          if (result.recommended) me.recommended.push(id);
          showRecommend(link, result.recommended, result.count);
        } else if (result.message) {
          link.setAttribute("title", result.message);
          window.alert(result.message);
        }
      }, function () { delete link.dataset.busy; });
      return;
    }
    if (action === "reply" && me.may_post) {
      event.preventDefault();
      var existing = article.parentNode.querySelector(":scope > .comment-form");
      if (existing) { existing.querySelector("textarea").focus(); return; }
      var name = article.querySelector(".comment__author").textContent;
      var form = commentForm({
        action: base + "post/",
        label: interpolate(gettext("Your reply to %(name)s"), { name: name }, true),
        submit: gettext("Post reply"),
        replyTo: article.dataset.commentId,
        onCancel: function () { form.remove(); link.focus(); },
        onDone: function (result) {
          form.remove();
          insertComment(result.html, article.dataset.commentId, result.id);
          bumpCount(result.status === "published" ? 1 : 0);
        }
      });
      article.insertAdjacentElement("afterend", form);
      form.querySelector("textarea").focus();
    } else if (action === "report") {
      event.preventDefault();
      if (article.parentNode.querySelector(":scope > .report-form")) return;
      var report = reportForm(article, link);
      article.insertAdjacentElement("afterend", report);
      report.querySelector("input").focus();
    } else if (action === "edit") {
      event.preventDefault();
      var body = article.querySelector(".comment__body");
      var edit = editForm(article);
      if (body) body.hidden = true;
      article.appendChild(edit);
      edit.querySelector("textarea").focus();
    }
  });

  var thread = fetch(base + threadQuery(), { headers: { Accept: "text/html" } }).then(function (response) {
    if (!response.ok) throw new Error("thread " + response.status);
    return response.text();
  });
  var state = fetch(base + "me.json", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .catch(function () { return null; });

  thread.then(function (html) {
    threadBox.textContent = "";
    threadBox.appendChild(fromHtml(html));
    return state;
  }).then(function (data) {
    me = data;
    renderForm();
    if (!me) return;
    (me.held || []).forEach(function (held) {
      if (!threadBox.querySelector('[data-comment-id="' + held.id + '"]')) {
        var article = el("article", { className: "comment comment--held", "data-comment-id": String(held.id) });
        var meta = el("header", { className: "comment__meta" });
        meta.appendChild(el("span", { className: "comment__author" }, me.display_name || gettext("You")));
        meta.appendChild(el("span", { className: "comment__badge comment__badge--held" }, gettext("Awaiting review")));
        article.appendChild(meta);
        var body = el("div", { className: "comment__body" });
        body.appendChild(fromHtml(held.html));
        article.appendChild(body);
        var item = el("li", { className: "comment-thread" });
        item.appendChild(article);
        list().insertBefore(item, list().firstChild);
      }
    });
    wire();
  }).catch(function () {
    /* Keep the link to the server-rendered thread that the page already shows. */
  });
})();
