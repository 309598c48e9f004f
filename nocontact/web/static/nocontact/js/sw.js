// nocontact service worker, served at /sw.js with its settings in self.nocontactConfig.
//
// 1. Keeps a copy of the SOS page (with the friend's text) and the reasons, with their
//    styles and scripts, for the signed-in person, when a page asks it to ("keep").
// 2. With no network, opens those copies; any other page falls back to SOS.
// 3. An urge logged with no network is queued in IndexedDB under the key the page made,
//    and sent again later ("replay", Background Sync); the server ignores a key it has seen.
// Pages forget the copies when signed out or locked ("forget"); logging out, deleting the
// account and quick exit clear everything with Clear-Site-Data.
"use strict";

const CONFIG = self.nocontactConfig;
const CACHE = "nocontact-offline-" + self.nocontactVersion;
const DB_NAME = "nocontact-offline";
const QUEUE = "urges";
const META = "meta";
const SYNC_TAG = "nocontact-urges";

// --- IndexedDB: the queue of urges and who it belongs to ------------------------------
const openDb = () => new Promise((resolve, reject) => {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(QUEUE, { keyPath: "key" });
    request.result.createObjectStore(META);
  };
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

const withStore = async (name, mode, work) => {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(name, mode);
      const request = work(tx.objectStore(name));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
};

const currentUser = () => withStore(META, "readonly", (s) => s.get("user"));
const setUser = (user) => withStore(META, "readwrite", (s) => s.put(user, "user"));
const queued = () => withStore(QUEUE, "readonly", (s) => s.getAll());
const enqueue = (entry) => withStore(QUEUE, "readwrite", (s) => s.put(entry));
const dequeue = (key) => withStore(QUEUE, "readwrite", (s) => s.delete(key));

// --- Keeping and forgetting the offline copies -----------------------------------------
const ASSET = /(?:href|src)="([^"]+)"/g;

const assetsOf = (html) => {
  const found = new Set();
  for (const match of html.matchAll(ASSET)) {
    const url = new URL(match[1].replace(/&amp;/g, "&"), self.location.origin);
    if (url.origin === self.location.origin && url.pathname.startsWith(CONFIG.staticUrl)) {
      found.add(url.pathname);
    }
  }
  return [...found];
};

const forget = async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith("nocontact-offline-")) await caches.delete(name);
  }
};

const keep = async () => {
  const fresh = await caches.open(CACHE + "-next");
  const assets = new Set();
  for (const page of CONFIG.pages) {
    const response = await fetch(page, { credentials: "same-origin", cache: "no-store", redirect: "manual" });
    // A redirect means signed out or locked: keep nothing.
    if (response.status !== 200) {
      await caches.delete(CACHE + "-next");
      await forget();
      return false;
    }
    for (const asset of assetsOf(await response.clone().text())) assets.add(asset);
    await fresh.put(page, response);
  }
  await Promise.all([...assets].map(async (asset) => {
    const response = await fetch(asset, { credentials: "same-origin" });
    if (response.ok) await fresh.put(asset, response);
  }));
  // Swap in the new copies at once, so a half-made set is never served.
  await caches.delete(CACHE);
  const cache = await caches.open(CACHE);
  const next = await caches.open(CACHE + "-next");
  for (const request of await next.keys()) await cache.put(request, await next.match(request));
  await caches.delete(CACHE + "-next");
  return true;
};

// --- Sending the queue ------------------------------------------------------------------

const replayOnce = async (user, csrf) => {
  const result = { sent: 0, waiting: 0, refused: [] };
  for (const entry of await queued()) {
    if (entry.user !== user) continue; // someone else's: never sent as this person
    const body = new URLSearchParams(entry.body);
    if (csrf) body.set("csrfmiddlewaretoken", csrf);
    let response;
    try {
      response = await fetch(CONFIG.urge, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual",
        cache: "no-store",
        headers: { [CONFIG.replayHeader]: "1" },
      });
    } catch (_) {
      result.waiting += 1; // still offline
      continue;
    }
    if (response.status === 200 || response.status === 201) {
      await dequeue(entry.key);
      result.sent += 1;
    } else if (response.status === 400) {
      // The server will never take this one (too old, say): say why, and let it go.
      let reason = "";
      try { reason = (await response.json()).error || ""; } catch (_) { /* no reason given */ }
      await dequeue(entry.key);
      result.refused.push(reason);
    } else {
      result.waiting += 1; // signed out, locked, or an expired token: try again later
    }
  }
  return result;
};

// One task at a time (keeping, forgetting, sending): a page opened while another page's
// task runs waits for it, so two copies are never made, nor one urge sent twice at once.
let tasks = Promise.resolve();
const serially = (task) => {
  const next = tasks.catch(() => {}).then(task);
  tasks = next.catch(() => {});
  return next;
};

const replay = (user, csrf) => serially(() => replayOnce(user, csrf));

// --- Events -------------------------------------------------------------------------------
self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("nocontact-offline-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (message) => { if (event.source) event.source.postMessage(message); };
  const work = (async () => {
    if (data.user) await setUser(data.user);
    if (data.type === "keep") {
      reply({ type: "kept", kept: await serially(keep).catch(() => false) });
    } else if (data.type === "forget") {
      await serially(forget);
      reply({ type: "forgotten" });
    } else if (data.type === "status") {
      reply({ type: "replayed", sent: 0, waiting: (await queued()).length, refused: [] });
    } else if (data.type === "replay" && data.user) {
      reply({ type: "replayed", ...(await replay(data.user, data.csrf)) });
    }
  })();
  event.waitUntil(work.catch(() => {}));
});

self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil((async () => {
    const user = await currentUser();
    if (!user) return;
    const result = await replay(user, "");
    // Open pages say what happened, as after a replay they asked for.
    if (result.sent || result.refused.length) {
      for (const client of await self.clients.matchAll({ type: "window" })) {
        client.postMessage({ type: "replayed", ...result });
      }
    }
    if (result.waiting) throw new Error("still waiting"); // the browser tries again later
  })());
});

const pageFromCache = async (url) => {
  const cache = await caches.open(CACHE);
  return cache.match(url.pathname, { ignoreSearch: true, ignoreVary: true });
};

const navigate = async (request) => {
  try {
    return await fetch(request);
  } catch (error) {
    const url = new URL(request.url);
    const copy = await pageFromCache(url);
    if (copy) return copy;
    if (await pageFromCache(new URL(CONFIG.fallback, self.location.origin))) {
      return Response.redirect(CONFIG.fallback, 302);
    }
    throw error;
  }
};

const newKey = () => (self.crypto.randomUUID ? self.crypto.randomUUID() : String(Date.now()) + Math.random());

const postUrge = async (request) => {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (error) {
    const user = await currentUser();
    if (!user) throw error;
    const body = new URLSearchParams(await copy.text());
    if (!body.get("client_key")) body.set("client_key", newKey());
    if (!body.get("logged_at")) body.set("logged_at", new Date().toISOString());
    body.set("offline_user", user); // the server refuses it for anyone else
    await enqueue({ key: body.get("client_key"), user, body: body.toString(), queuedAt: Date.now() });
    if (self.registration.sync) {
      try { await self.registration.sync.register(SYNC_TAG); } catch (_) { /* replayed on the next page */ }
    }
    return Response.redirect(CONFIG.fallback + "?" + CONFIG.savedParam + "=1", 303);
  }
};

const asset = async (request) => {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    const copy = await cache.match(new URL(request.url).pathname, { ignoreSearch: true });
    if (copy) return copy;
    throw error;
  }
};

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === CONFIG.urge && !request.headers.has(CONFIG.replayHeader)) {
    event.respondWith(postUrge(request));
  } else if (request.method === "GET" && request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (request.method === "GET" && url.pathname.startsWith(CONFIG.staticUrl)) {
    event.respondWith(asset(request));
  }
});
