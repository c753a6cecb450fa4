/* Turns each textarea[data-rich-text] (persian/widgets.py RichTextEditor) into a
   TinyMCE editor. Every file it needs comes from this site's own static folder:
   no cloud plugin, no outside host. Without JavaScript, or when TinyMCE did not
   load, the plain textarea stays as it is and still takes HTML. */
(function () {
  "use strict";

  // Keep in step with TINYMCE_PLUGINS in scripts/vendor_static.sh: only those
  // plugins are vendored.
  var PLUGINS = "autolink autoresize code directionality link lists searchreplace wordcount";
  var TOOLBAR =
    "undo redo | blocks | bold italic | bullist numlist | blockquote link | " +
    "ltr rtl | removeformat code";

  // document.currentScript is set only while this file first runs, so the static
  // root (the folder above js/) is found now. A hashed name such as
  // editor.1a2b3c.js in production still sits in the same folder.
  var staticRoot = (function () {
    var own = document.currentScript;
    if (own && own.src) {
      return new URL("../", own.src).href;
    }
    var tiny = document.querySelector('script[src*="vendor/tinymce/tinymce"]');
    return tiny ? new URL("../../", tiny.src).href : null;
  })();

  // --- «عکس از آرشیو»: a photo from the library, placed at the cursor ----------
  // The list comes from the photos app (photos/picker.py) as HTML; each photo
  // carries, in a <template>, the figure the body gets when it is chosen.
  var PICKER_TEXT = {
    fa: {
      button: "عکس از آرشیو",
      close: "بستن",
      failed: "آرشیو عکس باز نشد. دوباره امتحان کنید.",
      refused: "اجازهٔ دیدن آرشیو عکس را ندارید.",
      loggedOut: "از سامانه بیرون آمده‌اید: دوباره وارد شوید. متن شما در فرم مانده است.",
    },
    en: {
      button: "Photo from the library",
      close: "Close",
      failed: "The photo library could not be opened. Try again.",
      refused: "You may not see the photo library.",
      loggedOut: "You were logged out: log in again. Your text is still in the form.",
    },
  };

  // What the dialog tells the editor, as opposed to a failure of the network.
  function Notice(message) {
    this.message = message;
  }

  function bodyLanguage(textarea) {
    var found = /_([a-z]{2})$/.exec(textarea.name || "");
    return found ? found[1] : "";
  }

  function openPhotoPicker(editor, textarea, text) {
    var bookmark = editor.selection.getBookmark(2, true);
    var dialog = document.createElement("dialog");
    dialog.className = "photo-picker-dialog";
    dialog.setAttribute("aria-label", text.button);
    var header = document.createElement("div");
    header.className = "photo-picker-header";
    var title = document.createElement("h2");
    title.textContent = text.button;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "photo-picker-close";
    close.textContent = text.close;
    close.addEventListener("click", function () {
      dialog.close();
    });
    header.append(title, close);
    var body = document.createElement("div");
    body.className = "photo-picker-body";
    body.setAttribute("aria-live", "polite");
    dialog.append(header, body);
    document.body.append(dialog);
    dialog.addEventListener("close", function () {
      dialog.remove();
      editor.focus();
    });

    function say(message) {
      var p = document.createElement("p");
      p.className = "photo-picker-error";
      p.textContent = message;
      body.replaceChildren(p);
    }

    function load(address) {
      body.setAttribute("aria-busy", "true");
      fetch(address, { credentials: "same-origin" })
        .then(function (response) {
          // An expired session is answered with the login page, after a redirect.
          if (response.redirected) {
            throw new Notice(text.loggedOut);
          }
          if (response.status === 403) {
            throw new Notice(text.refused);
          }
          if (!response.ok) {
            throw new Notice(text.failed);
          }
          return response.text();
        })
        .then(function (html) {
          var parsed = new DOMParser().parseFromString(html, "text/html");
          body.replaceChildren.apply(body, Array.from(parsed.body.childNodes));
          var search = body.querySelector('input[type="search"]');
          if (search) {
            search.focus();
          }
        })
        .catch(function (error) {
          say(error instanceof Notice ? error.message : text.failed);
        })
        .finally(function () {
          body.removeAttribute("aria-busy");
        });
    }

    body.addEventListener("submit", function (event) {
      var form = event.target.closest("form.photo-picker-search");
      if (!form) {
        return;
      }
      event.preventDefault();
      var query = new URLSearchParams(new FormData(form)).toString();
      load(form.action.split("?")[0] + "?" + query);
    });
    body.addEventListener("click", function (event) {
      var link = event.target.closest("a.photo-picker-page");
      if (link) {
        event.preventDefault();
        load(link.href);
        return;
      }
      var choose = event.target.closest("button.photo-picker-choose");
      var figure = choose && choose.parentNode.querySelector("template.photo-picker-figure");
      if (!figure) {
        return;
      }
      editor.focus();
      editor.selection.moveToBookmark(bookmark);
      editor.insertContent(figure.innerHTML);
      editor.save();
      dialog.close();
    });

    dialog.showModal();
    var first = new URLSearchParams({ language: bodyLanguage(textarea) });
    load(textarea.dataset.photoPicker + "?" + first.toString());
  }

  function addPhotoButton(editor, textarea) {
    var text = PICKER_TEXT[textarea.dataset.language] || PICKER_TEXT.en;
    editor.ui.registry.addButton("libraryphoto", {
      icon: "image",
      text: text.button,
      tooltip: text.button,
      onAction: function () {
        openPhotoPicker(editor, textarea, text);
      },
    });
  }

  var formsWithListener = new WeakSet();

  function keepInSyncOnSubmit(form) {
    if (!form || formsWithListener.has(form)) {
      return;
    }
    formsWithListener.add(form);
    // TinyMCE saves on submit too; this makes sure the textarea is current even
    // if another submit handler runs first.
    form.addEventListener("submit", function () {
      window.tinymce.triggerSave();
    });
  }

  function start(textarea) {
    if (textarea.hasAttribute("data-rich-text-ready")) {
      return;
    }
    textarea.setAttribute("data-rich-text-ready", "1");
    // The browser cannot show "required" on a textarea TinyMCE hides, and would
    // silently refuse to submit; the form's own validation reports it instead.
    textarea.removeAttribute("required");

    var options = {
      target: textarea,
      license_key: "gpl",
      promotion: false,
      branding: false,
      base_url: staticRoot + "vendor/tinymce",
      suffix: ".min",
      directionality: textarea.dataset.direction === "ltr" ? "ltr" : "rtl",
      menubar: false,
      plugins: PLUGINS,
      // First, so that a narrow editor never hides it behind "more".
      toolbar: textarea.dataset.photoPicker ? "libraryphoto | " + TOOLBAR : TOOLBAR,
      // A library photo is one block: chosen, moved or deleted whole. Its caption
      // is the library's (the page shows the current one), not typed here.
      noneditable_class: "photo",
      block_formats: "Paragraph=p;Heading 2=h2;Heading 3=h3",
      min_height: 320,
      // Persian letters stay letters, not &#1587; entities.
      entity_encoding: "raw",
      content_css: ["default", staticRoot + "css/editor-content.css"],
      paste_as_text: false,
      // Pasted images would be stored inline as data: URLs; images go through
      // the media upload instead.
      paste_data_images: false,
      invalid_elements: "script,style,iframe,object,embed",
      convert_urls: false,
      relative_urls: false,
      // The sanitizer drops target=, so do not offer it.
      link_target_list: false,
      setup: function (editor) {
        if (textarea.dataset.photoPicker) {
          addPhotoButton(editor, textarea);
        }
        editor.on("change input undo redo", function () {
          editor.save();
        });
        // Ctrl+S (Cmd+S) inside the editor's frame saves the form, as outside it
        // (static/js/editor-screen.js), instead of the browser's "save page".
        editor.on("keydown", function (event) {
          var key = event.code === "KeyS" || (event.key || "").toLowerCase() === "s";
          if (key && (event.ctrlKey || event.metaKey) && !event.altKey) {
            event.preventDefault();
            editor.save();
            textarea.dispatchEvent(new CustomEvent("newsroom:save", { bubbles: true }));
          }
        });
      },
    };
    if (textarea.dataset.language === "fa") {
      options.language = "fa";
      options.language_url = staticRoot + "vendor/tinymce/langs/fa.js";
    }
    keepInSyncOnSubmit(textarea.form);
    window.tinymce.init(options);
  }

  function startWithin(root) {
    root.querySelectorAll("textarea[data-rich-text]").forEach(function (textarea) {
      // The admin's hidden "add another" template row is copied, never edited.
      if (textarea.closest(".empty-form") || textarea.name.indexOf("__prefix__") !== -1) {
        return;
      }
      start(textarea);
    });
  }

  if (typeof window.tinymce === "undefined" || staticRoot === null) {
    return;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      startWithin(document);
    });
  } else {
    startWithin(document);
  }
  // Django admin inlines: rows added with "Add another" get an editor too.
  document.addEventListener("formset:added", function (event) {
    startWithin(event.target);
  });
})();
