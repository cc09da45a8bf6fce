"""Make a rendered folium page self-contained: no request may leave it.

Folium writes ``<script src="https://cdn...">`` and
``<link rel="stylesheet" href="https://cdn...">`` tags; on an air-gapped
machine such a page throws ``L is not defined`` and shows nothing. Folium's
own hooks take URLs only, so the page is fixed after rendering instead:
every CDN tag is replaced by the file's content, inline, taken from the
installed ``folium-offline`` wheel (module ``offlinefolium``), which ships a
copy of every asset folium 0.20 and branca emit. Nothing third-party is
copied into this repository; the assets are read at render time.

The wheel keeps the assets in a private dict (``offlinefolium.elements._res``,
URL -> text), so the look-up is defensive: a missing module, a renamed dict
or a URL without a local copy raises :class:`OfflineAssetError` naming what
is missing, never a page that silently needs the network. Finally
:func:`check_self_contained` proves that no ``<script src>`` or
``<link href>`` (and no stylesheet ``@import``/``url()``) still points at
http(s).

Examples
--------
>>> page = '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
>>> inline = inline_assets(page)
>>> inline.startswith("<script>") and "Leaflet 1.9.3" in inline
True
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from geostrikes.errors import GeostrikesError

__all__ = ["OfflineAssetError", "local_assets", "inline_assets", "check_self_contained"]

_ASSET_MODULE = "offlinefolium.elements"
_ASSET_DICT = "_res"
_INSTALL_HINT = "install the pinned wheel: pip install 'folium==0.20.0' 'folium-offline==0.20.0.2'"

# Tags that load something, and the raw-text elements whose content the HTML
# parser does not read as tags (their payload may contain "<script" strings).
_TAG = re.compile(r"<(script|style|link)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_END = {"script": re.compile(r"</script\s*>", re.IGNORECASE),
        "style": re.compile(r"</style\s*>", re.IGNORECASE)}
_CLOSER = re.compile(r"</(script|style)", re.IGNORECASE)
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_CSS_REMOTE = re.compile(
    r"""(?:@import\s+(?:url\(\s*)?|url\(\s*)["']?\s*(?:https?:)?//""", re.IGNORECASE)


class OfflineAssetError(GeostrikesError, RuntimeError):
    """A page would need the network: an asset has no local copy, or a remote reference is left."""


@functools.lru_cache(maxsize=1)
def local_assets() -> Mapping[str, str]:
    """Return the local copies of folium's CDN assets: URL -> file text.

    Returns
    -------
    Mapping
        Read-only map from each asset URL folium and branca emit to the
        text of that file, from the ``folium-offline`` wheel.

    Raises
    ------
    OfflineAssetError
        When the wheel is not installed or no longer holds the assets where
        this version expects them.

    Examples
    --------
    >>> "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in local_assets()
    True
    """
    import importlib

    try:
        module = importlib.import_module(_ASSET_MODULE)
    except ImportError as exc:
        raise OfflineAssetError(
            f"offline map assets are missing ({exc}); {_INSTALL_HINT}") from exc
    assets = getattr(module, _ASSET_DICT, None)
    if (not isinstance(assets, dict) or not assets
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in assets.items())):
        raise OfflineAssetError(
            f"{_ASSET_MODULE}.{_ASSET_DICT} is not the URL -> text dict this version of "
            f"geostrikes reads; {_INSTALL_HINT}")
    return MappingProxyType(dict(assets))


def _attributes(text: str) -> dict[str, str]:
    attrs = {}
    for match in _ATTR.finditer(text):
        value = next((g for g in match.groups()[1:] if g is not None), "")
        attrs[match.group(1).lower()] = html.unescape(value)
    return attrs


def _tags(page: str) -> Iterator[tuple[str, dict[str, str], int, int, int]]:
    """Yield ``(name, attributes, start, content_start, end)`` of loading tags.

    Script and style contents are skipped as the HTML parser skips them, so
    a ``"<script src=...>"`` string inside inlined JavaScript is not a tag.
    """
    pos = 0
    while True:
        match = _TAG.search(page, pos)
        if match is None:
            return
        name = match.group(1).lower()
        attrs = _attributes(match.group(2))
        end = match.end()
        if name in _END:
            closing = _END[name].search(page, end)
            if closing is None:
                end = len(page)
            else:
                end = closing.end()
        yield name, attrs, match.start(), match.end(), end
        pos = end


def _normalise(url: str) -> str:
    url = url.strip()
    return "https:" + url if url.startswith("//") else url


def _escape_payload(text: str) -> str:
    # "</script" or "</style" in a payload would end the element early
    # (jquery-ui has one), and "<!--" would put a script in its escaped state.
    return _CLOSER.sub(lambda m: "<\\/" + m.group(1), text).replace("<!--", "<\\!--")


def inline_assets(page: str, *, drop: Iterable[str] = (),
                  assets: Mapping[str, str] | None = None) -> str:
    """Replace every CDN ``<script src>`` and stylesheet ``<link>`` with inline content.

    Parameters
    ----------
    page : str
        A rendered HTML page, e.g. ``folium.Map.get_root().render()``.
    drop : iterable of str, optional
        Asset URLs to remove instead of inlining (ones the page does not use).
    assets : Mapping, optional
        URL -> text; defaults to :func:`local_assets`.

    Returns
    -------
    str
        The page with every asset inline; it passes :func:`check_self_contained`.

    Raises
    ------
    OfflineAssetError
        Listing every URL that has no local copy.

    Examples
    --------
    >>> page = '<link rel="stylesheet" href="https://x.test/a.css"/><p>hi</p>'
    >>> inline_assets(page, assets={"https://x.test/a.css": "p{color:red}"})
    '<style>p{color:red}</style><p>hi</p>'
    """
    assets = local_assets() if assets is None else assets
    dropped = {_normalise(u) for u in drop}
    parts: list[str] = []
    missing: list[str] = []
    pos = 0
    for name, attrs, start, _content, end in _tags(page):
        if name == "script" and "src" in attrs:
            url, kind = _normalise(attrs["src"]), "script"
        elif name == "link" and "href" in attrs and _REMOTE.match(attrs["href"]):
            url = _normalise(attrs["href"])
            kind = "style" if "stylesheet" in attrs.get("rel", "").lower().split() else "link"
        else:
            continue
        if url.startswith("data:"):
            continue
        parts.append(page[pos:start])
        pos = end
        if url in dropped:
            continue
        payload = assets.get(url)
        if payload is None or kind == "link":
            missing.append(url)
            continue
        parts.append(f"<{kind}>{_escape_payload(payload)}</{kind}>")
    if missing:
        raise OfflineAssetError(
            "no local copy of " + ", ".join(sorted(set(missing)))
            + f"; the map would need the network. Use only folium features whose assets "
            f"folium-offline ships, or {_INSTALL_HINT}")
    parts.append(page[pos:])
    result = "".join(parts)
    check_self_contained(result)
    return result


def check_self_contained(page: str) -> None:
    """Raise unless no script, stylesheet or link in the page points at http(s).

    Parameters
    ----------
    page : str
        An HTML page.

    Raises
    ------
    OfflineAssetError
        Naming the first remote references found.

    Examples
    --------
    >>> check_self_contained("<script>var a = '<script src=https://x.test/>';</script>")
    >>> check_self_contained('<script src="https://x.test/a.js"></script>')
    Traceback (most recent call last):
    ...
    geostrikes.render.offline.OfflineAssetError: the page still loads from the network: https://x.test/a.js
    """
    remote: list[str] = []
    for name, attrs, _start, content, end in _tags(page):
        for key in ("src", "href"):
            if key in attrs and _REMOTE.match(attrs[key]):
                remote.append(attrs[key].strip())
        if name == "style":
            found = _CSS_REMOTE.search(page, content, end)
            if found is not None:
                remote.append(page[found.start():found.end() + 40].split(")")[0])
    if remote:
        shown = ", ".join(remote[:5]) + (f" and {len(remote) - 5} more" if len(remote) > 5 else "")
        raise OfflineAssetError(f"the page still loads from the network: {shown}")
