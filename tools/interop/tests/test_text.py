"""Text from data made inert: terminals, markdown and links."""
from hypothesis import given
from hypothesis import strategies as st

from interop.text import is_safe_url, markdown, terminal


def test_terminal_shows_controls_as_escapes():
    assert terminal("a\x1b]0;owned\x07b") == "a\\x1b]0;owned\\x07b"
    assert terminal("x\rPASS 999/999\n") == "x\\x0dPASS 999/999\\x0a"
    assert terminal("\x7f\x9b\u202e") == "\\x7f\\x9b\\u202e"
    assert terminal("plain name[id-1]") == "plain name[id-1]"


@given(st.text())
def test_terminal_output_holds_no_control_character(value):
    out = terminal(value)
    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in out)


def test_markdown_escapes_markup_and_html():
    out = markdown("![x](javascript:alert(1)) <img src=x onerror=y> **b**")
    assert "<" not in out and "](" not in out and "**" not in out
    assert out.startswith("\\!\\[x\\]\\(javascript\\:")


@given(st.text())
def test_markdown_output_opens_no_tag_or_link(value):
    out = markdown(value)
    assert "<" not in out and ">" not in out
    assert "](" not in out and "\n" not in out


def test_only_http_and_https_links_are_safe():
    assert is_safe_url("https://review.opendev.org/c/openstack/interop/+/1")
    assert is_safe_url("http://example.org/a")
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x",
                "https://", "//example.org", "https://a b", "ftp://x/y",
                "https://x/\x00", None, 42, "vbscript:x"):
        assert not is_safe_url(bad), bad
