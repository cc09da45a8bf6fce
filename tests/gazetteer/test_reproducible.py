"""Running the build again reproduces the committed gazetteer, byte for byte."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="needs ../shared/data (the sources)")
def test_build_reproduces_the_committed_data(tmp_path):
    out = tmp_path / "gazetteer.sqlite"
    subprocess.run([sys.executable, str(ROOT / "gazetteer" / "build.py"), "--shared", str(SHARED),
                    "--out", str(out)], check=True, capture_output=True)
    assert _sha256(out) == _sha256(ROOT / "geostrikes" / "data" / "gazetteer.sqlite")
