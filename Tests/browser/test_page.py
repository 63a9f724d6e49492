"""Browser test of the page at GET / (issue 6), in Debian's Chromium through Selenium.

Run by scripts/ci/browser-test.sh, which starts `attache serve` with the dev corpus ingested and sets
ATTACHE_URL (the server), ATTACHE_CORPUS (dev.jsonl) and ATTACHE_ARTIFACTS (where screenshots go).
"""

import json
import os
import shutil
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("ATTACHE_URL", "http://127.0.0.1:8080").rstrip("/")
CORPUS = os.environ.get("ATTACHE_CORPUS", os.path.join(os.path.dirname(__file__), "../../../shared/corpus/dev.jsonl"))
ARTIFACTS = os.environ.get("ATTACHE_ARTIFACTS", "artifacts")
DESKTOP = (1366, 900)
PHONE = (390, 844)


def seed_article():
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                a = json.loads(line)
                if a["id"] == "seed-001":
                    return a
    raise AssertionError("seed-001 is not in the corpus")


SEED = seed_article()


def api(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.fixture(scope="module")
def driver():
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=en-US", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    d = webdriver.Chrome(options=opts, service=service)
    d.set_page_load_timeout(30)
    yield d
    d.quit()


def viewport(d, size, mobile=False):
    """Exact CSS viewport (the window size would include no chrome in headless mode, but be exact anyway)."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 2 if mobile else 1, "mobile": mobile})


def console_errors(d, allow=()):
    """SEVERE browser log entries since the last call, minus those containing any of `allow`."""
    return [e for e in d.get_log("browser")
            if e["level"] == "SEVERE" and not any(a in e["message"] for a in allow)]


def wait(d, seconds=20):
    return WebDriverWait(d, seconds)


def load(d, query=""):
    d.get(BASE + "/" + query)
    wait(d).until(EC.element_to_be_clickable((By.ID, "btn-analyze")))


def paste_seed(d):
    d.find_element(By.ID, "f-title").send_keys(SEED["title"])
    # A date input takes keystrokes in the locale's order; set the value as a paste would.
    d.execute_script("""
        const [date, text] = arguments;
        const f = document.getElementById('f-date'); f.value = date; f.dispatchEvent(new Event('input', {bubbles: true}));
        const t = document.getElementById('f-text'); t.value = text; t.dispatchEvent(new Event('input', {bubbles: true}));
    """, SEED["published"], SEED["text"])
    assert d.find_element(By.ID, "f-date").get_attribute("value") == "2015-12-15"


def analyze_seed(d):
    paste_seed(d)
    d.find_element(By.ID, "btn-analyze").click()
    wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#doc-text mark.ent"))


def mark_at(d, start):
    marks = d.find_elements(By.CSS_SELECTOR, f'#doc-text mark.ent[data-start="{start}"]')
    assert marks, f"no highlighted mention starts at {start}"
    return marks[0]


def tip_text(d):
    tip = d.find_element(By.ID, "tip")
    wait(d, 5).until(lambda d: tip.is_displayed())
    return tip.text


def test_page_is_served_with_security_headers():
    status, headers, body = api("GET", "/")
    h = {k.lower(): v for k, v in headers.items()}
    assert status == 200 and h["content-type"].startswith("text/html")
    assert h["content-security-policy"] == "default-src 'self'; style-src 'self'; script-src 'self'"
    assert h["x-content-type-options"] == "nosniff" and h["cache-control"] == "no-cache" and h["etag"].startswith('"')
    assert b"<script" in body and b"<script>" not in body and b"style=" not in body  # nothing inline: CSP allows none
    status, headers, _ = api("GET", "/page/app.js")
    assert status == 200 and {k.lower(): v for k, v in headers.items()}["content-type"].startswith("text/javascript")
    status, headers, body = api("GET", "/page/no-such-file.js")
    assert status == 404 and json.loads(body)["status"] == 404


def test_seed_article_highlights(driver):
    d = driver
    viewport(d, DESKTOP)
    load(d)
    d.get_log("browser")
    analyze_seed(d)
    text = SEED["text"]

    # Every mark covers exactly the code points it claims, is focusable and carries a visible type label.
    marks = d.find_elements(By.CSS_SELECTOR, "#doc-text mark.ent")
    spans = d.execute_script("""
        return [...document.querySelectorAll('#doc-text mark.ent')].map(m => [+m.dataset.start, +m.dataset.end,
            m.textContent, m.getAttribute('tabindex'), m.dataset.type, getComputedStyle(m, '::after').content]);""")
    labels = {"person": '"PER"', "country": '"CTRY"', "organization": '"ORG"', "location": '"LOC"'}
    for start, end, shown, tabindex, typ, after in spans:
        assert shown == text[start:end]
        assert tabindex == "0" and after == labels[typ]
    # As many marks as the API reports text mentions for the same input.
    status, _, body = api("POST", "/v1/analyze", {"title": SEED["title"], "text": text, "publishedAt": SEED["published"]})
    assert status == 200
    analysis = json.loads(body)
    api_mentions = sum(1 for e in analysis["entities"] for m in e["mentions"] if m.get("field") != "title")
    assert len(marks) == api_mentions > 50

    # "Kremlin" in "relying on the Kremlin" is a country mention of Russia; hovering says so.
    k = text.index("relying on the Kremlin") + len("relying on the ")
    kremlin = mark_at(d, k)
    assert kremlin.text.startswith("Kremlin")
    assert kremlin.get_attribute("data-type") == "country"
    assert kremlin.get_attribute("data-kind") == "metonym"
    ActionChains(d).move_to_element(kremlin).perform()
    tip = tip_text(d)
    assert "Russia" in tip and "RUS" in tip and "metonym" in tip and kremlin.get_attribute("data-entity") in tip

    # "Moscow" in the dateline (the very start of the text) is a location.
    moscow = mark_at(d, 0)
    assert moscow.get_attribute("data-type") == "location" and moscow.get_attribute("data-end") == "6"
    ActionChains(d).move_to_element(moscow).perform()
    assert "Moscow" in tip_text(d)

    # Keyboard: tabbing from the form reaches a mention (past the list of stored articles beside the form),
    # and focus shows its details.
    d.execute_script("document.getElementById('btn-clear').focus()")
    active = None
    for _ in range(20):
        ActionChains(d).send_keys(Keys.TAB).perform()
        active = d.switch_to.active_element
        if active.tag_name == "mark":
            break
    assert active is not None and active.tag_name == "mark" and "ent" in active.get_attribute("class")
    name = d.execute_script("return arguments[0].getAttribute('aria-label')", active).split(", ", 1)[1]
    assert name in tip_text(d)

    # Entities grouped by type, with counts and salience.
    groups = [g.get_attribute("data-type") for g in d.find_elements(By.CSS_SELECTOR, "#entities .group")]
    assert groups == [t for t in ("person", "country", "organization", "location") if any(e["type"] == t for e in analysis["entities"])]
    russia = d.find_element(By.CSS_SELECTOR, f'#entities li[data-entity="{kremlin.get_attribute("data-entity")}"]')
    n = next(len(e["mentions"]) for e in analysis["entities"] if e["id"] == kremlin.get_attribute("data-entity"))
    assert f"×{n} · " in russia.text
    # Events: one list item per event the API found (possibly none yet).
    assert len(d.find_elements(By.CSS_SELECTOR, "#events li[data-event]")) == len(analysis["events"])

    assert console_errors(d) == []
    os.makedirs(ARTIFACTS, exist_ok=True)
    d.execute_script("document.activeElement.blur(); document.getElementById('result').scrollIntoView()")
    putin = mark_at(d, text.index("Vladimir Putin"))
    ActionChains(d).move_to_element(putin).perform()
    assert "President" in tip_text(d)  # a person's roles
    d.save_screenshot(os.path.join(ARTIFACTS, "page-desktop.png"))


def test_event_hover_highlights_trigger(driver):
    """Events as the API will send them: the response is given one more event, whose trigger must light up."""
    d = driver
    viewport(d, DESKTOP)
    load(d)
    text = SEED["text"]
    start = text.index("talks between US Secretary")
    d.execute_script("""
        const start = arguments[0];
        const real = window.fetch.bind(window);
        window.fetch = async (url, init) => {
            const res = await real(url, init);
            if (!String(url).endsWith('/v1/analyze') || !res.ok) return res;
            const a = await res.json();
            const ids = Object.fromEntries(a.entities.map(e => [e.name, e.id]));
            a.events.push({id: 'ev-test', type: 'consult', cameo: '04', trigger: {text: 'talks', start, end: start + 5},
                sentence: {index: 0, start: 0, end: 200}, participants: [
                    {entity: ids['John Kerry'], role: 'source'}, {entity: ids['Vladimir Putin'], role: 'target'}],
                location: ids['Moscow'], date: '2015-12-15', dateSource: 'published', status: 'occurred', negated: false});
            return new Response(JSON.stringify(a), {status: res.status, headers: {'Content-Type': 'application/json'}});
        };""", start)
    d.get_log("browser")
    analyze_seed(d)
    item = d.find_element(By.CSS_SELECTOR, '#events li[data-event="ev-test"]')
    assert "consult" in item.text and "15 Dec 2015" in item.text
    assert "John Kerry (source)" in item.text and "Vladimir Putin (target)" in item.text and "Where: Moscow" in item.text
    trigger = d.find_element(By.CSS_SELECTOR, '#doc-text .trg[data-events~="ev-test"]')
    assert trigger.text == "talks" and "lit" not in trigger.get_attribute("class")
    ActionChains(d).move_to_element(item).perform()
    wait(d, 5).until(lambda d: "lit" in trigger.get_attribute("class"))
    ActionChains(d).move_to_element(d.find_element(By.ID, "doc-meta")).perform()
    wait(d, 5).until(lambda d: "lit" not in trigger.get_attribute("class"))
    d.execute_script("arguments[0].focus()", item)  # keyboard focus does the same
    assert "lit" in trigger.get_attribute("class")
    assert console_errors(d) == []


def test_timeline_markers_by_event_type(driver):
    """Event items as the store will send them (two are added to Putin's first page): shape and colour follow the type."""
    d = driver
    viewport(d, DESKTOP)
    load(d)
    d.execute_script("""
        const real = window.fetch.bind(window);
        window.fetch = async (url, init) => {
            const res = await real(url, init);
            if (!String(url).includes('/timeline') || !res.ok) return res;
            const t = await res.json();
            const ev = (date, type, trigger) => ({kind: 'event', date, articleId: 'seed-001', articleTitle: 'Synthetic',
                eventType: type, eventId: 'ev-' + type, trigger, role: 'source', otherParticipants: [{id: 'x', name: 'John Kerry'}],
                sentence: 'They held talks and then an assault followed.'});
            t.items.push(ev('2022-03-01', 'consult', 'talks'), ev('2022-04', 'assault', 'assault'));
            return new Response(JSON.stringify(t), {status: 200, headers: {'Content-Type': 'application/json'}});
        };""")
    d.get_log("browser")
    open_putin_timeline(d)
    markers = {g.get_attribute("data-type"): g for g in d.find_elements(By.CSS_SELECTOR, "#tl-chart g.marker")}
    assert {"mention", "consult", "assault"} <= set(markers)
    paths = {t: g.find_element(By.TAG_NAME, "path") for t, g in markers.items()}
    look = {t: (p.get_attribute("d"), p.get_attribute("fill")) for t, p in paths.items()}
    assert len(set(look.values())) == len(look), look  # each type its own look (shape, fill)
    assert look["mention"][1] == "#fff" and look["consult"][1] != look["assault"][1]
    dates = [sort_key(m[0]) for m in marker_dates_and_xs(d)]
    assert dates == sorted(dates)
    legend = d.find_element(By.ID, "tl-legend").text
    assert "consult" in legend and "assault" in legend and "mention" in legend
    rows = d.find_elements(By.CSS_SELECTOR, '#tl-list li[data-kind="event"]')
    assert any("consult (source)" in r.text and "With John Kerry" in r.text and "Synthetic" in r.text for r in rows)
    d.execute_script("document.getElementById('timeline').scrollIntoView()")
    d.save_screenshot(os.path.join(ARTIFACTS, "page-desktop-timeline-events.png"))
    assert console_errors(d) == []


def open_putin_timeline(d):
    box = d.find_element(By.ID, "search-q")
    box.clear()
    box.send_keys("Putin")
    hit = wait(d).until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, '#search-results button[data-entity="person-vladimir-putin"]')))
    assert "Vladimir Putin" in hit.text
    hit.click()
    wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#tl-chart g.marker"))


def marker_dates_and_xs(d):
    return d.execute_script("""
        return [...document.querySelectorAll('#tl-chart g.marker')].map(g =>
            [g.dataset.date, g.transform.baseVal.consolidate().matrix.e]);""")


def sort_key(date):
    return (date + "-00-00")[:10] if len(date) < 10 else date


def test_timeline_of_putin(driver):
    d = driver
    viewport(d, DESKTOP)
    status, _, body = api("GET", "/v1/entities/person-vladimir-putin/timeline?view=mentions&limit=500")
    assert status == 200
    expected = json.loads(body)["items"]
    assert len(expected) >= 4, "the dev corpus should put Putin in several articles"

    # A small page size, so that paging through nextCursor is exercised.
    load(d, "?timelineLimit=3")
    d.get_log("browser")
    open_putin_timeline(d)
    assert "Vladimir Putin" in d.find_element(By.ID, "tl-h").text
    dated = [it for it in expected if it.get("date")]
    # The list shows the first page; the chart plots the whole timeline already.
    assert len(d.find_elements(By.CSS_SELECTOR, "#tl-list li")) == 3
    wait(d).until(lambda d: len(marker_dates_and_xs(d)) == len(dated))
    while d.find_element(By.ID, "tl-more").is_displayed():
        before = len(d.find_elements(By.CSS_SELECTOR, "#tl-list li"))
        d.find_element(By.ID, "tl-more").click()
        wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#tl-list li")) > before)
    markers = marker_dates_and_xs(d)
    assert [m[0] for m in markers] == [it["date"] for it in dated]
    # Markers are in date order, left to right.
    dates = [sort_key(m[0]) for m in markers]
    xs = [m[1] for m in markers]
    assert dates == sorted(dates) and xs == sorted(xs) and xs[-1] > xs[0]
    assert d.find_element(By.CSS_SELECTOR, "#tl-chart svg").get_attribute("data-scale") == "years"  # 2015-2022
    rows = d.find_elements(By.CSS_SELECTOR, "#tl-list li")
    assert len(rows) == len(expected)
    for row, it in zip(rows, expected):
        assert (it.get("articleTitle") or it["articleId"]) in row.text
        assert it["sentence"][:40] in row.text

    # Date-range filter: from 2020 on.
    d.find_element(By.ID, "tl-from").send_keys("2020")
    d.find_element(By.CSS_SELECTOR, "#tl-filters button[type=submit]").click()
    later = [it for it in dated if sort_key(it["date"]) >= "2020"]
    wait(d).until(lambda d: len(marker_dates_and_xs(d)) == len(later))  # the whole filtered timeline
    assert all(sort_key(m[0]) >= "2020" for m in marker_dates_and_xs(d))
    # One month: one item, and the axis switches to days.
    for box in ("tl-from", "tl-to"):
        d.find_element(By.ID, box).clear()
        d.find_element(By.ID, box).send_keys("2015-12")
    d.find_element(By.CSS_SELECTOR, "#tl-filters button[type=submit]").click()
    december = [it["date"] for it in dated if it["date"].startswith("2015-12")]
    assert december, "Putin is in the seed article of December 2015"
    wait(d).until(lambda d: [m[0] for m in marker_dates_and_xs(d)] == december)
    if len(set(december)) > 1 or all(len(x) == 10 for x in december):
        assert d.find_element(By.CSS_SELECTOR, "#tl-chart svg").get_attribute("data-scale") in ("days", "weeks")
    d.find_element(By.ID, "tl-to").clear()
    d.find_element(By.ID, "tl-from").clear()
    d.find_element(By.ID, "tl-from").send_keys("2020")
    # Type filter: without mentions only events are left.
    d.find_element(By.ID, "tl-types-sum").click()
    d.find_element(By.CSS_SELECTOR, '#tl-types input[value="mention"]').click()
    assert d.find_element(By.ID, "tl-types-sum").text == "Types: 16 of 17"
    d.find_element(By.CSS_SELECTOR, "#tl-filters button[type=submit]").click()
    events = [it for it in later if it["kind"] == "event"]
    wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#tl-chart g.marker")) == len(events))
    assert all(g.get_attribute("data-kind") == "event" for g in d.find_elements(By.CSS_SELECTOR, "#tl-chart g.marker"))
    d.find_element(By.ID, "tl-reset").click()
    wait(d).until(lambda d: len(marker_dates_and_xs(d)) == len(dated))
    assert console_errors(d) == []


def test_api_errors_are_shown(driver):
    d = driver
    viewport(d, DESKTOP)
    load(d)
    d.get_log("browser")
    d.find_element(By.ID, "f-text").send_keys("   ")
    d.find_element(By.ID, "btn-analyze").click()
    msg = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#message.error")))
    assert "400" in msg.text and "text must not be empty" in msg.text
    # Too large: the service's 413 and its limit are shown.
    d.execute_script("document.getElementById('f-text').value = 'Moscow talks. '.repeat(90000)")
    d.find_element(By.ID, "btn-analyze").click()
    wait(d).until(lambda d: "413" in d.find_element(By.ID, "message").text)
    assert "exceeds the limit" in d.find_element(By.ID, "message").text
    # A bad date bound on a timeline: the 400 is shown in the timeline, and the page stays usable.
    open_putin_timeline(d)
    d.find_element(By.ID, "tl-from").send_keys("20x5")
    d.find_element(By.CSS_SELECTOR, "#tl-filters button[type=submit]").click()
    tl = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#tl-message.error")))
    assert "400" in tl.text and "from" in tl.text
    # Only the three failed requests reach the console (Chromium logs every 4xx), no script error.
    errors = console_errors(d)
    assert len(errors) == 3 and all(" 400 " in e["message"] or " 413 " in e["message"] for e in errors), errors


def test_phone_width(driver):
    d = driver
    viewport(d, PHONE, mobile=True)
    load(d)
    d.get_log("browser")
    analyze_seed(d)
    # One column, nothing wider than the screen.
    assert d.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    text_box = d.find_element(By.ID, "doc-text").rect
    side = d.find_element(By.CSS_SELECTOR, "aside.side").rect
    assert side["y"] >= text_box["y"] + text_box["height"] - 1
    d.execute_script("document.getElementById('result').scrollIntoView()")
    mark = mark_at(d, SEED["text"].index("relying on the Kremlin") + len("relying on the "))
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    d.execute_script("arguments[0].focus()", mark)
    tip = d.find_element(By.ID, "tip")
    assert "Russia" in tip_text(d) and tip.rect["x"] >= 0 and tip.rect["x"] + tip.rect["width"] <= PHONE[0]
    d.execute_script("document.getElementById('result').scrollIntoView()")
    d.execute_script("document.activeElement.blur()")
    d.save_screenshot(os.path.join(ARTIFACTS, "page-phone.png"))
    open_putin_timeline(d)
    assert d.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    svg = d.find_element(By.CSS_SELECTOR, "#tl-chart svg").rect
    assert svg["width"] <= PHONE[0]
    d.execute_script("document.getElementById('timeline').scrollIntoView()")
    d.save_screenshot(os.path.join(ARTIFACTS, "page-phone-timeline.png"))
    assert console_errors(d) == []


def test_desktop_timeline_screenshot(driver):
    d = driver
    viewport(d, DESKTOP)
    load(d)
    d.get_log("browser")
    open_putin_timeline(d)
    d.execute_script("document.getElementById('timeline').scrollIntoView()")
    d.save_screenshot(os.path.join(ARTIFACTS, "page-desktop-timeline.png"))
    assert console_errors(d) == []


# ---- issue 19: the page ----


def contrast(rgb1, rgb2):
    """WCAG contrast ratio of two "rgb(r, g, b)" / "rgba(...)" colours."""
    def lum(css):
        r, g, b = [int(float(x)) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        def ch(c):
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    a, b = sorted((lum(rgb1), lum(rgb2)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_header_search_button_is_readable(driver):
    d = driver
    viewport(d, DESKTOP)
    load(d)
    button = d.find_element(By.CSS_SELECTOR, "#search-form button[type=submit]")
    assert button.is_displayed() and button.text == "Search"
    color, background = button.value_of_css_property("color"), button.value_of_css_property("background-color")
    assert contrast(color, background) >= 4.5, (color, background)


def test_cards_wait_for_an_analysis_and_clear_clears(driver):
    d = driver
    viewport(d, DESKTOP)
    load(d)
    d.get_log("browser")
    assert not d.find_element(By.ID, "result").is_displayed()
    assert not d.find_element(By.CSS_SELECTOR, ".legend").is_displayed()
    assert not d.find_element(By.ID, "entities").is_displayed()
    analyze_seed(d)
    assert d.find_element(By.ID, "result").is_displayed() and d.find_element(By.CSS_SELECTOR, ".legend").is_displayed()
    d.find_element(By.ID, "btn-clear").click()
    wait(d, 5).until(lambda d: not d.find_element(By.ID, "result").is_displayed())
    for box in ("f-title", "f-text", "f-date", "open-id"):
        assert d.find_element(By.ID, box).get_attribute("value") == "", box
    assert d.find_elements(By.CSS_SELECTOR, "#doc-text mark.ent") == []
    assert not d.find_element(By.ID, "message").is_displayed()
    assert console_errors(d) == []


def search_and_open(d, query, entity_id):
    box = d.find_element(By.ID, "search-q")
    box.clear()
    box.send_keys(query)
    hit = wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f'#search-results button[data-entity="{entity_id}"]')))
    hit.click()
    wait(d).until(lambda d: entity_id in d.find_element(By.ID, "tl-entity").text)


def test_timeline_filters_belong_to_their_entity(driver):
    d = driver
    viewport(d, DESKTOP)
    status, _, body = api("GET", "/v1/entities?q=Kerry&type=person")
    kerry = json.loads(body)["items"][0]["id"]
    status, _, body = api("GET", f"/v1/entities/{kerry}/timeline?view=mentions&limit=500")
    kerry_dated = [it for it in json.loads(body)["items"] if it.get("date")]
    load(d)
    d.get_log("browser")
    open_putin_timeline(d)
    d.find_element(By.ID, "tl-from").send_keys("2020")
    d.find_element(By.CSS_SELECTOR, "#tl-filters button[type=submit]").click()
    wait(d).until(lambda d: all(sort_key(m[0]) >= "2020" for m in marker_dates_and_xs(d)))
    # Another entity starts unfiltered: its whole timeline, the filter boxes empty.
    search_and_open(d, "Kerry", kerry)
    assert d.find_element(By.ID, "tl-from").get_attribute("value") == ""
    wait(d).until(lambda d: len(marker_dates_and_xs(d)) == len(kerry_dated))
    # Back on Putin, his filter is still set and applied.
    open_putin_timeline(d)
    assert d.find_element(By.ID, "tl-from").get_attribute("value") == "2020"
    wait(d).until(lambda d: marker_dates_and_xs(d) and all(sort_key(m[0]) >= "2020" for m in marker_dates_and_xs(d)))
    assert console_errors(d) == []


def test_stored_articles_are_listed_and_open(driver):
    d = driver
    viewport(d, DESKTOP)
    status, _, body = api("GET", "/v1/articles?limit=10")
    assert status == 200
    page = json.loads(body)
    newest = page["items"]
    assert len(newest) == 10 and page.get("nextCursor"), "the dev corpus has more than one page of articles"
    load(d)
    d.get_log("browser")
    library = wait(d).until(EC.visibility_of_element_located((By.ID, "library")))
    wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#lib-list button")) == 10)
    buttons = d.find_elements(By.CSS_SELECTOR, "#lib-list button")
    assert [b.get_attribute("data-article") for b in buttons] == [a["id"] for a in newest]
    # More: the next page is appended.
    d.find_element(By.ID, "lib-more").click()
    wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#lib-list button")) > 10)
    # A title filter, then open the article without typing its id.
    target = SEED["title"]
    words = [w for w in target.split() if len(w) > 4]
    box = d.find_element(By.ID, "lib-q")
    box.send_keys(words[0])
    d.find_element(By.CSS_SELECTOR, "#lib-form button[type=submit]").click()
    hit = wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, '#lib-list button[data-article="seed-001"]')))
    assert all(words[0].lower() in b.text.lower() for b in d.find_elements(By.CSS_SELECTOR, "#lib-list button"))
    hit.click()
    wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#doc-text mark.ent"))
    assert d.find_element(By.ID, "f-text").get_attribute("value") == SEED["text"]
    assert target in d.find_element(By.ID, "doc-title").text
    d.execute_script("window.scrollTo(0, 0)")
    d.save_screenshot(os.path.join(ARTIFACTS, "page-desktop.png"))
    assert library.is_displayed() and console_errors(d) == []


def test_relations_and_dyad_chart(driver):
    """Putin's relations come from the API in its order; a counterpart draws the dyad, a bar lists its story events."""
    d = driver
    viewport(d, DESKTOP)
    load(d)
    open_putin_timeline(d)
    status, _, body = api("GET", "/v1/entities/person-vladimir-putin/relations?limit=15")
    assert status == 200
    expected = [r["id"] for r in json.loads(body)["items"]]
    assert expected, "the dev corpus gives Putin counterparts"
    wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#rel-list button[data-entity]"))
    shown = [b.get_attribute("data-entity") for b in d.find_elements(By.CSS_SELECTOR, "#rel-list button[data-entity]")]
    assert shown == expected
    first = d.find_element(By.CSS_SELECTOR, "#rel-list button[data-entity]")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    first.click()
    bars = wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#dyad-chart g.period rect.dyad-bar"))
    status, _, body = api("GET", f"/v1/relations?a=person-vladimir-putin&b={expected[0]}")
    dyad = json.loads(body)
    periods = [p["period"] for p in dyad["periods"] if "period" in p]
    drawn = d.execute_script("return [...document.querySelectorAll('#dyad-chart g.period')].map(g => g.dataset.period)")
    assert drawn == periods
    assert sum(int(float(b.get_attribute("height")) > 0) for b in bars) == len(bars)
    group = d.find_elements(By.CSS_SELECTOR, "#dyad-chart g.period")[-1]
    d.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", group)
    wait(d).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#dyad-stories li[data-story]"))
    stories = d.find_elements(By.CSS_SELECTOR, "#dyad-stories li[data-story]")
    assert all(s.find_element(By.TAG_NAME, "q").text for s in stories), "each story event shows its sentence"
    d.execute_script("document.getElementById('dyad').scrollIntoView()")
    d.save_screenshot(os.path.join(ARTIFACTS, "page-desktop-relations.png"))
    assert console_errors(d) == []
