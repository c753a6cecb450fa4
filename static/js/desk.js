// The admin in the editor's digits, and the desk's lists kept fresh without a reload.
// Loaded on every admin page (templates/admin/base_site.html); nothing leaves the site.
(function () {
  "use strict";
  var persian = (document.documentElement.lang || "").indexOf("fa") === 0;
  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";

  function digits(text) {
    text = String(text);
    return persian ? text.replace(/[0-9]/g, function (d) { return DIGITS[d]; }) : text;
  }

  // Django's actions.js writes "3 of 50 selected" with Latin digits: rewrite them.
  function keepDigits(node) {
    function fix() {
      var text = digits(node.textContent);
      if (text !== node.textContent) node.textContent = text;
    }
    new MutationObserver(fix).observe(node, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    fix();
  }
  if (persian) {
    document.querySelectorAll(".actions .action-counter, .actions .all")
      .forEach(keepDigits);
  }

  // The desk: every 30 s (and on coming back to the tab) ask which articles the list
  // on screen holds now; offer to show the new ones, and bring the counts up to date.
  var fresh = document.querySelector(".desk-fresh[data-poll-url]");
  if (!fresh) return;
  var shown = {};
  fresh.dataset.ids.split(" ").forEach(function (id) { if (id) shown[id] = true; });
  var count = fresh.querySelector(".desk-fresh-count");

  function update(data) {
    var added = data.ids.filter(function (id) { return !shown[String(id)]; });
    if (added.length) {
      count.textContent = digits(added.length);
      fresh.hidden = false;
    }
    Object.keys(data.labels).forEach(function (key) {
      var badge = document.querySelector('.desk-count[data-queue="' + key + '"]');
      if (badge) badge.textContent = "(" + data.labels[key] + ")";
    });
  }

  function poll() {
    if (document.hidden) return;
    fetch(fresh.dataset.pollUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && data.ids) update(data); })
      .catch(function () {});
  }
  setInterval(poll, 30000);
  document.addEventListener("visibilitychange", poll);
})();
