// A photo story's gallery, one photo at a time: previous and next buttons, a counter,
// the arrow keys in the page's direction (on a right-to-left page the next photo lies
// to the left), Home and End. Swiping needs nothing from here: the strip scrolls and
// snaps by itself (site.css); this only keeps the buttons and the counter in step.
// Loaded with defer; nothing here reaches another host. Without it the photos read
// as a sequence of figures, each with its caption and credit.
(function () {
  "use strict";

  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

  function digits(number, persian) {
    var text = String(number);
    if (!persian) return text;
    return text.replace(/[0-9]/g, function (d) { return PERSIAN_DIGITS.charAt(+d); });
  }

  function setUp(gallery) {
    var strip = gallery.querySelector(".gallery-strip");
    var controls = gallery.querySelector(".gallery-controls");
    if (!strip || !controls) return;
    var slides = Array.prototype.slice.call(strip.querySelectorAll(".gallery-slide"));
    var previous = controls.querySelector(".gallery-prev");
    var next = controls.querySelector(".gallery-next");
    var counter = controls.querySelector(".gallery-counter");
    var persian = /^fa\b/.test(document.documentElement.lang);
    var pattern = gallery.getAttribute("data-counter") || "{current} / {total}";
    var rtl = getComputedStyle(gallery).direction === "rtl";
    var motion = window.matchMedia("(prefers-reduced-motion: reduce)").matches
      ? "auto"
      : "smooth";
    var current = -1;
    var target = null; // the photo a button or key is scrolling to
    var frame = 0;

    // A browser that cannot tell CSS that scripts run gets the strip from here.
    if (!window.matchMedia("(scripting: enabled)").matches) {
      gallery.classList.add("gallery-scripted");
    }

    function label(index) {
      return pattern
        .replace("{current}", digits(index + 1, persian))
        .replace("{total}", digits(slides.length, persian));
    }

    // The photo whose middle is nearest the middle of the strip.
    function visibleIndex() {
      var box = strip.getBoundingClientRect();
      var middle = box.left + box.width / 2;
      var best = 0;
      var distance = Infinity;
      slides.forEach(function (slide, index) {
        var rect = slide.getBoundingClientRect();
        var away = Math.abs(rect.left + rect.width / 2 - middle);
        if (away < distance) {
          distance = away;
          best = index;
        }
      });
      return best;
    }

    function mark(index) {
      if (index === current) return;
      current = index;
      slides.forEach(function (slide, n) {
        slide.classList.toggle("is-current", n === index);
        slide.setAttribute("aria-hidden", n === index ? "false" : "true");
      });
      counter.textContent = label(index);
      // aria-disabled, not disabled: a button at the end keeps the focus it has.
      previous.setAttribute("aria-disabled", String(index === 0));
      next.setAttribute("aria-disabled", String(index === slides.length - 1));
    }

    function go(index) {
      index = Math.max(0, Math.min(slides.length - 1, index));
      if (index === current && target === null) return;
      target = index;
      mark(index);
      var box = strip.getBoundingClientRect();
      var rect = slides[index].getBoundingClientRect();
      // The photo's starting edge onto the strip's: right edges on a right-to-left page.
      var offset = rtl ? rect.right - box.right : rect.left - box.left;
      // To a place, not by a distance: a scroll by a distance stops at every photo
      // on its way (scroll-snap-stop, which keeps a swipe to one photo).
      strip.scrollTo({ left: strip.scrollLeft + offset, behavior: motion });
    }

    function settle() {
      target = null;
      mark(visibleIndex());
    }

    strip.addEventListener(
      "scroll",
      function () {
        if (frame) return;
        frame = window.requestAnimationFrame(function () {
          frame = 0;
          var index = visibleIndex();
          if (target !== null) {
            // A button's or a key's scroll passes other photos on its way.
            if (index === target) target = null;
            return;
          }
          mark(index);
        });
      },
      { passive: true }
    );
    strip.addEventListener("scrollend", settle);

    previous.addEventListener("click", function () { go(current - 1); });
    next.addEventListener("click", function () { go(current + 1); });

    gallery.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var forward = rtl ? "ArrowLeft" : "ArrowRight";
      var back = rtl ? "ArrowRight" : "ArrowLeft";
      var index;
      if (event.key === forward) index = current + 1;
      else if (event.key === back) index = current - 1;
      else if (event.key === "Home") index = 0;
      else if (event.key === "End") index = slides.length - 1;
      else return;
      event.preventDefault();
      go(index);
    });

    controls.hidden = false;
    gallery.classList.add("gallery-ready");
    // A page restored from history may come back scrolled to a later photo.
    mark(visibleIndex());
  }

  document.querySelectorAll(".gallery").forEach(setUp);
})();
