"""What a shopper's browser reads off the store's pages: links, clips, forms, words.

Plain regular expressions over the store's own templates (standard library only, so
the locustfile imports nothing that fights gevent's monkey-patching).
"""

import html
import re

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
INPUT = re.compile(r"<input\b([^>]*)>")
RELEASE_LINK = re.compile(r'href="(/release/\d+/[^"#?]*)"')
PREVIEW = re.compile(r'data-preview-url="([^"]+)"')
CARD_TITLE = re.compile(r'class="card__title">([^<]+)')
WORD = re.compile(r"[^\W\d_]{4,}")


def csrf_token(page: str) -> str | None:
    found = CSRF.search(page)
    return found.group(1) if found else None


def forms(page: str, action: str) -> list[dict[str, str]]:
    """The named fields (hidden or filled in) of every form that posts to `action`."""
    found = []
    for attributes, body in FORM.findall(page):
        if dict(ATTRIBUTE.findall(attributes)).get("action") != action:
            continue
        fields = {}
        for tag in INPUT.findall(body):
            attrs = dict(ATTRIBUTE.findall(tag))
            if "name" in attrs:
                fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
        found.append(fields)
    return found


def release_links(page: str) -> list[str]:
    """Release page paths linked from a page, in page order, without repeats."""
    return list(dict.fromkeys(RELEASE_LINK.findall(page)))


def preview_urls(page: str) -> list[str]:
    return [html.unescape(url) for url in PREVIEW.findall(page)]


def search_words(page: str) -> list[str]:
    """Words of the release titles shown on a page: what a shopper might type."""
    words = []
    for title in CARD_TITLE.findall(page):
        words.extend(word.lower() for word in WORD.findall(html.unescape(title)))
    return words
