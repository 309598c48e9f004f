// nocontact offline: registers the service worker (/sw.js), asks it to keep or forget the
// offline copies, sends urges logged offline once the network is back, and says so.
// Every page works without this file; only the offline copies and the queue need it.
"use strict";

(() => {
  const REFRESH_AFTER_MS = 2 * 60 * 1000;
  const LAST_KEPT = "nocontact-offline-kept";
  const RETRY_AFTER_MS = 2000;
  const MAX_RETRIES = 3;

  const newKey = () => {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  // Every urge form gets its own key when the page opens (a double submit is one urge)
  // and the moment it was logged when it is sent (it may be sent much later).
  const markUrgeForms = () => {
    for (const form of document.querySelectorAll("form[data-client-key]")) {
      const key = form.querySelector("input[name=client_key]");
      if (key && !key.value) key.value = newKey();
      form.addEventListener("submit", () => {
        const at = form.querySelector("input[name=logged_at]");
        if (at) at.value = new Date().toISOString();
      });
    }
  };

  const show = (box, name, reason) => {
    const note = box.querySelector(`[data-offline-note="${name}"]`);
    if (!note) return;
    if (reason !== undefined) {
      const slot = note.querySelector("[data-offline-reason]");
      if (slot) slot.textContent = reason;
    }
    note.hidden = false;
    box.hidden = false;
  };

  document.addEventListener("DOMContentLoaded", () => {
    markUrgeForms();
    const box = document.querySelector("[data-offline]");
    if (!box) return;
    // Offline, any other form would end on the browser's error page and lose the words
    // typed into it: keep the person here, with their words, and say why.
    for (const form of document.querySelectorAll("form[method=post]:not([data-client-key])")) {
      form.addEventListener("submit", (event) => {
        if (navigator.onLine) return;
        event.preventDefault();
        show(box, "offline-form");
        box.scrollIntoView({ block: "nearest" });
      });
    }
    const params = new URLSearchParams(window.location.search);
    if (params.has("saved-offline")) show(box, "saved");
    if (!("serviceWorker" in navigator)) return;

    const user = box.dataset.user || "";
    let replay = null;
    let retries = 0;
    const keep = box.dataset.keep === "1";
    const token = () => {
      const input = document.querySelector("input[name=csrfmiddlewaretoken]");
      return input ? input.value : "";
    };

    navigator.serviceWorker.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type === "kept" && data.kept) sessionStorage.setItem(LAST_KEPT, String(Date.now()));
      if (data.type !== "replayed") return;
      if (data.sent) {
        show(box, "sent");
        box.querySelector('[data-offline-note="waiting"]').hidden = true;
      }
      if (data.waiting && navigator.onLine) {
        show(box, "waiting");
        // The network may come back a moment after the "online" event: try a few times.
        if (retries < MAX_RETRIES && replay) {
          retries += 1;
          window.setTimeout(replay, RETRY_AFTER_MS * retries);
        }
      }
      for (const reason of data.refused || []) show(box, "refused", reason);
      box.dispatchEvent(new CustomEvent("offline:replayed", { detail: data, bubbles: true }));
    });

    navigator.serviceWorker.register(box.dataset.sw, { scope: "/" }).catch(() => { /* no offline copy */ });
    navigator.serviceWorker.ready.then((registration) => {
      const worker = registration.active;
      if (!worker) return;
      if (!keep) {
        // Signed out or behind the app lock: nothing personal stays for offline use.
        worker.postMessage({ type: "forget", user });
        if (!user) {
          // Signed out: nothing can be sent, but say if something is still waiting.
          worker.postMessage({ type: "status" });
          return;
        }
      }
      // Send what waits first (the fresh copies then show it too).
      replay = () => worker.postMessage({ type: "replay", user, csrf: token() });
      if (navigator.onLine) replay();
      if (keep) {
        // Refresh the copies now and then, and at once after something was saved.
        const last = Number(sessionStorage.getItem(LAST_KEPT) || 0);
        const justSaved = document.querySelector(".messages") !== null;
        const onKeptPage = box.dataset.keepPage === "1";
        if (navigator.onLine && (justSaved || onKeptPage || Date.now() - last > REFRESH_AFTER_MS)) {
          worker.postMessage({ type: "keep", user });
        }
      }
      window.addEventListener("online", replay);
      window.nocontactReplay = replay;
    });
  });
})();
