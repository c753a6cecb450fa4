// The photo's focal point: a click on the photo in its admin form writes where it
// fell (0..1 across and down) into the two number inputs, and the marker shows it.
// Crops made for the site keep that point in view.
(function () {
  "use strict";
  var picker = document.querySelector(".focal-picker");
  var inputX = document.querySelector("input.focal-x");
  var inputY = document.querySelector("input.focal-y");
  if (!picker || !inputX || !inputY) return;
  var image = picker.querySelector("img");
  var marker = picker.querySelector(".focal-marker");

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function show() {
    var x = parseFloat(inputX.value);
    var y = parseFloat(inputY.value);
    if (isNaN(x) || isNaN(y)) {
      marker.hidden = true;
      return;
    }
    // Set through the CSS object model: the policy forbids style="" in markup.
    marker.style.left = clamp(x) * 100 + "%";
    marker.style.top = clamp(y) * 100 + "%";
    marker.hidden = false;
  }

  image.addEventListener("click", function (event) {
    var box = image.getBoundingClientRect();
    inputX.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
    inputY.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
    show();
  });
  inputX.addEventListener("input", show);
  inputY.addEventListener("input", show);
  show();
})();
