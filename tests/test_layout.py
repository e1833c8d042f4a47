"""The README's module map names every module of the tree and nothing else; pages and the registry agree; no
module reaches into Streamlit's private modules."""
import ast
import re

from ui import registry

from conftest import ROOT

PACKAGES = ("common", "etl", "security", "analytics", "ui", "cli", "pages", "bench")


def _mapped() -> set[str]:
    """The files the README's module map names, as paths from the project root."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- module map")[1].split("```")[1]
    files, folders = set(), []
    for line in block.splitlines()[1:]:
        if not line.strip():
            continue
        level = (len(line) - len(line.lstrip()) - 2) // 2      # the block is indented two spaces in the list
        names = line.split()
        folders = folders[:level]
        if names[0].endswith("/"):
            folders.append(names[0].rstrip("/"))
        elif all(name.endswith(".py") for name in names):       # a row listing a folder's files
            files |= {"/".join(folders + [name]) for name in names}
        else:
            files.add("/".join(folders + [names[0]]))
    return files


def _tree() -> set[str]:
    found = {"dashboard.py", "serve.py"}
    for package in PACKAGES:
        found |= {str(path.relative_to(ROOT)) for path in (ROOT / package).rglob("*.py")
                  if path.name != "__init__.py" and "__pycache__" not in path.parts}
    return found


def test_the_readme_maps_every_module_and_nothing_else():
    mapped, tree = _mapped(), _tree()
    assert sorted(tree - mapped) == [], "modules missing from the README's map"
    assert sorted(mapped - tree) == [], "the README's map names files that do not exist"


def test_every_page_file_is_in_the_registry_and_back():
    assert {path.stem for path in (ROOT / "pages").glob("*.py")} == {page.stem for page in registry.PAGES}
    assert registry.HOME.stem == "tong_quan" and all(page.file == f"pages/{page.stem}.py" for page in registry.PAGES)


def test_no_module_imports_a_private_streamlit_module():
    public = re.compile(r"^streamlit(\.(testing\.v1|starlette|components\.v1|column_config|errors))?$")
    private = {}
    for path in [ROOT / "dashboard.py", ROOT / "serve.py"] + [p for package in PACKAGES + ("tests",)
                                                                for p in (ROOT / package).rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            wrong = [name for name in names if name.startswith("streamlit") and not public.match(name)]
            if wrong:
                private.setdefault(str(path.relative_to(ROOT)), []).extend(wrong)
    # the benchmark's client speaks Streamlit's wire protocol, whose messages are the streamlit.proto classes
    assert private == {"bench/streamlit_client.py": ["streamlit.proto.BackMsg_pb2", "streamlit.proto.ForwardMsg_pb2"]}
