// SOS page: a gentle countdown and a copy button. The page works without this file:
// it already says when the wait ends and shows the friend's text to copy by hand.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const timer = document.querySelector("[data-sos-timer]");
  const status = document.querySelector("[data-sos-status]");
  if (timer) {
    const total = Number(timer.dataset.seconds) || 600;
    const ends = Date.now() + total * 1000;
    // The page may be a copy kept for offline use, rendered long ago: say the real end.
    if (status && status.dataset.endsText) {
      const lang = document.documentElement.lang || undefined;
      const local = new Date(ends).toLocaleTimeString(lang, { hour: "numeric", minute: "2-digit" });
      status.textContent = status.textContent.replace(status.dataset.endsText, local);
    }
    const show = (seconds) => {
      const m = Math.floor(seconds / 60);
      const s = String(seconds % 60).padStart(2, "0");
      timer.textContent = `${m}:${s}`;
    };
    const tick = () => {
      const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      show(left);
      if (left === 0) {
        window.clearInterval(handle);
        timer.classList.add("timer-done");
        if (status && timer.dataset.doneText) status.textContent = timer.dataset.doneText;
      }
    };
    const handle = window.setInterval(tick, 1000);
    tick();
  }

  for (const button of document.querySelectorAll("[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.innerText.trim());
        button.textContent = button.dataset.copiedText || "✓";
      } catch (_) { /* the text stays visible to copy by hand */ }
    });
  }
});
