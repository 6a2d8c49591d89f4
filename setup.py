"""Package mapping only (metadata lives in pyproject.toml).

The product card's top-level folders are installed under the ``oefensense`` namespace so that no
bare generic name (``gui``, ``calibration``, ``models``) lands in site-packages. ``models/`` holds
data folders without ``__init__.py`` (``posture_waist/``, ``lifting/``): they are listed as
namespace packages so their ONNX files ship as package data (found with importlib.resources).
"""

from setuptools import find_namespace_packages, find_packages, setup

FOLDER_OF_PACKAGE = {
    "oefensense": "oefensense",
    "oefensense.protocols": "firmware_protocols",
    "oefensense.calibration": "calibration",
    "oefensense.models": "models",
    "oefensense.gui": "gui",
}

packages: list[str] = []
package_dir: dict[str, str] = {}
for package, folder in FOLDER_OF_PACKAGE.items():
    packages.append(package)
    package_dir[package] = folder
    find = find_namespace_packages if package == "oefensense.models" else find_packages
    packages += [f"{package}.{sub}" for sub in find(folder, exclude=["*__pycache__*"])]

setup(packages=packages, package_dir=package_dir)
