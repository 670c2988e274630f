"""Which exported ONNX files a cache can keep, and which it must export again."""

import json
from pathlib import Path

import pytest

from innosearch.embed.e5_weights import BUILD_INFO
from innosearch.embed.onnx_build import is_current, onnx_path
from innosearch.embed.onnx_export import EXPORT_FORMAT, weights_path


def _cache(folder: Path, recorded: dict, files: list[str]) -> Path:
    (folder / "onnx").mkdir(parents=True)
    (folder / BUILD_INFO).write_text(json.dumps({"build_format": 1, "onnx": recorded}))
    for name in files:
        (folder / "onnx" / name).write_bytes(b"x")
    return folder


def test_an_export_of_this_format_with_both_files_is_kept(tmp_path: Path) -> None:
    folder = _cache(
        tmp_path, {"float32": {"format": EXPORT_FORMAT}}, ["model.onnx", "model.onnx.data"]
    )
    assert is_current(folder, "float32")
    assert weights_path(onnx_path(folder, "float32")).name == "model.onnx.data"
    assert not is_current(folder, "int8")


@pytest.mark.parametrize(
    ("recorded", "files"),
    [
        # Before EXPORT_FORMAT existed: one file, weights inline, no format recorded.
        ({"float32": {"file": "onnx/model.onnx", "opset": 17}}, ["model.onnx"]),
        ({"float32": {"format": EXPORT_FORMAT - 1}}, ["model.onnx", "model.onnx.data"]),
        ({"float32": {"format": EXPORT_FORMAT}}, ["model.onnx"]),  # its weights lost
        ({"float32": {"format": EXPORT_FORMAT}}, ["model.onnx.data"]),
        ({"float32": "damaged"}, ["model.onnx", "model.onnx.data"]),
        ({}, []),
    ],
)
def test_an_older_incomplete_or_unrecorded_export_is_exported_again(
    tmp_path: Path, recorded: dict, files: list[str]
) -> None:
    assert not is_current(_cache(tmp_path, recorded, files), "float32")


def test_an_unreadable_manifest_means_export_again(tmp_path: Path) -> None:
    folder = _cache(tmp_path, {}, ["model.onnx", "model.onnx.data"])
    (folder / BUILD_INFO).write_text("{not json")
    assert not is_current(folder, "float32")
