from hypothesis import given
from hypothesis import strategies as st

from newsdesk.discussions.text import count_links, fingerprint, fold, render_body


def test_html_from_readers_is_shown_as_text():
    html = render_body('<script>alert(1)</script> <b>bold</b> <a href="javascript:x">x</a>')
    assert "<script" not in html and "<b>" not in html and "<a " not in html
    assert "&lt;script&gt;" in html


def test_links_become_clickable_with_nofollow_ugc_noopener():
    html = render_body("See https://example.org/a?b=1&c=2, and www.example.com.")
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1&amp;c=2</a>," in html
    )
    assert (
        '<a href="https://www.example.com" rel="nofollow ugc noopener">www.example.com</a>.' in html
    )


def test_paragraphs_and_line_breaks_survive():
    assert render_body("one\ntwo\n\nthree") == "<p>one<br>two</p><p>three</p>"


def test_fold_ignores_case_width_spacing_and_invisible_characters():
    assert fold("Ｈｅｌｌｏ\u200b   WORLD\n") == fold("hello world")
    assert fingerprint("Great  point!") == fingerprint("great\u00a0POINT!\ufeff")


def test_count_links():
    assert count_links("a http://x.org b https://y.org c www.z.org") == 3


@given(st.text(max_size=300))
def test_rendered_comments_never_contain_markup_from_the_reader(text):
    html = render_body(text)
    for tag in ("<script", "<img", "<iframe", "<style", "onerror=", "<b>"):
        assert tag not in html.lower().replace("&lt;", "")
    assert render_body(text) == html  # the same text always renders the same bytes
