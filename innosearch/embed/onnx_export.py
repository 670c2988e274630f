"""Export the built e5 folder to ONNX (float32, fused) and, on request, an int8 variant.

Build-time only: this module imports torch, transformers and onnx. `onnx_build.py` runs it in a
child process (`python -m innosearch.embed.onnx_export FOLDER PRECISION`), so the process that
asked (a server, a search) never loads torch itself, and a crash here cannot take it down.
"""

import argparse
import os
import tempfile
from pathlib import Path

# 17: every op of the traced BERT graph exists there, and onnxruntime >= 1.14 runs it.
OPSET = 17
FILES = {"float32": "model.onnx", "int8": "model-int8.onnx"}
ONNX_DIR = "onnx"


def _export_float32(folder: Path, out: Path) -> None:
    import torch
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
        fused = optimize_model(
            str(raw),
            model_type="bert",
            num_heads=config.num_attention_heads,
            hidden_size=config.hidden_size,
            opt_level=1,
        )
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


def export(folder: Path, precision: str) -> Path:
    """Write `folder/onnx/<file>` for `precision` (int8 needs float32 first) and return it."""
    target = folder / ONNX_DIR / FILES[precision]
    target.parent.mkdir(exist_ok=True)
    # Written beside the target and renamed: a killed export never leaves half a file in place.
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.tmp-", dir=target.parent)
    os.close(fd)
    partial = Path(name)
    try:
        if precision == "float32":
            _export_float32(folder, partial)
        else:
            _quantise_int8(folder / ONNX_DIR / FILES["float32"], partial)
        partial.chmod(0o644)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("precision", choices=sorted(FILES))
    args = parser.parse_args()
    export(args.folder, args.precision)


if __name__ == "__main__":
    main()
