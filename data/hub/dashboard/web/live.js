// Keeps the dashboard's figures current: asks the hub for the page's live
// part every few seconds and puts it in place when it changed. No other
// script runs on the page (its Content-Security-Policy allows this file only).
(function () {
  "use strict";
  var live = document.getElementById("live");
  var state = document.getElementById("live-state");
  if (!live) { return; }
  var every = parseInt(live.getAttribute("data-refresh"), 10) || 2000;
  var last = "";
  function show(text, ok) {
    if (!state) { return; }
    state.textContent = text;
    state.className = ok ? "state" : "state off";
  }
  function tick() {
    fetch("/live", { credentials: "same-origin", cache: "no-store", redirect: "error" })
      .then(function (r) {
        if (r.status === 401) { window.location.href = "/login"; return null; }
        if (!r.ok) { throw new Error("status " + r.status); }
        return r.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        if (html !== last) {
          last = html;
          live.innerHTML = html;
        }
        show("Live", true);
        setTimeout(tick, every);
      })
      .catch(function () {
        show("Hub unreachable, retrying", false);
        setTimeout(tick, every * 2);
      });
  }
  setTimeout(tick, every);
})();
