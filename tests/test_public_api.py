"""Every module pins its public surface with `__all__`, and every listed name exists."""

import importlib
import pkgutil

import pytest

import contracts
import mock_server


def _modules():
    for package in (mock_server, contracts):
        yield package.__name__
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            yield info.name


@pytest.mark.parametrize("name", sorted(_modules()))
def test_module_pins_all(name):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    missing = [item for item in exported if not hasattr(module, item)]
    assert missing == []


def test_top_level_surfaces():
    assert mock_server.__all__ == ["MockConfig", "create_app", "load_config"]
    assert contracts.__all__ == ["SPEC_PATH"]
