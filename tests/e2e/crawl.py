"""Walk the site in the browser as the signed-in person, following every link."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlparse

from playwright.sync_api import Error, Page

# Links a walk never follows: leaving, deleting, and files rather than pages
# (and any link marked ``download``).
SKIP_WORDS = ("logout", "delete")
SKIP_PREFIXES = ("/static/", "/media/")
MAX_PAGES = 80

LINKS_JS = "els => els.map(e => e.href)"


@dataclass
class Walk:
    visited: list[str] = field(default_factory=list)
    # path -> what was wrong there (a contact tool, a server error...)
    problems: dict[str, list[str]] = field(default_factory=dict)

    def flag(self, path: str, problem: str) -> None:
        self.problems.setdefault(path, []).append(problem)


def _follow(url: str, origin: str) -> str | None:
    """The same-origin page path of ``url`` worth visiting, or ``None``."""
    url, _fragment = urldefrag(url)
    parsed = urlparse(url)
    if f"{parsed.scheme}://{parsed.netloc}" != origin:
        return None
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    if path.startswith(SKIP_PREFIXES) or any(word in path for word in SKIP_WORDS):
        return None
    return path


def walk(
    page: Page,
    origin: str,
    check: Callable[[Page, str], list[str]],
    start: str = "/",
    limit: int = MAX_PAGES,
) -> Walk:
    """Breadth-first over same-origin links (GET only), ``check`` run on every page.

    ``check(page, path)`` returns the problems it sees on the loaded page.
    """
    result = Walk()
    queue: deque[str] = deque([start])
    seen = {start}
    while queue and len(result.visited) < limit:
        path = queue.popleft()
        try:
            response = page.goto(origin + path, wait_until="domcontentloaded")
        except Error as error:
            if "Download is starting" in error.message:
                continue  # a file, not a page
            raise
        result.visited.append(path)
        if response is None or response.status >= 500:
            result.flag(path, f"status {response.status if response else 'none'}")
            continue
        for problem in check(page, path):
            result.flag(path, problem)
        for href in page.locator("a[href]:not([download])").evaluate_all(LINKS_JS):
            target = _follow(str(href), origin)
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
    return result
