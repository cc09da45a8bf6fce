"""Actor colours are fixed and colour-blind safe; stances are drawn by fill and outline."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys

import pytest

from geostrikes.render import style
from geostrikes.render.style import (
    ACTOR_COLOURS,
    PALETTE,
    STANCES,
    UNKNOWN_COLOUR,
    actor_colour,
    actor_key,
    normalise_stance,
    path_style,
)

# Okabe & Ito (2008) and Paul Tol's "muted" scheme: the sets the palette may draw from.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
             "#CC79A7"}
TOL_MUTED = {"#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99",
             "#999933", "#AA4499", "#DDDDDD"}
LAND = "#f6f4ef"


def _luminance(colour):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_module_examples():
    assert doctest.testmod(style).failed == 0


@pytest.mark.parametrize("actor", ["United States", "Israel", "Iran", "Russia", "Turkey",
                                   "Saudi-led coalition", "US-led coalition", "Houthis",
                                   "Hezbollah", "Iran-backed militias", "ISIS", "Syria",
                                   "Ukraine"])
def test_common_actors_have_fixed_colours(actor):
    assert actor_colour(actor) == ACTOR_COLOURS[actor]


def test_fixed_actors_have_distinct_colours():
    named = [c for a, c in ACTOR_COLOURS.items() if a != "unknown"]
    assert len(set(named)) == len(named)
    assert UNKNOWN_COLOUR not in named


def test_colours_come_from_colour_blind_safe_sets_and_show_on_land():
    for colour in {*PALETTE, *ACTOR_COLOURS.values()} - {UNKNOWN_COLOUR}:
        assert colour.upper() in OKABE_ITO | TOL_MUTED, colour
        assert _contrast(colour, LAND) >= 2.0, colour


@pytest.mark.parametrize("spelling,actor", [
    ("U.S.", "United States"), ("US", "United States"), ("the United States", "United States"),
    ("Daesh", "ISIS"), ("Islamic State", "ISIS"), ("Türkiye", "Turkey"),
    ("Ansar Allah", "Houthis"), ("  iran ", "Iran"), ("U.S.-led coalition", "US-led coalition"),
    ("", "unknown"), (None, "unknown"),
])
def test_spellings_share_the_actor_colour(spelling, actor):
    assert actor_key(spelling) == actor
    assert actor_colour(spelling) == ACTOR_COLOURS[actor]


def test_other_actors_hash_into_the_palette_stably_across_processes():
    names = ["Kata'ib Hezbollah", "Wagner Group", "Al-Shabaab", "Azerbaijan", "PKK"]
    here = [actor_colour(n) for n in names]
    assert all(c in PALETTE for c in here)
    code = ("from geostrikes.render.style import actor_colour; "
            f"print(','.join(actor_colour(n) for n in {names!r}))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env, cwd=os.getcwd()).stdout.strip()
    assert out.split(",") == here


def test_unknown_actor_is_grey():
    assert actor_colour("unknown") == UNKNOWN_COLOUR
    assert actor_colour(None) == UNKNOWN_COLOUR


def test_unknown_stances_are_unattributed():
    assert normalise_stance("CLAIMED") == "claimed"
    assert normalise_stance("rumoured") == "unattributed"
    assert normalise_stance(None) == "unattributed"


@pytest.mark.parametrize("shape", ["point", "area", "circle"])
def test_claimed_and_confirmed_are_solid(shape):
    for stance in ("claimed", "confirmed"):
        st = path_style(stance, "#009E73", shape)
        assert st["fill"] and st["fillOpacity"] > 0 and st["dashArray"] is None
        assert st["color"] == st["fillColor"] == "#009E73"


@pytest.mark.parametrize("shape", ["point", "area", "circle"])
def test_accused_and_suspected_are_hollow(shape):
    for stance in ("accused", "suspected"):
        st = path_style(stance, "#009E73", shape)
        assert st["fillOpacity"] == 0 and st["dashArray"] is None
        assert st["color"] == "#009E73"


def test_denied_is_dashed_and_unattributed_dotted_grey():
    denied = path_style("denied", "#009E73")
    assert denied["dashArray"] and denied["fillOpacity"] == 0 and denied["color"] == "#009E73"
    dotted = path_style("unattributed", "#009E73")
    assert dotted["color"] == UNKNOWN_COLOUR and dotted["dashArray"].startswith("1 ")
    assert dotted["lineCap"] == "round"


def test_every_stance_and_shape_has_a_style():
    for stance in STANCES:
        for shape in ("point", "area", "circle", "line"):
            assert path_style(stance, "#0072B2", shape)["weight"] > 0
    with pytest.raises(ValueError):
        path_style("claimed", "#0072B2", "hexagon")


def test_lines_are_never_filled():
    assert not path_style("claimed", "#0072B2", "line")["fill"]
    assert path_style("suspected", "#0072B2", "line")["opacity"] < 1
