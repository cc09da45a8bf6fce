"""Colours for actors and line styles for stances, the same on every map.

An analyst comparing two maps must not have to re-learn the colours, so an
actor's colour never depends on which other actors are on the map: common
actors have a fixed entry in :data:`ACTOR_COLOURS`, every other actor is
hashed (SHA-1 of its normalised name, not Python's salted ``hash``) into
:data:`PALETTE`. The colours come from the colour-blind-safe sets of Okabe &
Ito (2008) and Paul Tol's "muted" scheme; the light ones (yellow, sand, pale
cyan) are left out because they vanish as thin outlines on a pale basemap.
Fourteen colours cannot all be told apart by every reader, so the fixed
table keeps the actors that appear in the same theatres far apart (United
States / Israel / Iran / Houthis / Saudi-led coalition; Russia / Ukraine).

The stance is drawn with the fill and the outline, never the colour, so
that colour always means "who":

============================  ====================================
stance                        drawing
============================  ====================================
claimed, confirmed            solid fill in the actor's colour
accused, suspected            hollow: outline only
denied                        dashed outline
unattributed                  dotted grey outline
============================  ====================================

Examples
--------
>>> actor_colour("Iran")
'#009E73'
>>> actor_colour("Iran") == actor_colour("  iran ")
True
>>> path_style("denied", "#0072B2", "area")["dashArray"]
'6 4'
"""

from __future__ import annotations

import hashlib
import re
from types import MappingProxyType
from typing import Any

__all__ = [
    "PALETTE",
    "ACTOR_COLOURS",
    "UNKNOWN_COLOUR",
    "STANCES",
    "STANCE_LABELS",
    "actor_key",
    "actor_colour",
    "normalise_stance",
    "path_style",
]

UNKNOWN_COLOUR = "#7F7F7F"

#: Colours for actors outside :data:`ACTOR_COLOURS`, in hashing order.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # Okabe-Ito blue
    "#E69F00",  # Okabe-Ito orange
    "#009E73",  # Okabe-Ito bluish green
    "#D55E00",  # Okabe-Ito vermillion
    "#CC79A7",  # Okabe-Ito reddish purple
    "#56B4E9",  # Okabe-Ito sky blue
    "#332288",  # Tol indigo
    "#117733",  # Tol green
    "#882255",  # Tol wine
    "#999933",  # Tol olive
    "#44AA99",  # Tol teal
    "#AA4499",  # Tol purple
    "#CC6677",  # Tol rose
)

ACTOR_COLOURS = MappingProxyType({
    "United States": "#0072B2",
    "US-led coalition": "#332288",
    "Israel": "#56B4E9",
    "Iran": "#009E73",
    "Iran-backed militias": "#999933",
    "Hezbollah": "#CC79A7",
    "Hamas": "#44AA99",
    "Houthis": "#D55E00",
    "Saudi-led coalition": "#117733",
    "Turkey": "#CC6677",
    "Russia": "#882255",
    "Ukraine": "#E69F00",
    "Syria": "#AA4499",
    "ISIS": "#000000",
    "unknown": UNKNOWN_COLOUR,
})

# Spellings articles and feeds use for the fixed actors; keys as actor_key() makes them.
_ALIASES = {
    "us": "United States", "usa": "United States", "united states of america": "United States",
    "america": "United States", "us military": "United States",
    "us-led coalition": "US-led coalition", "international coalition": "US-led coalition",
    "global coalition": "US-led coalition", "coalition": "US-led coalition",
    "idf": "Israel", "israel defense forces": "Israel", "israeli military": "Israel",
    "iranian-backed militias": "Iran-backed militias", "iran-aligned militias":
        "Iran-backed militias",
    "hizbullah": "Hezbollah", "hizballah": "Hezbollah",
    "houthi": "Houthis", "ansar allah": "Houthis", "ansarallah": "Houthis",
    "saudi-led coalition": "Saudi-led coalition", "saudi coalition": "Saudi-led coalition",
    "turkiye": "Turkey", "türkiye": "Turkey",
    "russian federation": "Russia",
    "islamic state": "ISIS", "isil": "ISIS", "is": "ISIS", "daesh": "ISIS",
    "syrian government": "Syria",
    "": "unknown", "unattributed": "unknown", "none": "unknown", "nan": "unknown",
}
_KEYS = {name.casefold(): name for name in ACTOR_COLOURS}

#: Stances from firmest to weakest, as :class:`geostrikes.model.Stance` spells them.
STANCES: tuple[str, ...] = ("claimed", "confirmed", "accused", "suspected", "denied",
                            "unattributed")
STANCE_LABELS = MappingProxyType({
    "claimed": "claimed by the actor",
    "confirmed": "confirmed",
    "accused": "accused by others",
    "suspected": "suspected",
    "denied": "denied",
    "unattributed": "unattributed",
})
_SOLID = frozenset({"claimed", "confirmed"})
_HOLLOW = frozenset({"accused", "suspected"})


def actor_key(actor: Any) -> str:
    """Return the canonical name of an actor: a fixed table name, or the cleaned name.

    Case, dots and runs of spaces do not matter; known spellings ("U.S.",
    "Daesh", "Türkiye") map to the fixed table's names, and an empty or
    missing actor is ``"unknown"``.

    Examples
    --------
    >>> actor_key("U.S.")
    'United States'
    >>> actor_key(None)
    'unknown'
    >>> actor_key("  Kata'ib   Hezbollah ")
    "Kata'ib Hezbollah"
    """
    text = "" if actor is None else re.sub(r"\s+", " ", str(actor)).strip()
    folded = text.casefold().replace(".", "")
    folded = re.sub(r"^the ", "", folded)
    if folded in _KEYS:
        return _KEYS[folded]
    if folded in _ALIASES:
        return _ALIASES[folded]
    return text


def actor_colour(actor: Any) -> str:
    """Return the actor's colour as ``#RRGGBB``, the same on every map.

    Parameters
    ----------
    actor : str or None
        Actor name as extraction normalised it.

    Returns
    -------
    str
        The fixed colour of a common actor, grey for ``unknown``, else a
        colour picked from :data:`PALETTE` by a stable hash of the name.

    Examples
    --------
    >>> actor_colour("United States")
    '#0072B2'
    >>> actor_colour(None) == UNKNOWN_COLOUR
    True
    >>> actor_colour("Some New Group") in PALETTE
    True
    """
    key = actor_key(actor)
    fixed = ACTOR_COLOURS.get(key)
    if fixed is not None:
        return fixed
    digest = hashlib.sha1(key.casefold().encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]


def normalise_stance(stance: Any) -> str:
    """Return a stance from :data:`STANCES`; unknown or missing is ``unattributed``.

    Examples
    --------
    >>> normalise_stance(" Claimed ")
    'claimed'
    >>> normalise_stance(None)
    'unattributed'
    """
    text = str(getattr(stance, "value", stance) or "").strip().casefold()
    return text if text in STANCES else "unattributed"


def path_style(stance: Any, colour: str, shape: str = "point") -> dict[str, Any]:
    """Leaflet path options that draw a stance in an actor's colour.

    Parameters
    ----------
    stance : str
        One of :data:`STANCES` (others count as ``unattributed``).
    colour : str
        The actor's ``#RRGGBB`` colour (ignored for ``unattributed``, which
        is always grey).
    shape : {"point", "area", "circle", "line"}
        A point marker, a province or country outline, an uncertainty
        circle, or a border line.

    Returns
    -------
    dict
        Leaflet ``Path`` options (``color``, ``weight``, ``fill``,
        ``fillOpacity``, ``dashArray``...). Hollow shapes keep ``fill`` on
        with zero opacity so that their inside still opens the popup.

    Examples
    --------
    >>> path_style("claimed", "#009E73")["fillOpacity"]
    0.85
    >>> path_style("suspected", "#009E73")["fillOpacity"]
    0.0
    >>> path_style("unattributed", "#009E73")["color"] == UNKNOWN_COLOUR
    True
    """
    if shape not in ("point", "area", "circle", "line"):
        raise ValueError(f"unknown shape {shape!r}: use point, area, circle or line")
    stance = normalise_stance(stance)
    if stance == "unattributed":
        colour = UNKNOWN_COLOUR
    solid = stance in _SOLID
    weight = {"point": 2.5, "area": 2.0, "circle": 1.5, "line": 4.0}[shape]
    fill_opacity = {"point": 0.85, "area": 0.25, "circle": 0.15, "line": 0.0}[shape]
    style: dict[str, Any] = {
        "color": colour,
        "weight": 1.5 if solid and shape == "point" else weight,
        "opacity": 1.0,
        "fill": shape != "line",
        "fillColor": colour,
        "fillOpacity": fill_opacity if solid else 0.0,
        "dashArray": None,
        "lineCap": "round",
        "lineJoin": "round",
    }
    if shape == "line" and stance in _HOLLOW:
        # A line has no inside to leave empty: fade it instead.
        style["opacity"] = 0.45
    elif stance == "denied":
        # A marker's outline is ~40 px long: shorter dashes still read as dashed.
        style["dashArray"] = "4 3" if shape == "point" else "6 4"
    elif stance == "unattributed":
        style["dashArray"] = "1 5" if shape != "point" else "1 4"
    return style
