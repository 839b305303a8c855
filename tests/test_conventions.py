"""Layout rules that span both addons (conventions.md): services are pure Python, manifests are
complete, every model has access rights."""
import ast
import csv
import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("loan_collection", "loan_legal")


def manifest(addon):
    with open(os.path.join(ROOT, "addons", addon, "__manifest__.py"), encoding="utf-8") as f:
        return ast.literal_eval(f.read())


@pytest.mark.parametrize("addon", ADDONS)
def test_services_never_import_odoo(addon):
    folder = os.path.join(ROOT, "addons", addon, "services")
    for name in os.listdir(folder):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            for node in ast.walk(tree):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                assert not any(m == "odoo" or m.startswith("odoo.") for m in modules), (name, modules)


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    data = manifest(addon)
    assert re.match(r"^11\.0\.\d+\.\d+\.\d+$", data["version"])
    assert data["license"] in ("LGPL-3", "AGPL-3")
    for path in data.get("data", []) + data.get("demo", []):
        assert os.path.exists(os.path.join(ROOT, "addons", addon, path)), path
    # Security first, menus last (conventions.md).
    assert data["data"][0].startswith("security/")
    if addon == "loan_collection":
        assert {"account_invoicing", "mail"} <= set(data["depends"])
    else:
        assert "loan_collection" in data["depends"]


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_access_rights(addon):
    folder = os.path.join(ROOT, "addons", addon)
    declared = set()
    for directory in ("models", "wizards"):
        path = os.path.join(folder, directory)
        if not os.path.isdir(path):
            continue
        for name in os.listdir(path):
            if not name.endswith(".py"):
                continue
            with open(os.path.join(path, name), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
                bases = {getattr(b, "attr", getattr(b, "id", "")) for b in cls.bases}
                names = {t.targets[0].id: t.value for t in cls.body
                         if isinstance(t, ast.Assign) and isinstance(t.targets[0], ast.Name)}
                if "_name" in names and "TransientModel" not in bases and "AbstractModel" not in bases:
                    declared.add(names["_name"].s)
    with open(os.path.join(folder, "security", "ir.model.access.csv"), encoding="utf-8") as f:
        covered = {row["model_id:id"].split(".")[-1][len("model_"):] for row in csv.DictReader(f)}
    missing = {model for model in declared if model.replace(".", "_") not in covered}
    assert not missing, "models without access rights in %s: %s" % (addon, sorted(missing))


@pytest.mark.parametrize("addon", ADDONS)
def test_odoo_runner_finds_every_test_module(addon):
    # odoo-bin --test-enable runs the modules that tests/__init__.py imports (get_test_modules).
    folder = os.path.join(ROOT, "addons", addon, "tests")
    with open(os.path.join(folder, "__init__.py"), encoding="utf-8") as f:
        imported = set(re.findall(r"^from \. import (test_\w+)$", f.read(), re.M))
    on_disk = {name[:-3] for name in os.listdir(folder) if name.startswith("test_") and name.endswith(".py")}
    assert imported == on_disk


# Reading the wall clock anywhere but services/clock.py gives a date that depends on the server's
# or the caller's time zone; "today" is the company's day (models/res_company.py: business_today).
WALL_CLOCK = re.compile(r"Date\.today\(|context_today|Datetime\.now\b|datetime\.now\(|date\.today\(|"
                        r"(?<!clock\.)utcnow\(|context_timestamp|time\.strftime\(")


@pytest.mark.parametrize("addon", ADDONS)
def test_one_clock(addon):
    offenders = []
    for folder, _dirs, files in os.walk(os.path.join(ROOT, "addons", addon)):
        for name in files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, ROOT)
            if relative.endswith(os.path.join("services", "clock.py")) or "/demo/" in relative:
                continue
            if not (name.endswith(".py") or (name.endswith(".xml") and "/views/" in relative)):
                continue
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    if WALL_CLOCK.search(line) and not line.lstrip().startswith("#"):
                        offenders.append("%s:%d: %s" % (relative, number, line.strip()))
    assert not offenders, "\n".join(offenders)
