"""The package works installed from a wheel, from any working directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_install_geocodes_from_another_directory(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("geostrikes-*.whl")
    env_dir = tmp_path / "venv"
    # Dependencies come from the test environment; only geostrikes itself is new.
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall",
                    str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("GEOSTRIKES_GAZETTEER", "PYTHONPATH")}
    out = subprocess.run([str(env_dir / "bin" / "geostrikes"), "geocode", "Baghdad", "--json"],
                         cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    best = json.loads(out.stdout)[0]
    assert (best["name"], best["country_code"], best["kind"]) == (
        "Baghdad", "IQ", "populated_place")
    located = subprocess.run(
        [str(python), "-c", "import geostrikes, pathlib; print(pathlib.Path("
         "geostrikes.__file__).parent)"], cwd=elsewhere, env=env, capture_output=True,
        text=True, check=True).stdout.strip()
    assert str(env_dir) in located
