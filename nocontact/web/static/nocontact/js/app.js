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
