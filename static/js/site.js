// The public site's few buttons and the filter's narrowing box. Loaded with defer;
// nothing here reaches another host. Without it every checkbox shows and the
// buttons that need it stay hidden (.needs-js in css/nojs.css, from a <noscript>).
(function () {
  "use strict";

  // Arabic yeh and kaf, half-spaces and case do not stop a name from matching.
  function fold(text) {
    return text
      .toLowerCase()
      .replace(/[\u064a\u0649]/g, "\u06cc")
      .replace(/\u0643/g, "\u06a9")
      .replace(/[\u200c\s]+/g, " ")
      .trim();
  }

  // The filter: a text box above a long list of checkboxes hides the names that do
  // not contain what was typed; a ticked box always stays in sight.
  document.querySelectorAll("input.narrow[aria-controls]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("aria-controls"));
    if (!list) return;
    var items = Array.prototype.map.call(list.querySelectorAll("li"), function (li) {
      return { li: li, text: fold(li.textContent), input: li.querySelector("input") };
    });
    box.addEventListener("input", function () {
      var wanted = fold(box.value);
      items.forEach(function (item) {
        item.li.hidden = !!wanted && !item.input.checked && item.text.indexOf(wanted) === -1;
      });
    });
    // Enter in the box narrows; it does not send the form half-filled.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  });

  function say(button, message) {
    var status = button.closest(".share").querySelector(".share-status");
    if (status) status.textContent = message;
  }

  function copyByHand(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(field);
    return done;
  }

  document.querySelectorAll("button.copy-link[data-url]").forEach(function (button) {
    button.addEventListener("click", function () {
      var url = button.dataset.url;
      var done = function () { say(button, button.dataset.copied); };
      var failed = function () { say(button, url); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, function () {
          if (copyByHand(url)) { done(); } else { failed(); }
        });
      } else if (copyByHand(url)) {
        done();
      } else {
        failed();
      }
    });
  });

  document.querySelectorAll("button.print-page").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
