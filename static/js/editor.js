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
      toolbar: TOOLBAR,
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
        editor.on("change input undo redo", function () {
          editor.save();
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
