"""A 390-px-wide phone in Debian's Chromium: the list's results before its filters (which fold
behind a disclosure), charts whose text stays readable, Russian text marked, feed links."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
SMALLEST_TEXT_PX = 11


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def test_results_come_before_the_filters_on_a_phone(phone, site):
    phone.goto(f"{site.url}/provisions/?topic=treason")
    results = phone.locator(".results-table")
    topic = phone.get_by_label("Topic", exact=True)
    assert results.first.is_visible()
    assert not topic.is_visible()  # folded away
    assert results.first.bounding_box()["y"] < PHONE["height"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "phone-list")

    phone.get_by_text("Filters and counts").click()
    assert topic.is_visible()
    topic.select_option("espionage")
    phone.get_by_role("button", name="Apply filters").click()
    phone.wait_for_url("**topic=espionage*")
    assert phone.locator(".results-table tbody tr").count() >= 1


def test_filters_are_always_open_on_a_wide_screen(page, site):
    page.goto(f"{site.url}/provisions/")
    assert page.get_by_label("Topic", exact=True).is_visible()
    assert not page.get_by_text("Filters and counts").is_visible()


@pytest.mark.parametrize(
    "url",
    ["/statistics/", "/provisions/criminal-code/275/", "/compare/?articles=criminal-code:275"],
)
def test_chart_text_stays_readable_on_a_phone(phone, site, url):
    phone.goto(f"{site.url}{url}")
    sizes = phone.evaluate(
        """() => [...document.querySelectorAll('svg.chart text')]
               .map(t => t.getBoundingClientRect().height)
               .filter(h => h > 0)"""
    )
    assert sizes, "no chart text found"
    assert min(sizes) >= SMALLEST_TEXT_PX, sizes
    # The chart scrolls inside its figure; the page itself does not.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    results = Axe().run(phone)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, results.generate_report()


def test_russian_text_is_marked_as_russian(page, site):
    page.goto(f"{site.url}/provisions/?q=измена")
    snippets = page.locator(".results-table .snippet")
    assert snippets.count() >= 1
    assert snippets.first.get_attribute("lang") == "ru"
    page.goto(f"{site.url}/provisions/criminal-code/275/")
    assert page.locator(".title-ru").get_attribute("lang") == "ru"


@pytest.mark.parametrize(
    ("url", "feed"),
    [
        ("/provisions/criminal-code/275/", "/provisions/criminal-code/275/feed/"),
        ("/amendments/", "/feeds/amendments/"),
    ],
)
def test_pages_link_their_feed(page, site, url, feed):
    page.goto(f"{site.url}{url}")
    alternate = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert alternate.get_attribute("href") == feed
    visible = page.locator(f'a[href="{feed}"]')
    assert visible.first.is_visible()
    response = page.request.get(f"{site.url}{feed}")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
