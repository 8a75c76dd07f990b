"""Sphinx configuration for the supportladder docs.

Build (no network needed)::

    pip install -e ".[docs]"
    python -m sphinx -W --keep-going -b html docs docs/_build/html

The notebooks under ``notebooks/`` are copied into ``docs/notebooks/`` (git-ignored),
executed by myst-nb at build time and rendered with their outputs (figures included); the
outputs are cached under ``docs/_build/.jupyter_cache`` and reused until the notebook, the
package or a bundled graph changes.  The
diagrams of the queries guide are drawn at build time by ``_ext/sl_docs.py`` with
supportladder itself, into ``docs/_generated/`` (git-ignored).
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(ROOT / "src"))  # the package itself, even when not installed

import supportladder  # noqa: E402


def _copy_notebooks() -> None:
    """Mirror ../notebooks/*.ipynb into docs/notebooks/ (Sphinx reads only its own tree)."""
    target = HERE / "notebooks"
    target.mkdir(exist_ok=True)
    wanted = {p.name: p for p in sorted((ROOT / "notebooks").glob("*.ipynb"))}
    for stale in target.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    for name, source in wanted.items():
        copy = target / name
        if not copy.exists() or copy.read_bytes() != source.read_bytes():
            shutil.copyfile(source, copy)


_copy_notebooks()


def _library_digest() -> str:
    """Return a digest of the package and the bundled graphs: a notebook's cached outputs are
    reused only while neither changes (the cache itself keys on the notebook's content)."""
    digest = hashlib.sha256()
    for path in sorted([*(ROOT / "src").rglob("*.py"), *(ROOT / "graphs").glob("*.toml")]):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]

# -- project ---------------------------------------------------------------------------
project = "supportladder"
author = "supportladder maintainers"
copyright = "supportladder maintainers, MIT licence"
release = version = supportladder.__version__

# -- extensions ------------------------------------------------------------------------
extensions = [
    "myst_nb",  # MyST markdown and notebooks (brings myst-parser)
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sl_docs",  # our own: CLI reference from the parser, diagrams drawn at build time
]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints", "README.md"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
suppress_warnings: list[str] = []

# -- MyST and notebooks ----------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Executed at build time so the pages show every figure; cached per notebook content, so a
# rebuild only re-runs the notebooks that changed. A failing cell fails the build (-W).
nb_execution_mode = "cache"
nb_execution_cache_path = str(HERE / "_build" / ".jupyter_cache" / _library_digest())
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# -- autodoc (numpydoc-style docstrings through napoleon) -------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_preserve_defaults = True
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_ivar = True  # "Attributes" become fields, not duplicate attribute entries
napoleon_use_rtype = False
napoleon_preprocess_types = False

# -- HTML ------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"supportladder {release}"
html_static_path = ["_static"]
html_css_files = ["supportladder.css"]
templates_path = ["_templates"]
html_last_updated_fmt = None
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "navbar_align": "left",
    "footer_start": ["copyright"],
    "footer_end": [],
    "secondary_sidebar_items": ["page-toc"],
}
html_sidebars = {"**": ["sidebar-nav-site"]}  # the whole contents on every page
html_copy_source = False
