// nocontact: small progressive enhancements. Every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Fill an empty time-zone field with the browser's own zone.
  for (const field of document.querySelectorAll("[data-guess-timezone]")) {
    if (!field.value || field.dataset.guessTimezone === "always") {
      try {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone && [...(field.options || [])].some((o) => o.value === zone)) field.value = zone;
      } catch (_) { /* keep the server's default */ }
    }
  }
});

// Quick exit: blank the screen at once, then replace this page (no new history entry).
(() => {
  let leaving = false;
  const leave = (url) => {
    if (leaving) return;
    leaving = true;
    document.documentElement.classList.add("leaving");
    document.title = "New tab";
    try { document.body.replaceChildren(); } catch (_) { /* the class already hides it */ }
    window.location.replace(url);
  };
  const exitUrl = () => {
    const link = document.querySelector("[data-quick-exit]");
    return link ? link.href : "/away/";
  };
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("[data-quick-exit]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    leave(link.href);
  });
  // Escape three times within two seconds also leaves.
  let presses = [];
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    presses = presses.filter((t) => now - t < 2000);
    presses.push(now);
    if (presses.length >= 3) leave(exitUrl());
  });
})();

// App lock: go to the lock page after the chosen quiet time; tell the server while the
// person is still here, so typing a long entry never locks them out.
document.addEventListener("DOMContentLoaded", () => {
  const body = document.body;
  const idle = Number(body.dataset.lockIdle || 0) * 1000;
  if (!idle || !body.dataset.lockUrl) return;
  const lockUrl = body.dataset.lockUrl;
  const aliveUrl = body.dataset.aliveUrl;
  let lastActive = Date.now();
  let lastPing = Date.now();
  const goLock = () => {
    const next = window.location.pathname + window.location.search;
    window.location.assign(lockUrl + "?next=" + encodeURIComponent(next));
  };
  const active = () => {
    const now = Date.now();
    lastActive = now;
    if (aliveUrl && now - lastPing > Math.min(60000, idle / 2)) {
      lastPing = now;
      fetch(aliveUrl, { credentials: "same-origin", cache: "no-store" })
        .then((response) => { if (response.redirected) goLock(); })
        .catch(() => { /* offline: the server decides on the next request */ });
    }
  };
  for (const name of ["keydown", "pointerdown", "input", "scroll", "touchstart"]) {
    document.addEventListener(name, active, { passive: true, capture: true });
  }
  window.setInterval(() => {
    if (Date.now() - lastActive >= idle) goLock();
  }, 5000);
});
