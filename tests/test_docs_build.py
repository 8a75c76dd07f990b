"""The built docs show what the notebooks draw, and every public name has an API entry.

Builds the Sphinx site once (about 20 s, the notebooks' outputs cached under docs/_build);
skipped where the docs extra is not installed (CI's test phase), which is why the docs build
itself also fails on these problems (docs/_ext/sl_docs.py, check_built_pages).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

pytest.importorskip("myst_nb", reason="needs the docs extra: pip install -e '.[docs]'")

DOCS = Path(__file__).resolve().parents[1] / "docs"
sys.path.insert(0, str(DOCS / "_ext"))


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", DOCS, out],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_the_diagrams_page_shows_its_diagrams(html: Path) -> None:
    page = (html / "notebooks" / "02-org-path-diagrams.html").read_text(encoding="utf-8")
    body = page[page.index("cell_output") :]  # images the cells drew, not the theme's
    images = re.findall(r'<img [^>]*src="\.\./_images/[^"]+\.(?:png|svg)"', body)
    assert len(images) >= 5  # one per plot_graph / plot_path cell


def test_every_notebook_page_shows_outputs(html: Path) -> None:
    from sl_docs import notebook_page_problems

    notebooks = sorted((DOCS / "notebooks").glob("*.ipynb"))
    assert notebooks
    assert notebook_page_problems(html, notebooks) == []
    index = (html / "notebooks" / "index.html").read_text(encoding="utf-8")
    for notebook in notebooks:  # the index lists every notebook, new ones too
        assert f"{notebook.stem}.html" in index


def test_every_public_name_has_an_api_entry(html: Path) -> None:
    from sl_docs import undocumented_names

    raw = (html / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode("utf-8")
    documented = {line.split(" ", 1)[0] for line in body.splitlines() if " py:" in line}
    assert "supportladder.queries.PROFILE" in documented
    assert undocumented_names(documented) == []


def test_top_level_pages_have_a_sidebar_and_long_lines_wrap(html: Path) -> None:
    page = (html / "getting-started.html").read_text(encoding="utf-8")
    sidebar = page[page.index("bd-sidebar-primary") :]
    assert 'href="queries.html"' in sidebar[: sidebar.index("</nav>")]
    css = (html / "_static" / "supportladder.css").read_text(encoding="utf-8")
    assert "pre-wrap" in css
    assert "supportladder.css" in page
