"""The documentation notebooks run top to bottom in a fresh kernel.

Each notebook in ``notebooks/`` is executed with nbclient, from its own folder
(as Jupyter would run it). The quickstart must show its map inline and offline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")
pytest.importorskip("folium")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
KERNEL = "python3"


@pytest.fixture(scope="session")
def python3_kernel():
    """Make sure a ``python3`` kernelspec exists (install it for the user if not)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        from ipykernel import kernelspec

        kernelspec.install(user=True, kernel_name=KERNEL)
    return KERNEL


_executed: dict[str, object] = {}


def _run(name: str, kernel: str):
    """Execute ``notebooks/NAME.ipynb`` once per session; return the notebook."""
    if name not in _executed:
        nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        client = nbclient.NotebookClient(
            nb, kernel_name=kernel, timeout=120, allow_errors=True,
            resources={"metadata": {"path": str(NOTEBOOKS)}},
        )
        client.execute()
        _executed[name] = nb
    return _executed[name]


def _errors(nb) -> list[str]:
    return [
        f"cell {i}: {out.get('ename')}: {out.get('evalue')}\n{cell.source[:300]}"
        for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
        for out in cell.get("outputs", ()) if out.get("output_type") == "error"
    ]


def _outputs(nb, mime: str) -> list[str]:
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", ()):
            data = out.get("data", {}).get(mime)
            if data is not None:
                found.append(data if isinstance(data, str) else "".join(data))
    return found


def _all_output_text(nb) -> str:
    return json.dumps([cell.get("outputs", []) for cell in nb.cells if cell.cell_type == "code"])


@pytest.mark.slow
@pytest.mark.parametrize("name", ["quickstart", "analysis"])
def test_notebook_runs_without_errors(name, python3_kernel):
    nb = _run(name, python3_kernel)
    errors = _errors(nb)
    assert not errors, "\n\n".join(errors)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.get("execution_count") for c in code), "not every cell ran"


@pytest.mark.parametrize("name", ["quickstart", "analysis"])
def test_notebook_is_committed_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, cell.source[:80]


@pytest.mark.slow
def test_quickstart_shows_the_map_inline_and_offline(python3_kernel):
    nb = _run("quickstart", python3_kernel)
    html = _outputs(nb, "text/html")
    maps = [h for h in html if "leaflet" in h.lower() or "<iframe" in h.lower()]
    assert len(maps) >= 2, "expected the full and the filtered map inline"
    assert "https://cdn" not in _all_output_text(nb)


@pytest.mark.slow
def test_analysis_draws_a_chart_offline(python3_kernel):
    nb = _run("analysis", python3_kernel)
    assert _outputs(nb, "image/png"), "no matplotlib chart in the outputs"
    assert "https://cdn" not in _all_output_text(nb)
