"""The public surface: importing is cheap, names resolve lazily."""

from __future__ import annotations

import subprocess
import sys


def test_import_geostrikes_stays_light():
    code = (
        "import sys, geostrikes; "
        "heavy = [m for m in ('geopandas', 'folium', 'shapely', 'pandas', 'sqlite3', "
        "'trafilatura') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_public_names_resolve():
    import geostrikes

    for name in geostrikes.__all__:
        assert getattr(geostrikes, name) is not None, name


def test_unknown_attribute_raises_attribute_error():
    import geostrikes

    try:
        geostrikes.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
