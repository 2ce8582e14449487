"""The HTML leaderboard in a real headless Chromium (Debian's ``chromium``; .ci/run installs it): loaded
from disk, sorted by a column, filtered to one language, a hostile runner name shown as text with no
alert, and a screenshot. Skips only where no browser (or the ``browser`` extra) is installed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bench.html import to_html
from bench.leaderboard import build
from tests.leaderboard_cases import perfect, run_info, scored, small_gold, weakened

EVIL = "<script>alert(1)</script>"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three systems with known docs/s; the weakest one has a hostile name."""
    gold = small_gold()
    best = perfect(gold.documents)
    runs = [
        scored(run_info("perfect", docs_per_s=5.0), gold, best),
        scored(run_info("half", docs_per_s=40.0), gold, weakened(best, 2)),
        scored(replace(run_info("x", docs_per_s=20.0), name=EVIL), gold, weakened(best, 4)),
    ]
    path = tmp_path_factory.mktemp("html") / "leaderboard.html"
    path.write_text(to_html(build(runs)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed: pip install -e '.[browser]'"
    )
    exe = chromium_path()
    if exe is None:
        pytest.skip("no chromium browser on this machine (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


def names(page: Any) -> list[str]:
    return [str(x) for x in page.locator("#board tbody td.system .name").all_inner_texts()]


def test_page_in_chromium(browser: Any, page_file: Path, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    page.wait_for_selector("#board tbody tr")

    # ranked by the headline; the hostile name is text, and no script of it ran
    assert names(page) == ["perfect", "half", EVIL]
    assert (
        page.locator("#board tbody td.system .name").nth(2).inner_html()
        == "&lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert dialogs == []

    # sort by docs/s: best first, then reversed
    header = page.locator("#board thead th", has_text="docs/s")
    header.click()
    assert names(page) == ["half", EVIL, "perfect"]
    assert header.get_attribute("aria-sort") == "descending"
    header.click()
    assert names(page) == ["perfect", EVIL, "half"]
    # sort by system name (text: ascending first)
    page.locator("#board thead th", has_text="system").click()
    assert names(page) == sorted([EVIL, "half", "perfect"])

    # language filter: French columns and chart hidden, English kept
    fr_cols = page.locator('#board th[data-lang="fr"]')
    assert fr_cols.count() == 7 and fr_cols.first.is_visible()
    page.locator('input.f-lang[value="fr"]').uncheck()
    assert not any(fr_cols.nth(i).is_visible() for i in range(fr_cols.count()))
    assert not page.locator('#board td[data-lang="fr"]').first.is_visible()
    assert not page.locator('svg.chart[data-lang="fr"]').is_visible()
    assert page.locator('#board th[data-lang="en"]').first.is_visible()
    assert page.locator('svg.chart[data-lang="en"]').is_visible()
    # field filter: the unit columns go, the rest stay
    page.locator('input.f-field[value="unit"]').uncheck()
    assert not page.locator('#board th[data-lang="en"][data-field="unit"]').is_visible()
    assert page.locator('#board th[data-lang="en"][data-field="value"]').is_visible()

    # bars with CI whiskers, the signature and the gold version are on the page
    assert page.locator('svg.chart[data-lang="en"] rect').count() == 3 * 7
    assert page.locator('svg.chart[data-lang="en"] path.whisker').count() == 3 * 7
    assert page.locator("#signature").inner_text().startswith("claimbench:")
    assert len(page.locator("#gold").inner_text()) == 12

    page.locator('input.f-lang[value="fr"]').check()
    page.locator('input.f-field[value="unit"]').check()
    shot = tmp_path / "leaderboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert dialogs == []
    assert all(u.startswith("file://") for u in requests)  # nothing from the network
    page.close()
