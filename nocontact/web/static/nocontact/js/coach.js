// nocontact: the message coach, live under any textarea[data-coach-route].
// Without this file the "Check this draft" button posts the draft to the coach page.
// The user's text is only ever written with text nodes, never as HTML.
"use strict";

(() => {
  if (window.nocontactCoach) return; // the panel may be included more than once
  window.nocontactCoach = true;

  const DELAY_MS = 80; // at most one request per 80 ms; the last keystroke always counts
  const WHOLE_MESSAGE = new Set(["too_long", "double_text", "late_night", "unclear_intent"]);
  const ENGLISH = {
    empty: "Write your draft and the coach will read it.",
    clean: "Score {score} of 100. Nothing to change: short and kind.",
    one: "Score {score} of 100. One thing to look at.",
    many: "Score {score} of 100. {count} things to look at.",
    stopped: "The coach has stopped: you matter more than any message.",
    better: "Better:",
    route: "Choose what the message is for, and the coach will read it.",
    failed: "The coach couldn't read this just now. Your draft is safe here.",
  };

  function text(panel, key, values) {
    let template = panel.dataset["t" + key[0].toUpperCase() + key.slice(1)] || ENGLISH[key];
    for (const [name, value] of Object.entries(values || {})) {
      template = template.split("{" + name + "}").join(String(value));
    }
    return template;
  }

  function csrfToken(panel) {
    if (panel.dataset.csrf) return panel.dataset.csrf;
    const meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) return meta.content;
    const field = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (field) return field.value;
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
    return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : "";
  }

  // A data attribute holds a value, or "#id" of the field that holds it.
  function read(value) {
    if (!value) return "";
    if (value.startsWith("#")) {
      const field = document.querySelector(value);
      return field ? field.value : "";
    }
    return value;
  }

  function nowHHMM() {
    const now = new Date();
    return String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0");
  }

  function element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.append(document.createTextNode(content));
    return node;
  }

  // A panel made here when the page did not include web/_coach_panel.html.
  function makePanel(textarea) {
    const panel = element("section", "coach-panel");
    panel.dataset.coachPanel = "";
    panel.dataset.coachFor = textarea.id;
    panel.dataset.coachUrl = "/coach/analyse/";
    panel.dataset.coachUpdated = "0";
    const mirror = element("div", "coach-mirror");
    mirror.dataset.coachMirror = "";
    mirror.setAttribute("aria-hidden", "true");
    mirror.hidden = true;
    const summary = element("p", "coach-summary");
    summary.dataset.coachSummary = "";
    summary.setAttribute("aria-live", "polite");
    const flags = element("ol", "coach-flags");
    flags.dataset.coachFlags = "";
    panel.append(mirror, summary, flags);
    textarea.after(panel);
    return panel;
  }

  function findPanel(textarea) {
    for (const panel of document.querySelectorAll("[data-coach-panel]")) {
      if (panel.dataset.coachFor === textarea.id) return panel;
    }
    return makePanel(textarea);
  }

  function renderMirror(mirror, draft, flags) {
    const spans = flags.filter((f) => !WHOLE_MESSAGE.has(f.code) && f.end > f.start);
    mirror.replaceChildren();
    if (!spans.length) {
      mirror.hidden = true;
      return;
    }
    const cuts = new Set([0, draft.length]);
    for (const f of spans) {
      cuts.add(f.start);
      cuts.add(f.end);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i += 1) {
      const [start, end] = [sorted[i], sorted[i + 1]];
      const piece = draft.slice(start, end);
      const codes = spans.filter((f) => f.start <= start && end <= f.end).map((f) => f.code);
      if (codes.length) {
        const mark = element("mark", "coach-mark", piece);
        mark.dataset.codes = codes.join(" ");
        mirror.append(mark);
      } else {
        mirror.append(document.createTextNode(piece));
      }
    }
    mirror.hidden = false;
  }

  function renderFlags(list, panel, draft, flags) {
    let labels = {};
    try {
      labels = JSON.parse(panel.dataset.coachLabels || "{}");
    } catch (_) { /* codes stand in for labels */ }
    list.replaceChildren();
    for (const flag of flags) {
      const item = element("li", "coach-flag coach-flag-" + flag.code);
      item.dataset.code = flag.code;
      const title = element("p", "coach-flag-title");
      title.append(element("strong", "", labels[flag.code] || flag.code));
      if (!WHOLE_MESSAGE.has(flag.code) && flag.end > flag.start) {
        title.append(document.createTextNode(" "), element("q", "", draft.slice(flag.start, flag.end)));
      }
      const better = element("p", "coach-better");
      better.append(element("span", "coach-better-label", text(panel, "better")));
      better.append(document.createTextNode(" " + flag.suggestion));
      item.append(title, element("p", "", flag.why), better);
      list.append(item);
    }
  }

  function render(panel, draft, result) {
    const part = (name) => panel.querySelector("[data-coach-" + name + "]");
    const summary = part("summary");
    const crisis = part("crisis");
    const hostile = part("hostile");
    const flags = result.flags || [];
    if (result.stop_coaching) {
      summary.textContent = text(panel, "stopped");
      renderMirror(part("mirror"), draft, []);
      if (crisis) {
        part("flags").replaceChildren();
        crisis.hidden = false;
      } else {
        renderFlags(part("flags"), panel, draft, flags); // why and where to turn, at least
      }
    } else {
      if (crisis) crisis.hidden = true;
      const count = flags.length;
      const key = !draft.trim() ? "empty" : count === 0 ? "clean" : count === 1 ? "one" : "many";
      summary.textContent = text(panel, key, { score: result.score, count: count });
      renderMirror(part("mirror"), draft, flags);
      renderFlags(part("flags"), panel, draft, flags);
    }
    if (hostile) hostile.hidden = !flags.some((f) => f.code === "hostile") || !!result.stop_coaching;
  }

  function attach(textarea) {
    if (textarea.dataset.coachAttached) return;
    textarea.dataset.coachAttached = "true";
    if (!textarea.id) textarea.id = "coach-draft-" + Math.random().toString(36).slice(2);
    const panel = findPanel(textarea);
    const state = { timer: 0, lastSent: -Infinity, seq: 0, inputAt: 0, controller: null, closed: false };
    for (const button of panel.querySelectorAll(".coach-check")) button.hidden = true;

    async function send() {
      state.timer = 0;
      if (state.closed) return;
      state.lastSent = performance.now();
      const seq = ++state.seq;
      const draft = textarea.value;
      const route = read(textarea.dataset.coachRoute);
      const summary = panel.querySelector("[data-coach-summary]");
      if (!route) {
        summary.textContent = text(panel, "route");
        return;
      }
      if (state.controller) state.controller.abort();
      state.controller = new AbortController();
      const body = {
        text: draft,
        route: route,
        send_at: read(textarea.dataset.coachSendAt) || nowHHMM(),
        unanswered: Number(read(textarea.dataset.coachUnanswered) || 0),
        letter: "coachLetter" in panel.dataset,
      };
      let response;
      let result;
      try {
        response = await fetch(panel.dataset.coachUrl, {
          method: "POST",
          credentials: "same-origin",
          signal: state.controller.signal,
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(panel) },
          body: JSON.stringify(body),
        });
        result = await response.json();
      } catch (error) {
        if (error.name === "AbortError") return;
        if (seq === state.seq) summary.textContent = text(panel, "failed");
        return;
      }
      if (seq !== state.seq) return; // a newer draft is on its way
      if (!response.ok) {
        summary.textContent = result.error || text(panel, "failed");
        state.closed = response.status === 403 || response.status === 401;
        return;
      }
      render(panel, draft, result);
      const done = performance.now();
      panel.dataset.coachUpdated = String(Number(panel.dataset.coachUpdated || 0) + 1);
      panel.dataset.coachUpdatedAt = String(done);
      panel.dataset.coachLength = String(draft.length);
      if (draft === textarea.value) panel.dataset.coachLatencyMs = (done - state.inputAt).toFixed(1);
    }

    function changed() {
      state.inputAt = performance.now();
      if (state.timer) return; // the pending request will read the newest text
      const wait = state.lastSent + DELAY_MS - state.inputAt;
      if (wait <= 0) send();
      else state.timer = setTimeout(send, wait);
    }

    textarea.addEventListener("input", changed);
    for (const name of ["coachRoute", "coachSendAt", "coachUnanswered"]) {
      const value = textarea.dataset[name];
      if (value && value.startsWith("#")) {
        const field = document.querySelector(value);
        if (field) field.addEventListener("change", changed);
      }
    }
    if (textarea.value.trim()) changed();
  }

  function start() {
    for (const textarea of document.querySelectorAll("textarea[data-coach-route]")) attach(textarea);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
