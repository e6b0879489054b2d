from __future__ import annotations

import pytest

from bot.render.parse import HtmlError, is_valid, visible_text


@pytest.mark.parametrize(
    ("html", "visible"),
    [
        ("plain", "plain"),
        ("&lt;&gt;&amp;&quot;&#39;&#x1F600;", "<>&\"'😀"),
        ('<b>a <i>b</i></b> <a href="https://x.org/?a=1&amp;b=2">c</a>', "a b c"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ("<blockquote expandable>q</blockquote>", "q"),
    ],
)
def test_valid_html_and_its_visible_text(html: str, visible: str) -> None:
    assert visible_text(html) == visible


@pytest.mark.parametrize(
    "html",
    [
        "a < b",
        "a > b",
        "AT&T",
        "&nbsp;",
        "&#0;",
        "&#xD800;",
        "<script>x</script>",
        "<b>unclosed",
        "</b>",
        "<b><i>crossed</b></i>",
        "<a>no href</a>",
        '<b class="x">attr</b>',
        "<span>no class</span>",
        "<code><b>inside code</b></code>",
        '<a href="https://x.org"><a href="https://y.org">nested</a></a>',
    ],
)
def test_invalid_html_is_rejected(html: str) -> None:
    assert not is_valid(html)
    with pytest.raises(HtmlError):
        visible_text(html)
