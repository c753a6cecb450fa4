/* Autosave of the article form (articles/autosave.py holds the server's part).

   While the text changes, it is kept in this browser (localStorage, per user and
   article) within two seconds, and sent to the user's own draft on the server
   every AUTOSAVE_SECONDS (data-every; 20 s), when the tab is hidden and when the
   page is left. The browser's copy is removed once the server has the same text,
   so a crash, a closed tab, an expired session or a dropped network loses at most
   the last seconds of typing.
   On opening the form, unsaved text is offered back in a banner (the server draws
   it; without the server, this script draws it from the browser's copy); nothing
   goes into the form until the user clicks «بازگرداندن». A draft never touches the
   article: only the form's own Save does. */
(function () {
  "use strict";

  var LOCAL_EVERY = 2000;
  // Browsers refuse a keepalive request larger than 64 KB; the browser's copy
  // covers a longer text until the next send.
  var KEEPALIVE_LIMIT = 60000;

  var root = document.getElementById("autosave");
  var form = root && root.closest("form");
  if (!form || !window.fetch || !window.JSON) {
    return;
  }
  var fields = JSON.parse(root.dataset.fields || "[]");
  var slot = root.querySelector(".autosave-slot");
  var statusLine = root.querySelector(".autosave-status");
  var isNew = root.dataset.new === "1";
  var SERVER_EVERY = (parseInt(root.dataset.every, 10) || 20) * 1000;
  var token = root.dataset.token || "";
  var tokenInput = null;
  if (isNew) {
    tokenInput = document.createElement("input");
    tokenInput.type = "hidden";
    tokenInput.name = root.dataset.tokenField;
    tokenInput.value = token;
    form.appendChild(tokenInput);
  }

  // --- The form's text ---------------------------------------------------------

  function editorOf(element) {
    var tiny = window.tinymce;
    return tiny && element.id ? tiny.get(element.id) : null;
  }

  function snapshot() {
    // static/js/editor.js writes each TinyMCE editor back into its textarea as
    // the user types, so the textareas hold the current text.
    var values = {};
    fields.forEach(function (field) {
      var element = form.elements[field.name];
      if (element && typeof element.value === "string") {
        values[field.name] = element.value;
      }
    });
    return values;
  }

  function basedOn() {
    var version = form.elements.form_version;
    var number = version ? parseInt(version.value, 10) : NaN;
    return isNaN(number) ? null : number;
  }

  var pristine = JSON.stringify(snapshot());
  var serverHas = pristine; // what the server holds: the article, or our draft
  var localHas = pristine;
  var sending = false;
  var leaving = false;

  // --- The browser's copy ------------------------------------------------------

  function localKey() {
    return root.dataset.key + (isNew ? token : "");
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage switched off: the server's draft is all there is
    }
  }

  function readLocal(key) {
    try {
      var copy = JSON.parse(storage().getItem(key));
      return copy && copy.fields ? copy : null;
    } catch (error) {
      return null;
    }
  }

  function dropLocal(key) {
    var store = storage();
    return store && store.removeItem(key || localKey());
  }

  function keepLocally() {
    var now = JSON.stringify(snapshot());
    if (now === localHas) {
      return now;
    }
    localHas = now;
    if (now === serverHas) {
      dropLocal();
      return now;
    }
    var copy = { fields: JSON.parse(now), basedOn: basedOn(), savedAt: Date.now(), token: token };
    try {
      storage().setItem(localKey(), JSON.stringify(copy));
    } catch (error) {
      // Full or switched off: the server's draft still follows at its interval.
    }
    return now;
  }

  // The add page: the newest copy of a new article this user left in this browser.
  function newestNewCopy() {
    var store = storage();
    var newest = null;
    for (var i = 0; store && i < store.length; i++) {
      var key = store.key(i);
      var copy = key.indexOf(root.dataset.key) === 0 ? readLocal(key) : null;
      if (copy && (!newest || copy.savedAt > newest.savedAt)) {
        copy.key = key;
        newest = copy;
      }
    }
    return newest;
  }

  // --- The server --------------------------------------------------------------

  function csrfToken() {
    // The cookie first: a login in another tab renews it, and the page's token with it.
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) {
      return decodeURIComponent(match[1]);
    }
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(url, payload, keepalive) {
    var body = JSON.stringify(payload);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      // An ended session answers with a redirect to the login page: not a save.
      redirect: "manual",
      keepalive: Boolean(keepalive) && new Blob([body]).size < KEEPALIVE_LIMIT,
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: body,
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") !== 0) {
        var ended = response.type === "opaqueredirect" || response.status === 403;
        return { ok: false, ended: ended };
      }
      return response.json().then(function (data) {
        data.ok = response.ok;
        return data;
      });
    });
  }

  function say(message) {
    statusLine.textContent = message || "";
  }

  function failed(data) {
    say(data.error || (data.ended ? root.dataset.msgLoggedOut : root.dataset.msgKept));
  }

  function unreachable() {
    say(root.dataset.msgOffline);
  }

  function saveToServer(keepalive) {
    var now = keepLocally();
    if (now === serverHas || (sending && !keepalive)) {
      return;
    }
    sending = true;
    var payload = { fields: JSON.parse(now), based_on: basedOn(), token: token };
    post(root.dataset.url, payload, keepalive)
      .then(
        function (data) {
          if (!(data.ok && data.saved)) {
            failed(data);
            return;
          }
          serverHas = now;
          if (localHas === now) {
            dropLocal();
          }
          say(data.status);
        },
        unreachable
      )
      .then(function () {
        sending = false;
      });
  }

  // --- The offer -----------------------------------------------------------------

  function readable(name, value) {
    if (name.indexOf("body_") !== 0) {
      return value;
    }
    // An inert document: nothing in it runs or loads.
    return new DOMParser().parseFromString(value, "text/html").body.textContent;
  }

  function formatTime(milliseconds) {
    var persian = (document.documentElement.lang || "fa").indexOf("fa") === 0;
    try {
      return new Intl.DateTimeFormat(persian ? "fa-IR-u-ca-persian" : "en-GB-u-ca-persian", {
        year: "numeric",
        month: "long",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: root.dataset.timeZone || undefined,
      }).format(new Date(milliseconds));
    } catch (error) {
      return new Date(milliseconds).toLocaleString();
    }
  }

  // Words removed and added from ``before`` to ``after``: the common start and
  // end are cut off, and the rest compared word by word (longest common
  // subsequence), unless it is too long to compare quickly.
  function wordDiff(before, after) {
    var a = before.split(/(\s+)/);
    var b = after.split(/(\s+)/);
    var start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) {
      start++;
    }
    var endA = a.length;
    var endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
      endA--;
      endB--;
    }
    var parts = [["=", a.slice(0, start).join("")]];
    var n = endA - start;
    var m = endB - start;
    if (n * m > 1000000) {
      parts.push(["-", a.slice(start, endA).join("")], ["+", b.slice(start, endB).join("")]);
    } else {
      var table = [];
      for (var i = n; i >= 0; i--) {
        table[i] = new Uint32Array(m + 1);
        for (var j = m - 1; j >= 0 && i < n; j--) {
          table[i][j] = a[start + i] === b[start + j]
            ? table[i + 1][j + 1] + 1
            : Math.max(table[i + 1][j], table[i][j + 1]);
        }
      }
      var x = 0;
      var y = 0;
      while (x < n || y < m) {
        if (x < n && y < m && a[start + x] === b[start + y]) {
          parts.push(["=", a[start + x]]);
          x++;
          y++;
        } else if (x < n && (y === m || table[x + 1][y] >= table[x][y + 1])) {
          parts.push(["-", a[start + x]]);
          x++;
        } else {
          parts.push(["+", b[start + y]]);
          y++;
        }
      }
    }
    parts.push(["=", a.slice(endA).join("")]);
    return parts;
  }

  function diffInto(box, before, after) {
    var tags = { "+": "ins", "-": "del" };
    wordDiff(before, after).forEach(function (part) {
      if (!part[1]) {
        return;
      }
      var last = box.lastChild;
      var tag = tags[part[0]];
      if (!tag) {
        box.appendChild(document.createTextNode(part[1]));
      } else if (last && last.nodeName.toLowerCase() === tag) {
        last.textContent += part[1];
      } else {
        box.appendChild(document.createElement(tag)).textContent = part[1];
      }
    });
  }

  // Without the server: the same banner, from the browser's copy, with the
  // words of each field that differ from the form as it opened.
  function showLocalOffer(copy) {
    var template = root.querySelector("template.autosave-local");
    var offer = template.content.firstElementChild.cloneNode(true);
    var opened = JSON.parse(pristine);
    offer.autosaveFields = copy.fields;
    offer.autosaveKey = copy.key;
    if (copy.token) {
      offer.dataset.token = copy.token;
    }
    var title = offer.querySelector(".autosave-offer-title strong");
    title.textContent = title.textContent.replace("__WHEN__", formatTime(copy.savedAt));
    var list = offer.querySelector(".autosave-diff");
    fields.forEach(function (field) {
      var value = copy.fields[field.name];
      var before = opened[field.name] || "";
      if (typeof value !== "string" || value === before) {
        return;
      }
      var heading = document.createElement("h3");
      heading.textContent = field.label;
      var text = document.createElement("div");
      text.className = "diff";
      text.dir = "auto";
      diffInto(text, readable(field.name, before), readable(field.name, value));
      list.appendChild(heading);
      list.appendChild(text);
    });
    slot.textContent = "";
    slot.appendChild(offer);
  }

  function offeredFields(offer) {
    // The server's offer carries its text in data-fields (escaped there).
    return offer.autosaveFields || JSON.parse(offer.dataset.fields || "{}");
  }

  function adoptToken(offered) {
    // The add page takes over the offered draft of a new article: its later
    // saves update that draft, and the article's save removes it.
    if (!isNew || !offered || offered === token) {
      return;
    }
    dropLocal();
    token = offered;
    tokenInput.value = offered;
  }

  function restore(offer) {
    var values = offeredFields(offer);
    adoptToken(offer.dataset.token);
    fields.forEach(function (field) {
      var element = form.elements[field.name];
      var value = values[field.name];
      if (!element || typeof value !== "string") {
        return;
      }
      element.value = value;
      var editor = editorOf(element);
      if (editor && editor.initialized) {
        editor.setContent(value);
        editor.save();
      } else if (editor) {
        editor.on("init", function () {
          editor.setContent(value);
        });
      }
      element.dispatchEvent(new Event("input", { bubbles: true }));
    });
    slot.textContent = "";
    say(root.dataset.msgRestored);
    keepLocally();
  }

  function discard(offer) {
    var offered = offer.dataset.token || token;
    slot.textContent = "";
    dropLocal(offer.autosaveKey);
    serverHas = pristine; // the server keeps nothing of this page now
    post(root.dataset.discardUrl, { token: offered }).then(function (data) {
      return data.ok ? say(data.status) : failed(data);
    }, unreachable);
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    var offer = button && button.closest(".autosave-offer");
    if (!offer || !slot.contains(offer)) {
      return;
    }
    if (button.classList.contains("autosave-restore")) {
      restore(offer);
    } else if (button.classList.contains("autosave-discard")) {
      discard(offer);
    }
  });

  // A copy this browser kept and the server never acknowledged goes to the server
  // now, which answers with the banner; without the server, the banner comes
  // from the copy itself.
  function offerLocalCopy() {
    var copy = isNew ? newestNewCopy() : readLocal(localKey());
    if (!copy) {
      return;
    }
    copy.key = copy.key || localKey();
    if (JSON.stringify(copy.fields) === pristine) {
      dropLocal(copy.key); // the form already shows it: it was saved
      return;
    }
    var payload = { fields: copy.fields, based_on: copy.basedOn, token: copy.token || token, offer: true };
    post(root.dataset.url, payload, false).then(
      function (data) {
        if (data.ok && data.saved) {
          dropLocal(copy.key);
          // Drawn by the server from its template, every word escaped there.
          slot.innerHTML = data.offer || "";
        } else {
          showLocalOffer(copy);
          failed(data);
        }
      },
      function () {
        showLocalOffer(copy);
        unreachable();
      }
    );
  }

  // --- When to save ------------------------------------------------------------

  form.addEventListener("input", keepLocally);
  setInterval(keepLocally, LOCAL_EVERY);
  setInterval(function () {
    return leaving || saveToServer(false);
  }, SERVER_EVERY);
  document.addEventListener("visibilitychange", function () {
    return document.visibilityState !== "hidden" || leaving || saveToServer(true);
  });
  window.addEventListener("pagehide", function () {
    return leaving || saveToServer(true);
  });
  form.addEventListener("submit", function (event) {
    // The save itself carries the text (and removes the draft); an autosave
    // arriving after it would bring the draft back. The browser's copy stays
    // until the next page shows the saved text.
    keepLocally();
    leaving = true;
    setTimeout(function () {
      // Another handler stopped the sending: the page stays, and so does autosave.
      if (event.defaultPrevented) {
        leaving = false;
      }
    }, 0);
  });

  offerLocalCopy();
})();
