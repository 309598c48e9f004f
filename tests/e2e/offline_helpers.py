"""What the offline tests read from the browser: the service worker's caches and queue."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page

CACHED_PATHS_JS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    if (name.endsWith("-next")) continue;  // still being filled
    const cache = await caches.open(name);
    for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""

QUEUE_JS = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("nocontact-offline", 1);
  open.onupgradeneeded = () => { open.transaction.abort(); resolve([]); };
  open.onerror = () => resolve([]);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains("urges")) { db.close(); resolve([]); return; }
    const all = db.transaction("urges").objectStore("urges").getAll();
    all.onsuccess = () => { db.close(); resolve(all.result); };
    all.onerror = () => { db.close(); reject(all.error); };
  };
})"""

PUT_BACK_JS = """(entries) => new Promise((resolve, reject) => {
  const open = indexedDB.open("nocontact-offline", 1);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction("urges", "readwrite");
    for (const entry of entries) tx.objectStore("urges").put(entry);
    tx.oncomplete = () => { db.close(); resolve(true); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  };
})"""


CACHED_TEXT_JS = """async (path) => {
  for (const name of await caches.keys()) {
    if (name.endsWith("-next")) continue;
    const copy = await (await caches.open(name)).match(path, {ignoreVary: true});
    if (copy) return await copy.text();
  }
  return "";
}"""


def cached_text(page: Page, path: str) -> str:
    return str(page.evaluate(CACHED_TEXT_JS, path))


def cached_paths(page: Page) -> list[str]:
    return list(page.evaluate(CACHED_PATHS_JS))


def queued_urges(page: Page) -> list[dict[str, Any]]:
    return list(page.evaluate(QUEUE_JS))


def put_back(page: Page, entries: list[dict[str, Any]]) -> None:
    page.evaluate(PUT_BACK_JS, entries)


def wait_until_kept(
    page: Page, paths: tuple[str, ...], sos_text: str = "", timeout: float = 15.0
) -> list[str]:
    """Wait for the service worker to keep its offline copies of ``paths`` (and an SOS
    copy that shows ``sos_text``)."""
    deadline = time.monotonic() + timeout
    found: list[str] = []
    while time.monotonic() < deadline:
        found = cached_paths(page)
        if all(path in found for path in paths) and sos_text in cached_text(page, "/sos/"):
            return found
        page.wait_for_timeout(200)
    raise AssertionError(f"the service worker kept only {found}")
