"""What a researcher does in a real browser, plus accessibility checks with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "home": "/",
    "provisions": "/provisions/",
    "provisions-filtered": "/provisions/?topic=treason&sort=heaviest",
    "article": "/provisions/criminal-code/275/",
    "article-as-of": "/provisions/criminal-code/275/?as_of=2020-01-01&committed_on=2021-06-01",
    "history": "/provisions/criminal-code/275/history/",
    "compare": "/compare/?articles=criminal-code:275,criminal-code:275.1,criminal-code:276",
    "amendments": "/amendments/",
    "amendment": "/amendments/157-fz-2023/",
    "laws": "/laws/",
    "law": "/laws/criminal-code/",
    "sources": "/sources/",
    "statistics": "/statistics/",
    "data": "/data/",
    "bad-request": "/provisions/?in_force_on=notadate",
    "not-found": "/provisions/criminal-code/9999/",
}


def test_filter_the_list_and_open_an_article(page, site):
    page.goto(f"{site.url}/provisions/")
    page.get_by_label("Topic", exact=True).select_option("espionage")
    page.get_by_label("In force on", exact=True).fill("2022-08-01")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/provisions/?*topic=espionage*")
    results = page.locator(".results-table tbody tr")
    assert results.count() >= 1
    page.get_by_role("link", name="Espionage", exact=True).click()
    page.wait_for_url("**/provisions/criminal-code/276/")
    assert page.get_by_role("heading", name="Penalties by part").is_visible()
    assert "10–20 years" in page.content()
    screenshot(page, "flow-article")
    assert page.console_errors == []


def test_history_diff_between_two_versions(page, site):
    page.goto(f"{site.url}/provisions/criminal-code/275/history/")
    page.get_by_label("From", exact=True).select_option(label="25 Jul 2022 (260-FZ)")
    page.get_by_label("To", exact=True).select_option(label="9 May 2023 (157-FZ)")
    page.get_by_role("button", name="Show differences").click()
    page.wait_for_url("**/history/?from=2022-07-25&to=2023-05-09")
    changed = page.locator("table.penalty-diff tr.changed")
    assert changed.count() >= 1
    assert "life imprisonment" in changed.first.inner_text()
    screenshot(page, "flow-history")
    assert page.console_errors == []


def test_build_a_comparison_of_three_articles(page, site):
    page.goto(f"{site.url}/compare/")
    page.get_by_label("Articles (law:number, comma-separated)").fill(
        "criminal-code:275,criminal-code:275.1,criminal-code:276"
    )
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/compare/?articles=*")
    chart = page.get_by_role("img", name="Prison terms side by side")
    assert chart.is_visible()
    assert page.locator("svg.compare-prison rect.bar").count() >= 3
    page.get_by_role("link", name="criminal-code:276 ✕").click()
    page.wait_for_load_state()
    assert "criminal-code:276" not in page.url
    screenshot(page, "flow-compare")
    assert page.console_errors == []


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(page, site, name):
    response = page.goto(f"{site.url}{PAGES[name]}")
    assert response.status in (200, 400, 404)
    results = Axe().run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
    if response.status == 200:  # an error page's own status is logged as a console error
        assert page.console_errors == []
    screenshot(page, name)


def test_readable_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site.url}/provisions/criminal-code/275.1/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, "no horizontal scrolling on a phone"
    screenshot(page, "phone-article")
    context.close()
