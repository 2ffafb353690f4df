"""Shared pieces of the training pipeline: preprocessing exactly as the descriptor states it,
metrics, threshold selection, ONNX export, golden files and descriptor writing."""
import hashlib
import json
import math
import os
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(MODELS_DIR)
DATA_CACHE = os.path.join(HERE, ".data")
OPSET = 17


def setup_torch(seed):
    torch.set_num_threads(int(os.environ.get("RADSTREAM_TRAIN_THREADS", "2")))
    torch.manual_seed(seed)
    np.random.seed(seed)
    torch.use_deterministic_algorithms(True)


# --------------------------------------------------------------------------- preprocessing

def preprocess(raw, spec):
    """The descriptor's input transform, in the order the Java service applies it.

    raw: float array (...,H,W) already rescaled (HU for CT). spec: descriptor "input" object.
    minmax: (v - min) / (max - min) per image (0 when max == min);
    window: clamp((v - (center - width/2)) / width, 0, 1); then (v - mean) / std.
    """
    v = np.asarray(raw, np.float64)
    if spec["scaling"] == "minmax":
        lo = v.min(axis=(-2, -1), keepdims=True)
        hi = v.max(axis=(-2, -1), keepdims=True)
        rng = hi - lo
        v = np.where(rng > 0, (v - lo) / np.where(rng > 0, rng, 1), 0.0)
    elif spec["scaling"] == "window":
        c, w = spec["window"]["center"], spec["window"]["width"]
        v = np.clip((v - (c - w / 2.0)) / w, 0.0, 1.0)
    else:
        raise ValueError(spec["scaling"])
    v = (v - spec["mean"][0]) / spec["std"][0]
    return v.astype(np.float32)


# --------------------------------------------------------------------------- data cache

def _phantom_hash():
    with open(os.path.join(HERE, "phantoms.py"), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:10]


def cached(name, fn):
    """Cache generated arrays under models/training/.data (git-ignored), keyed by the
    generator's source hash so a change to phantoms.py regenerates."""
    os.makedirs(DATA_CACHE, exist_ok=True)
    path = os.path.join(DATA_CACHE, f"{name}-{_phantom_hash()}.npz")
    if os.path.exists(path):
        with np.load(path) as z:
            return {k: z[k] for k in z.files}
    t = time.time()
    d = fn()
    np.savez(path, **d)
    print(f"  generated {name} in {time.time() - t:.1f}s", flush=True)
    return d


# --------------------------------------------------------------------------- metrics

def auroc(y, s):
    y = np.asarray(y).astype(bool)
    s = np.asarray(s, np.float64)
    npos, nneg = int(y.sum()), int((~y).sum())
    if npos == 0 or nneg == 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), np.float64)
    ss = s[order]
    i = 0
    while i < len(ss):  # average ranks for ties
        j = i
        while j + 1 < len(ss) and ss[j + 1] == ss[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    return float((ranks[y].sum() - npos * (npos + 1) / 2.0) / (npos * nneg))


def sens_spec(y, s, t):
    y = np.asarray(y).astype(bool)
    p = np.asarray(s) >= t
    return float((p & y).sum() / max(y.sum(), 1)), float((~p & ~y).sum() / max((~y).sum(), 1))


def threshold_for_sensitivity(y, s, target=0.95):
    """Largest threshold t with sensitivity(score >= t) >= target on this split."""
    pos = np.sort(np.asarray(s)[np.asarray(y).astype(bool)])[::-1]
    k = int(math.ceil(target * len(pos)))
    return float(pos[k - 1])


def threshold_youden(y, s):
    best, bt = -1.0, 0.5
    for t in np.unique(s):
        se, sp = sens_spec(y, s, t)
        if se + sp - 1 > best:
            best, bt = se + sp - 1, float(t)
    return bt


def floor_sig(x, digits=6):
    """Round a threshold down (never raises it, so validation sensitivity is kept)."""
    if x <= 0:
        return 0.0
    e = math.floor(math.log10(abs(x))) - (digits - 1)
    return round(math.floor(x / 10 ** e) * 10 ** e, -e)


def dice(pred, gt, eps=1e-7):
    pred, gt = pred.astype(bool), gt.astype(bool)
    return float(2 * (pred & gt).sum() / (pred.sum() + gt.sum() + eps))


def psnr(x, ref, peak=1.0):
    mse = float(np.mean((np.asarray(x, np.float64) - ref) ** 2))
    return 10 * math.log10(peak * peak / max(mse, 1e-12))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, np.float64)))


# --------------------------------------------------------------------------- export

def export_onnx(model, example, path, output_names, dynamic_hw=False):
    model.eval()
    axes = {"image": {0: "N"}}
    for o in output_names:
        axes[o] = {0: "N"}
    if dynamic_hw:
        axes["image"].update({2: "H", 3: "W"})
        for o in output_names:
            axes[o].update({2: "H", 3: "W"})
    torch.onnx.export(model, example, path, input_names=["image"], output_names=list(output_names),
                      dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)
    import onnx
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    m.producer_name = "radstream-models"
    m.producer_version = torch.__version__
    m.doc_string = "RadStream phantom-trained model; triage notification only, not for diagnosis."
    onnx.save(m, path)
    onnx.checker.check_model(onnx.load(path), full_check=True)
    return sha256_file(path)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_golden(model_dir, x, outputs, input_file=True, pattern=None, rtol=1e-4, atol=1e-4):
    """golden.json + raw little-endian float32 row-major files."""
    gdir = os.path.join(model_dir, "golden")
    os.makedirs(gdir, exist_ok=True)
    for f in os.listdir(gdir):
        os.remove(os.path.join(gdir, f))
    inp = {"name": "image", "shape": list(x.shape), "file": None}
    if input_file:
        x.astype("<f4").tofile(os.path.join(gdir, "input.f32"))
        inp["file"] = "input.f32"
    if pattern:
        inp["pattern"] = pattern
    outs = {}
    for name, arr in outputs.items():
        arr.astype("<f4").tofile(os.path.join(gdir, f"{name}.f32"))
        outs[name] = {"shape": list(arr.shape), "file": f"{name}.f32"}
    g = {"input": inp, "outputs": outs, "rtol": rtol, "atol": atol,
         "producer": f"pytorch {torch.__version__} (CPU, eval mode; Debian has no python3-onnxruntime)"}
    with open(os.path.join(gdir, "golden.json"), "w") as f:
        json.dump(g, f, indent=2)
        f.write("\n")


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def rnd(x, n=4):
    return None if x is None else float(round(float(x), n))
