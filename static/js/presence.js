// Tells the server every 30 s that this change form is still open, and shows who
// else has the same article open. Nothing leaves the site.
(function () {
  "use strict";
  var box = document.querySelector(".presence[data-presence-url]");
  if (!box) return;
  var names = box.querySelector(".presence-names");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  function ping() {
    fetch(box.dataset.presenceUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        names.textContent = data.others.join("، ");
        box.hidden = data.others.length === 0;
      })
      .catch(function () {});
  }
  setInterval(ping, 30000);
})();
