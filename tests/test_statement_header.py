"""The statement page's header: "Other years of <force>: 2019/20 · 2020/21 · **2021/22** · ...",
each year once, in period order, this one marked; no stray caption (on the independent corpus)."""

from __future__ import annotations

import re

import pytest


YEARS = ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]


def period_nav(page: str) -> str:
    """The period navigation of a statement page."""
    return re.search(r'<nav class="period-nav".*?</nav>', page, re.S)[0]


def as_text(html: str) -> str:
    """What a reader sees of some HTML: tags dropped, spaces collapsed (CSS adds the dots)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("current", YEARS)
def test_every_year_once_in_order_this_one_marked(shared_client, current):
    slug = f"wexcombe-{current.replace('/', '-')}"
    page = shared_client.get(f"/statements/{slug}").get_data(as_text=True)
    nav = period_nav(page)
    assert as_text(nav) == "Other years of Wexcombe: " + " ".join(
        f"{year} (this statement)" if year == current else year for year in YEARS
    )
    assert re.findall(r"<li>.*?</li>", nav, re.S) and len(re.findall(r"<li>", nav)) == 5
    assert f'<strong aria-current="page">{current}' in nav
    for year in YEARS:
        if year != current:
            assert f'href="/statements/wexcombe-{year.replace("/", "-")}">{year}</a>' in nav
    at = YEARS.index(current)
    assert ('rel="prev"' in nav) == (at > 0) and ('rel="next"' in nav) == (at < 4)
    if at > 0:
        assert f'rel="prev" href="/statements/wexcombe-{YEARS[at - 1].replace("/", "-")}"' in nav


def test_no_stray_caption_above_the_heading(shared_client):
    page = shared_client.get("/statements/aldermoor-2022-23").get_data(as_text=True)
    assert "More about this area" not in page
    main = page[page.index('<main'):]
    assert re.match(r'<main[^>]*>\s*<h1>Aldermoor 2022/23</h1>', main)


def test_a_force_with_one_statement_has_no_year_list(client):
    page = client.get("/statements/marchford-2023-24").get_data(as_text=True)
    assert "Other years of" not in page
