/* The article editor's screen (templates/admin/articles/article/change_form.html):
   language tabs, Ctrl+S to save, the checklist's lengths counted as the editor types.
   Without this file every language shows and the buttons work as they are. */
(function () {
  "use strict";

  var form = document.getElementById("article_form");
  if (!form) {
    return;
  }

  // --- Tabs: one language's text at a time; the others stay in the form --------
  function startTabs() {
    var bar = document.querySelector(".editor-tabs");
    var screen = document.querySelector(".editor-screen");
    if (!bar || !screen) {
      return;
    }
    var tabs = Array.from(bar.querySelectorAll(".editor-tab"));
    var panels = {};
    tabs.forEach(function (tab) {
      var panel = form.querySelector("fieldset.editor-lang-" + tab.dataset.lang);
      if (!panel) {
        return;
      }
      panel.id = "editor-panel-" + tab.dataset.lang;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panels[tab.dataset.lang] = panel;
      // A field refused by the server is marked on its tab, wherever it is.
      if (panel.querySelector(".errorlist, .errors")) {
        tab.classList.add("has-errors");
      }
    });

    function select(lang) {
      tabs.forEach(function (tab) {
        var chosen = tab.dataset.lang === lang;
        tab.setAttribute("aria-selected", chosen ? "true" : "false");
        tab.tabIndex = chosen ? 0 : -1;
        var panel = panels[tab.dataset.lang];
        if (panel) {
          // Hidden with CSS, not disabled: its fields are still sent.
          panel.classList.toggle("editor-tab-hidden", !chosen);
        }
      });
      // An editor started in a hidden tab sizes itself when shown.
      window.dispatchEvent(new Event("resize"));
    }

    bar.addEventListener("click", function (event) {
      var tab = event.target.closest(".editor-tab");
      if (tab) {
        select(tab.dataset.lang);
      }
    });
    bar.addEventListener("keydown", function (event) {
      var step = { ArrowLeft: 1, ArrowRight: -1 }[event.key];
      if (!step) {
        return;
      }
      if (getComputedStyle(bar).direction === "ltr") {
        step = -step;
      }
      var at = tabs.indexOf(document.activeElement);
      var next = tabs[(at + step + tabs.length) % tabs.length];
      select(next.dataset.lang);
      next.focus();
    });
    // The browser's own check of a hidden field shows its tab first.
    form.addEventListener(
      "invalid",
      function (event) {
        var panel = event.target.closest("fieldset.editor-text");
        if (panel && panel.classList.contains("editor-tab-hidden")) {
          select(panel.id.replace("editor-panel-", ""));
        }
      },
      true
    );

    var first = tabs.find(function (tab) {
      return tab.classList.contains("has-errors");
    }) || tabs[0];
    bar.hidden = false;
    screen.classList.add("editor-tabbed");
    select(first.dataset.lang);
  }

  // --- Ctrl+S / Cmd+S: save and keep editing ---------------------------------------
  var saving = false;

  function save() {
    var button = form.querySelector("button.editor-save");
    if (!button || saving) {
      return;
    }
    saving = true;
    if (window.tinymce) {
      window.tinymce.triggerSave();
    }
    if (form.requestSubmit) {
      form.requestSubmit(button);
    } else {
      button.click();
    }
  }

  function isSaveKey(event) {
    // e.code: the same key on a Persian keyboard, where e.key is «س».
    return (
      (event.ctrlKey || event.metaKey) &&
      !event.altKey &&
      (event.code === "KeyS" || (event.key || "").toLowerCase() === "s")
    );
  }

  document.addEventListener("keydown", function (event) {
    if (isSaveKey(event)) {
      event.preventDefault();
      save();
    }
  });
  // The rich-text editor's frame passes its Ctrl+S on (static/js/editor.js).
  document.addEventListener("newsroom:save", save);
  form.addEventListener("submit", function () {
    saving = true;
  });
  window.addEventListener("pageshow", function () {
    saving = false;
  });

  // --- The checklist: the title's and lead's lengths as the editor types ----------
  function startChecklist() {
    var box = document.getElementById("editor-checklist");
    if (!box) {
      return;
    }
    var list = box.querySelector(".editor-checks");
    var ok = box.querySelector(".editor-checks-ok");

    function check(key) {
      var input = form.querySelector("[name=" + key + "_fa]");
      if (!input || input.readOnly) {
        return;
      }
      var limit = Number(box.dataset[key + "Max"]);
      var length = input.value.trim().length;
      var item = list.querySelector("[data-check=" + key + "]");
      if (length > limit) {
        if (!item) {
          item = document.createElement("li");
          item.className = "editor-check check-" + key;
          item.dataset.check = key;
          list.append(item);
        }
        var digits = String(length).replace(/\d/g, function (d) {
          return "۰۱۲۳۴۵۶۷۸۹"[d];
        });
        item.textContent = box.dataset["msg" + key[0].toUpperCase() + key.slice(1)]
          .replace("{n}", digits);
      } else if (item) {
        item.remove();
      }
      ok.hidden = list.children.length > 0;
    }

    ["title", "lead"].forEach(function (key) {
      var input = form.querySelector("[name=" + key + "_fa]");
      if (input) {
        input.addEventListener("input", function () {
          check(key);
        });
      }
    });
  }

  startTabs();
  startChecklist();

  // On a new article the admin focuses the form's first control, the bar's Save
  // button; the writer starts with the title.
  window.addEventListener("load", function () {
    var title = form.querySelector("[name=title_fa]");
    if (title && document.activeElement && document.activeElement.closest(".editor-bar")) {
      title.focus();
    }
  });
})();
