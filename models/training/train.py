"""Train, evaluate and export the RadStream models on synthetic phantoms.

    /usr/bin/python3 models/training/train.py [all|cxr-triage|ct-head-ich|lesion-seg|denoise|densenet121-cxr]

For each model this (re)generates the data with fixed seeds, trains on CPU, picks thresholds on
the validation split, measures on the held-out test split, exports ONNX (opset 17, dynamic
batch), writes golden files, model.json (sha256 included) and MODEL_CARD.md.
"""
import argparse
import datetime
import json
import os
import sys
import time

# Passive OpenMP waiting: on a shared 2-core machine spinning threads slow training ~10x.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import numpy as np  # noqa: E402
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import nets  # noqa: E402
import phantoms as P  # noqa: E402

SEEDS = {"train": 101, "val": 202, "test": 303}   # per-split data seeds (plus a per-model offset)
TORCH_SEED = 7
REPRO = "models/train.sh {id}"
NOT_FOR_DIAGNOSIS = ("Triage notification only, not for diagnosis. Trained and evaluated on synthetic "
                     "phantoms only; the metrics below say nothing about performance on real patients.")


def split_seed(model_off, split):
    return model_off * 1000 + SEEDS[split]


def model_dir(mid):
    d = os.path.join(C.MODELS_DIR, mid)
    os.makedirs(d, exist_ok=True)
    return d


def ckpt_path(mid):
    os.makedirs(C.DATA_CACHE, exist_ok=True)
    return os.path.join(C.DATA_CACHE, f"{mid}.pt")


def input_spec(h, w, scaling, mean, std, window=None, channels=1):
    shape = [-1, channels, h if h else -1, w if w else -1]   # NCHW; -1 = any size (batch, or fully convolutional)
    return {"name": "image", "shape": shape, "channels": channels, "height": h, "width": w, "rescale": True,
            "invertMonochrome1": True, "scaling": scaling, "window": window, "mean": mean, "std": std}


def batches(n, bs, gen=None):
    idx = torch.randperm(n, generator=gen) if gen is not None else torch.arange(n)
    for i in range(0, n, bs):
        yield idx[i:i + bs]


@torch.no_grad()
def predict(model, X, bs=64):
    model.eval()
    outs = []
    for i in range(0, len(X), bs):
        o = model(torch.from_numpy(X[i:i + bs][:, None]))
        outs.append((o[0] if isinstance(o, tuple) else o).numpy())
    return np.concatenate(outs)


# =========================================================================== classifiers

CXR_LABELS = [
    {"name": "pneumothorax", "display": "Pneumothorax", "snomed": "36118008", "urgency": "URGENT"},
    {"name": "nodule", "display": "Lung nodule", "snomed": "786838002", "urgency": "ROUTINE"},
    {"name": "effusion", "display": "Pleural effusion", "snomed": "60046008", "urgency": "ROUTINE"},
]
ICH_LABELS = [
    {"name": "hemorrhage", "display": "Intracranial hemorrhage", "snomed": "1386000", "urgency": "URGENT"},
]


def coarse(mask, f=16):
    """Area fraction of a finding in each f x f cell (target of the auxiliary head)."""
    h, w = mask.shape
    return mask.reshape(h // f, f, w // f, f).mean(axis=(1, 3))


def gen_cxr(split, n, S=224):
    def fn():
        rng = np.random.default_rng(split_seed(1, split))
        X = np.empty((n, S, S), np.float32)
        Y = np.empty((n, 3), np.float32)
        M = np.empty((n, 3, S // 16, S // 16), np.float16)
        Q = np.zeros(n, bool)
        for i in range(n):
            lab = rng.random(3) < 0.35
            raw, masks = P.cxr(rng, S, *lab)
            M[i] = [coarse(masks[k]) for k in P.CXR_LABELS]
            if split == "train" and rng.random() < 0.5:
                raw = np.round(P.to01(raw) * 255.0)   # as an 8-bit PNG upload would arrive
                Q[i] = True
            X[i], Y[i] = raw, lab
        return {"X": X, "Y": Y, "Q": Q, "M": M}
    return C.cached(f"cxr-{split}-{n}", fn)


def gen_ct(split, n, S=128):
    def fn():
        rng = np.random.default_rng(split_seed(2, split))
        X = np.empty((n, S, S), np.float32)
        Y = np.empty((n, 1), np.float32)
        M = np.empty((n, 1, S // 16, S // 16), np.float16)
        T = np.empty(n, "U20")
        for i in range(n):
            lab = rng.random() < 0.45
            hu, hm, kind = P.ct_head(rng, S, hemorrhage=lab, z=float(rng.uniform(-0.5, 0.5)))
            X[i], Y[i, 0], T[i], M[i, 0] = hu, lab, kind or "none", coarse(hm)
        return {"X": X, "Y": Y, "T": T, "M": M}
    return C.cached(f"ct-{split}-{n}", fn)


HEAD_LR_MULT = 20


def fit_classifier(model, Xtr, Ytr, Mtr, Xva, Yva, epochs, bs, lr, seed, flip=False, aux_w=0.5, label_w=None):
    lw = torch.tensor(label_w or [1.0] * Ytr.shape[1])
    gen = torch.Generator().manual_seed(seed)
    # The logit is the *mean* of the CAM over h x w cells, so a finding that fills one cell needs CAM
    # weights ~h*w times larger than a diffuse one; the CAM head gets a higher learning rate.
    head = [model.cam.weight, model.bias]
    body = [p for n, p in model.named_parameters() if n not in ("cam.weight", "bias")]
    opt = torch.optim.AdamW([{"params": body}, {"params": head}], lr=lr, weight_decay=1e-4)
    steps = epochs * ((len(Xtr) + bs - 1) // bs)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[lr, lr * HEAD_LR_MULT], total_steps=steps,
                                                pct_start=0.2)
    Xt, Yt, Mt = torch.from_numpy(Xtr), torch.from_numpy(Ytr), torch.from_numpy(Mtr.astype(np.float32))
    best, best_state = -1, None
    for ep in range(epochs):
        model.train()
        t = time.time()
        tot = 0.0
        for idx in batches(len(Xt), bs, gen):
            x, m = Xt[idx][:, None], Mt[idx]
            if flip:
                fl = torch.rand(len(idx), generator=gen) < 0.5
                x = torch.where(fl[:, None, None, None], x.flip(-1), x)
                m = torch.where(fl[:, None, None, None], m.flip(-1), m)
            logits, _, aux = model.forward_train(x)
            loss = (F.binary_cross_entropy_with_logits(logits, Yt[idx], weight=lw[None, :])
                    + aux_w * F.binary_cross_entropy_with_logits(aux, m, weight=lw[None, :, None, None]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tot += float(loss) * len(idx)
        pv = predict(model, Xva)
        aucs = [C.auroc(Yva[:, k], pv[:, k]) for k in range(Yva.shape[1])]
        print(f"  epoch {ep + 1}/{epochs} loss {tot / len(Xt):.4f} val AUROC "
              f"{' '.join(f'{a:.4f}' for a in aucs)} ({time.time() - t:.0f}s)", flush=True)
        if min(aucs) >= best:   # model selection on validation only
            best = min(aucs)
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    return model


def evaluate_classifier(labels, pv, Yva, pt, Yte):
    """Thresholds on validation (URGENT: >= 0.95 sensitivity; ROUTINE: Youden J), metrics on test."""
    out_labels, ev = [], {}
    for k, lab in enumerate(labels):
        sv, st = C.sigmoid(pv[:, k]), C.sigmoid(pt[:, k])
        if lab["urgency"] in ("URGENT", "STAT"):
            thr = C.threshold_for_sensitivity(Yva[:, k], sv, 0.95)
            rule = "highest threshold with validation sensitivity >= 0.95"
        else:
            thr = C.threshold_youden(Yva[:, k], sv)
            rule = "Youden J on validation"
        thr = C.floor_sig(thr)
        vse, vsp = C.sens_spec(Yva[:, k], sv, thr)
        se, sp = C.sens_spec(Yte[:, k], st, thr)
        ev[lab["name"]] = {"auroc": C.rnd(C.auroc(Yte[:, k], st)), "sensitivity": C.rnd(se),
                           "specificity": C.rnd(sp)}
        lab = {"name": lab["name"], "display": lab["display"], "snomed": lab["snomed"], "threshold": thr,
               "urgency": lab["urgency"]}
        out_labels.append(lab)
        print(f"  {lab['name']}: thr {thr:.6g} ({rule}; val sens {vse:.3f} spec {vsp:.3f}) "
              f"test AUROC {ev[lab['name']]['auroc']} sens {se:.4f} spec {sp:.4f}", flush=True)
    return out_labels, ev


def train_classifier(mid, spec, labels, gen_fn, sizes, epochs, lr, desc, routing, extra_card, flip=False,
                     label_w=None):
    t0 = time.time()
    tr, va, te = gen_fn("train", sizes[0]), gen_fn("val", sizes[1]), gen_fn("test", sizes[2])
    t_data = time.time() - t0
    Xtr, Xva, Xte = (C.preprocess(d["X"], spec) for d in (tr, va, te))
    C.setup_torch(TORCH_SEED)
    model = nets.CamNet(len(labels))
    t1 = time.time()
    fit_classifier(model, Xtr, tr["Y"], tr["M"], Xva, va["Y"], epochs, 32, lr, TORCH_SEED, flip, label_w=label_w)
    t_train = time.time() - t1
    torch.save(model.state_dict(), ckpt_path(mid))
    pv, pt = predict(model, Xva), predict(model, Xte)
    out_labels, ev = evaluate_classifier(labels, pv, va["Y"], pt, te["Y"])
    extra = {}
    if "T" in te:   # per-type sensitivity for ICH
        st = C.sigmoid(pt[:, 0])
        for kind in P.ICH_TYPES:
            m = te["T"] == kind
            extra[kind] = (int(m.sum()), float((st[m] >= out_labels[0]["threshold"]).mean()))
    d = model_dir(mid)
    onnx_path = os.path.join(d, "model.onnx")
    x0 = torch.from_numpy(Xte[:1][:, None])
    sha = C.export_onnx(model, x0, onnx_path, ["logits", "cam"])
    with torch.no_grad():
        lo, cam = model(x0)
    C.write_golden(d, x0.numpy(), {"logits": lo.numpy(), "cam": cam.numpy()})
    n_pos = ", ".join(f"{lab['name']} {int(te['Y'][:, k].sum())}" for k, lab in enumerate(labels))
    desc_obj = {
        "id": mid, "version": "1.0.0", "task": "classification", "onnx": "model.onnx", "sha256": sha,
        "benchmarkOnly": False, "description": desc, "input": spec, "routing": routing,
        "outputs": {"scores": "logits", "activation": "sigmoid", "heatmap": "cam", "mask": None,
                    "maskActivation": None, "maskThreshold": None, "image": None, "labels": out_labels},
        "batching": {"maxBatchSize": 8, "maxQueueDelayMs": 5},
        "evaluation": {"split": f"held-out test, n={sizes[2]} (data seed {split_seed({'cxr-triage': 1, 'ct-head-ich': 2}[mid], 'test')}; "
                                f"positives: {n_pos})",
                       "labels": ev, "dice": None, "psnrBefore": None, "psnrAfter": None},
    }
    C.write_json(os.path.join(d, "model.json"), desc_obj)
    info = dict(t_data=t_data, t_train=t_train, params=nets.n_params(model) - nets.n_params(model.aux),
                sizes=sizes, epochs=epochs, extra=extra, cam_hw=list(cam.shape[2:]))
    write_card(mid, desc_obj, info, extra_card)
    return desc_obj, info


def train_cxr():
    spec = input_spec(224, 224, "minmax", [0.5], [0.25])
    routing = {"modalities": ["CR", "DX"], "bodyParts": ["CHEST"], "formats": ["dicom", "png", "jpeg"]}
    return train_classifier(
        "cxr-triage", spec, CXR_LABELS, gen_cxr, (4000, 800, 1200), 10, 3e-3,
        "Chest radiograph triage (PA/AP): pneumothorax (URGENT), lung nodule and pleural effusion "
        "(ROUTINE), multi-label, with class activation maps. Trained on synthetic phantoms only; "
        "triage notification only, not for diagnosis.",
        routing, CXR_CARD, label_w=[1.0, 4.0, 1.0])


def train_ct():
    spec = input_spec(128, 128, "window", [0.5], [0.5], window={"center": 40, "width": 80})
    routing = {"modalities": ["CT"], "bodyParts": ["HEAD", "BRAIN"], "formats": ["dicom"]}
    return train_classifier(
        "ct-head-ich", spec, ICH_LABELS, gen_ct, (6000, 1000, 1500), 10, 3e-3,
        "Non-contrast CT head: intracranial hemorrhage (URGENT) with class activation map, on a "
        "brain window (center 40 HU, width 80 HU). Trained on synthetic phantoms only; triage "
        "notification only, not for diagnosis.",
        routing, CT_CARD, flip=True)


# =========================================================================== segmentation

def gen_seg(split, n, S=128):
    def fn():
        rng = np.random.default_rng(split_seed(3, split))
        X = np.empty((n, S, S), np.float32)
        M = np.empty((n, S, S), np.uint8)
        K = np.empty(n, "U4")
        for i in range(n):
            les = rng.random() < 0.85
            if rng.random() < 0.5:
                img, m = P.mr_brain(rng, S, lesion=les)
                K[i] = "MR"
            else:
                img, m = P.ct_abdomen(rng, S, lesion=les)
                K[i] = "CT"
            X[i], M[i] = img, m
        return {"X": X, "M": M, "K": K}
    return C.cached(f"seg-{split}-{n}", fn)


def seg_metrics(prob, M, K):
    pred = prob >= 0.5
    pos = M.reshape(len(M), -1).any(1)
    per = [C.dice(pred[i], M[i]) for i in range(len(M)) if pos[i]]
    res = {"dice_global": C.dice(pred[pos], M[pos]), "dice_mean_case": float(np.mean(per)),
           "fp_images": float(np.mean([pred[i].sum() >= 10 for i in range(len(M)) if not pos[i]])),
           "n_pos": int(pos.sum()), "n_neg": int((~pos).sum())}
    for k in ("MR", "CT"):
        sel = (K == k) & pos
        res[f"dice_global_{k}"] = C.dice(pred[sel], M[sel])
    return res


def train_seg():
    mid = "lesion-seg"
    spec = input_spec(128, 128, "minmax", [0.5], [0.25])
    sizes, steps, bs, crop, lr = (3000, 400, 600), 600, 32, 64, 3e-3
    t0 = time.time()
    tr, va, te = gen_seg("train", sizes[0]), gen_seg("val", sizes[1]), gen_seg("test", sizes[2])
    t_data = time.time() - t0
    Xtr, Xva, Xte = (C.preprocess(d["X"], spec) for d in (tr, va, te))
    C.setup_torch(TORCH_SEED)
    model = nets.UNetSmall()
    gen = torch.Generator().manual_seed(TORCH_SEED)
    crng = np.random.default_rng(TORCH_SEED)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.15)
    Mtr = tr["M"]
    S = Xtr.shape[-1]
    lesion_px = [np.argwhere(Mtr[i]) for i in range(len(Mtr))]
    t1 = time.time()
    best, best_state = -1, None
    for st in range(steps):
        model.train()
        idx = crng.integers(0, len(Xtr), bs)
        xs, ms = [], []
        for i in idx:   # random 64x64 crops, half of them centred near the lesion
            if len(lesion_px[i]) and crng.random() < 0.5:
                cy, cx = lesion_px[i][crng.integers(0, len(lesion_px[i]))] + crng.integers(-16, 17, 2)
            else:
                cy, cx = crng.integers(0, S, 2)
            oy, ox = int(np.clip(cy - crop // 2, 0, S - crop)), int(np.clip(cx - crop // 2, 0, S - crop))
            x, m = Xtr[i, oy:oy + crop, ox:ox + crop], Mtr[i, oy:oy + crop, ox:ox + crop]
            if crng.random() < 0.5:
                x, m = x[:, ::-1], m[:, ::-1]
            xs.append(x)
            ms.append(m)
        x = torch.from_numpy(np.ascontiguousarray(np.stack(xs)[:, None]))
        m = torch.from_numpy(np.ascontiguousarray(np.stack(ms)[:, None]).astype(np.float32))
        lo = model(x)
        p = torch.sigmoid(lo)
        inter = (p * m).sum()
        dl = 1 - (2 * inter + 1) / (p.sum() + m.sum() + 1)    # batch soft Dice
        loss = F.binary_cross_entropy_with_logits(lo, m) + dl
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if (st + 1) % 150 == 0:
            r = seg_metrics(C.sigmoid(predict(model, Xva)[:, 0]), va["M"], va["K"])
            print(f"  step {st + 1}/{steps} loss {float(loss):.4f} val dice {r['dice_global']:.4f} "
                  f"(MR {r['dice_global_MR']:.3f} CT {r['dice_global_CT']:.3f}) fp {r['fp_images']:.3f} "
                  f"({time.time() - t1:.0f}s)", flush=True)
            if r["dice_global"] >= best:
                best, best_state = r["dice_global"], {k: v.clone() for k, v in model.state_dict().items()}
    t_train = time.time() - t1
    model.load_state_dict(best_state)
    torch.save(model.state_dict(), ckpt_path(mid))
    res = seg_metrics(C.sigmoid(predict(model, Xte)[:, 0]), te["M"], te["K"])
    print("  test", json.dumps({k: (round(v, 4) if isinstance(v, float) else v) for k, v in res.items()}), flush=True)
    d = model_dir(mid)
    x0 = torch.from_numpy(Xte[:1][:, None])
    sha = C.export_onnx(model, x0, os.path.join(d, "model.onnx"), ["mask"])
    with torch.no_grad():
        C.write_golden(d, x0.numpy(), {"mask": model(x0).numpy()})
    desc_obj = {
        "id": mid, "version": "1.0.0", "task": "segmentation", "onnx": "model.onnx", "sha256": sha,
        "benchmarkOnly": False,
        "description": "Focal lesion segmentation on single MR brain or CT abdomen slices (per-pixel "
                       "lesion probability). Trained on synthetic phantoms only; not for diagnosis.",
        "input": spec,
        "routing": {"modalities": ["MR", "CT"], "bodyParts": ["BRAIN", "ABDOMEN"], "formats": ["dicom"]},
        "outputs": {"scores": None, "activation": None, "heatmap": None, "mask": "mask",
                    "maskActivation": "sigmoid", "maskThreshold": 0.5, "image": None,
                    "labels": [{"name": "lesion", "display": "Focal lesion", "snomed": "52988006",
                                "threshold": 0.5, "urgency": "ROUTINE"}]},
        "batching": {"maxBatchSize": 8, "maxQueueDelayMs": 5},
        "evaluation": {"split": f"held-out test, n={sizes[2]} (data seed {split_seed(3, 'test')}; "
                                f"{res['n_pos']} with lesion, {res['n_neg']} without)",
                       "labels": {}, "dice": C.rnd(res["dice_global"]), "psnrBefore": None, "psnrAfter": None},
    }
    C.write_json(os.path.join(d, "model.json"), desc_obj)
    info = dict(t_data=t_data, t_train=t_train, params=nets.n_params(model), sizes=sizes, steps=steps,
                seg=res)
    write_card(mid, desc_obj, info, SEG_CARD)
    return desc_obj, info


# =========================================================================== denoising

def gen_dn(split, n, S=128):
    def fn():
        rng = np.random.default_rng(split_seed(4, split))
        Cl = np.empty((n, S, S), np.float32)
        No = np.empty((n, S, S), np.float32)
        for i in range(n):
            Cl[i], No[i], _ = P.denoise_pair(rng, S)
        return {"clean": Cl, "noisy": No}
    return C.cached(f"dn-{split}-{n}", fn)


def dn_scaled(noisy, clean, spec):
    """Input = descriptor transform of the noisy image; target = clean in the same scaled space."""
    lo = noisy.min(axis=(1, 2), keepdims=True)
    hi = noisy.max(axis=(1, 2), keepdims=True)
    x = C.preprocess(noisy, spec)
    y = (((clean - lo) / (hi - lo)) - spec["mean"][0]) / spec["std"][0]
    return x, y.astype(np.float32), lo, hi


def dn_psnr(model, noisy, clean, spec):
    x, y, lo, hi = dn_scaled(noisy, clean, spec)
    out = predict(model, x)[:, 0]
    back = (out * spec["std"][0] + spec["mean"][0]) * (hi - lo) + lo   # back to the clean [0,1] scale
    before = np.mean([C.psnr(noisy[i], clean[i]) for i in range(len(x))])
    after = np.mean([C.psnr(back[i], clean[i]) for i in range(len(x))])
    return float(before), float(after)


def train_dn():
    mid = "denoise"
    spec = input_spec(None, None, "minmax", [0.0], [1.0])
    sizes, steps, bs, crop, lr = (2000, 200, 400), 400, 32, 64, 2e-3
    t0 = time.time()
    tr, va, te = gen_dn("train", sizes[0]), gen_dn("val", sizes[1]), gen_dn("test", sizes[2])
    t_data = time.time() - t0
    xtr, ytr, _, _ = dn_scaled(tr["noisy"], tr["clean"], spec)
    C.setup_torch(TORCH_SEED)
    model = nets.DnCNNLite()
    gen = torch.Generator().manual_seed(TORCH_SEED)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    Xt, Yt = torch.from_numpy(xtr), torch.from_numpy(ytr)
    S = Xt.shape[-1]
    t1 = time.time()
    for st in range(steps):
        model.train()
        idx = torch.randint(0, len(Xt), (bs,), generator=gen)
        oy = torch.randint(0, S - crop + 1, (bs,), generator=gen)
        ox = torch.randint(0, S - crop + 1, (bs,), generator=gen)
        x = torch.stack([Xt[i, a:a + crop, b:b + crop] for i, a, b in zip(idx, oy, ox)])[:, None]
        y = torch.stack([Yt[i, a:a + crop, b:b + crop] for i, a, b in zip(idx, oy, ox)])[:, None]
        loss = F.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if (st + 1) % 100 == 0:
            b, a = dn_psnr(model, va["noisy"], va["clean"], spec)
            print(f"  step {st + 1}/{steps} loss {float(loss):.5f} val PSNR {b:.2f} -> {a:.2f} dB "
                  f"({time.time() - t1:.0f}s)", flush=True)
    t_train = time.time() - t1
    torch.save(model.state_dict(), ckpt_path(mid))
    before, after = dn_psnr(model, te["noisy"], te["clean"], spec)
    print(f"  test PSNR {before:.2f} -> {after:.2f} dB (gain {after - before:.2f})", flush=True)
    d = model_dir(mid)
    noisy0 = te["noisy"][0, 32:96, 32:96][None]
    x0 = torch.from_numpy(C.preprocess(noisy0, spec)[:, None])
    # ONNX value names are unique, so the output cannot also be called "image" (the input name)
    sha = C.export_onnx(model, x0, os.path.join(d, "model.onnx"), ["denoised"], dynamic_hw=True)
    with torch.no_grad():
        C.write_golden(d, x0.numpy(), {"denoised": model(x0).numpy()})
    desc_obj = {
        "id": mid, "version": "1.0.0", "task": "enhancement", "onnx": "model.onnx", "sha256": sha,
        "benchmarkOnly": False,
        "description": "Residual CNN denoiser for single-channel slices (additive Gaussian noise), fully "
                       "convolutional (any height x width). Output is in the min-max scaled input space. "
                       "Trained on synthetic phantoms only; enhanced images are not for diagnosis.",
        "input": spec,
        "routing": {"modalities": ["MR"], "bodyParts": ["BRAIN", "HEAD"], "formats": ["dicom"]},
        "outputs": {"scores": None, "activation": None, "heatmap": None, "mask": None,
                    "maskActivation": None, "maskThreshold": None, "image": "denoised", "labels": []},
        "batching": {"maxBatchSize": 4, "maxQueueDelayMs": 5},
        "evaluation": {"split": f"held-out test, n={sizes[2]} 128x128 images (data seed {split_seed(4, 'test')})",
                       "labels": {}, "dice": None, "psnrBefore": C.rnd(before, 2), "psnrAfter": C.rnd(after, 2)},
    }
    C.write_json(os.path.join(d, "model.json"), desc_obj)
    info = dict(t_data=t_data, t_train=t_train, params=nets.n_params(model), sizes=sizes, steps=steps)
    write_card(mid, desc_obj, info, DN_CARD)
    return desc_obj, info


# =========================================================================== densenet benchmark

DENSENET_PATTERN = "x[i] = ((i*7919) % 1000) / 1000 - 0.5"


def export_densenet():
    import torchvision
    mid = "densenet121-cxr"
    t0 = time.time()
    C.setup_torch(TORCH_SEED)
    model = torchvision.models.densenet121(weights=None, num_classes=3).eval()
    shape = (1, 3, 224, 224)
    i = np.arange(int(np.prod(shape)), dtype=np.int64)
    x = (((i * 7919) % 1000) / 1000.0 - 0.5).astype(np.float32).reshape(shape)
    d = model_dir(mid)
    x0 = torch.from_numpy(x)
    sha = C.export_onnx(model, x0, os.path.join(d, "model.onnx"), ["logits"])
    with torch.no_grad():
        lo = model(x0).numpy()
    C.write_golden(d, x, {"logits": lo}, input_file=False, pattern=DENSENET_PATTERN)
    labels = [{"name": lab["name"], "display": lab["display"], "snomed": lab["snomed"], "threshold": 0.5,
               "urgency": lab["urgency"]} for lab in CXR_LABELS]
    desc_obj = {
        "id": mid, "version": "1.0.0", "task": "classification", "onnx": "model.onnx", "sha256": sha,
        "benchmarkOnly": True,
        "description": "torchvision DenseNet-121 (num_classes=3) with seeded random weights: a realistic-size "
                       "CNN for throughput benchmarks (CPU vs GPU, batching). UNTRAINED: its scores mean "
                       "nothing and it is never routed clinically.",
        "input": input_spec(224, 224, "minmax", [0.485, 0.456, 0.406], [0.229, 0.224, 0.225], channels=3),
        "routing": {"modalities": [], "bodyParts": [], "formats": []},
        "outputs": {"scores": "logits", "activation": "sigmoid", "heatmap": None, "mask": None,
                    "maskActivation": None, "maskThreshold": None, "image": None, "labels": labels},
        "batching": {"maxBatchSize": 16, "maxQueueDelayMs": 10},
        "evaluation": {"split": "none (untrained benchmark model)", "labels": {}, "dice": None,
                       "psnrBefore": None, "psnrAfter": None},
    }
    C.write_json(os.path.join(d, "model.json"), desc_obj)
    info = dict(t_data=0, t_train=0, t_export=time.time() - t0, params=nets.n_params(model))
    write_card(mid, desc_obj, info, DENSENET_CARD)
    return desc_obj, info


# =========================================================================== model cards

CXR_CARD = """\
## Data
Synthetic PA chest radiograph phantoms from `models/training/phantoms.py::cxr`, generated at
224x224: body outline, lungs with a diaphragm dome, branching pulmonary vessels, end-on vessels
(small nodule mimics), posterior/anterior ribs, clavicles, mediastinum, aortic knob and heart,
smooth exposure variation, correlated noise and a random detector gain/offset. Labels are drawn
independently (each with probability 0.35):
* pneumothorax: the lung retracts from the lateral/apical chest wall; the gap is darker, has no
  lung markings, and a thin visceral pleural line marks the lung edge (collapse 20-50% in radius);
* nodule: 1-2 rounded opacities inside the lung, radius 4-8 px (about 7-14 mm if the 224 px
  field of view is taken as 40 cm), often overlapping ribs or vessels;
* effusion: dependent fluid opacity with a lateral meniscus, filling 10-45% of lung height,
  one side (70%) or both.
Half of the training images are quantised to 8 bits the way an uploaded PNG arrives. The nodule
label (small, the hardest) has 4x weight in both loss terms.
"""

CT_CARD = """\
## Data
Synthetic axial CT head slices in Hounsfield units from `models/training/phantoms.py::ct_head`,
generated at 128x128 (slice positions around the lateral ventricles): air -1000 HU, scalp ~30 HU,
skull 1100-1600 HU cortical with a 450-750 HU diploe, white matter 26-31 HU, grey matter 35-40 HU
(cortical ribbon with gyri, deep grey nuclei), CSF 2-8 HU (sulci, subarachnoid rim, lateral and
third ventricles), falx, normal calcifications (pineal, choroid plexus 40-250 HU: hyperdense
confounders), correlated noise with SD 2.5-5 HU. Hemorrhage (45% of images) is acute blood of one
type: intraparenchymal (38%; 55-85 HU, radius about 2-10 px, optionally with a 16-22 HU oedema
rim), subdural crescent (27%; 50-70 HU, 60-140 degrees of arc, up to 4-8 px thick), epidural lens
(13%; 55-75 HU), intraventricular (11%; 50-75 HU layering in the ventricles), subarachnoid (11%;
50-68 HU in sulci over a sector and in the basal cisterns). Horizontal flips augment training.
The model sees the image through a brain window (center 40 HU, width 80 HU) -> [0, 1]; thin
extra-axial blood next to the (saturated) skull is the hardest case, as the per-type table shows.
"""

SEG_CARD = """\
## Data
Two kinds of synthetic slices, 50/50, generated at 128x128, 85% with a lesion:
* MR brain (`phantoms.py::mr_brain`), T1 post-contrast, T2 or FLAIR-like contrast, arbitrary
  units, coil bias field, Rician noise; the lesion is an irregular tumour-like mass (solid, or
  ring with a necrotic core) with optional peritumoural oedema. The mask is the tumour, not the
  oedema.
* CT abdomen in HU (`phantoms.py::ct_abdomen`), portal venous phase: fat, muscle, liver, spleen,
  kidneys, aorta/IVC, vertebra, bowel gas; a hypodense (80%) or hyperenhancing (20%) liver lesion.
Both are min-max scaled per image, as the descriptor states. Horizontal flips augment training.

## Routing
Modalities MR and CT; body parts BRAIN and ABDOMEN (MR brain tumours, CT liver lesions). CT
HEAD is deliberately not routed here: non-contrast CT head goes to `ct-head-ich`, and an ICH
would be segmented as a "lesion" by a model that never saw one.
"""

DN_CARD = """\
## Data
Clean phantoms from every generator (MR brain 50%, CT head soft-tissue range 25%, chest
radiograph 25%) at 128x128, each min-max scaled to [0, 1], plus additive white Gaussian noise
with SD 0.02-0.12 (PSNR about 18-34 dB). The model is trained on random 64x64 crops and is fully
convolutional; the held-out test runs on whole 128x128 images.

## Input and output
Input: the noisy image min-max scaled to [0, 1] (`mean` 0, `std` 1, so no further
normalisation). Output `denoised` [N,1,H,W] (named by `outputs.image` in the descriptor; ONNX
names must be unique, so it cannot be called `image` like the input): the denoised image in the same scaled space; map it back
to the original units with `v * (max - min) + min` using the input's min and max. PSNR is
measured on the clean image's [0, 1] scale (peak 1).

## Routing
MR BRAIN/HEAD only (an enhanced copy next to the original for low-SNR MR). It is not a
diagnostic model: it has no labels and never raises a finding.
"""

DENSENET_CARD = """\
## What this is
`torchvision.models.densenet121(weights=None, num_classes=3)` with `torch.manual_seed(7)`
initialisation, exported to ONNX. About 7 M parameters, 2.9 GFLOPs per 224x224 image: a
realistic-size workload for benchmarking CPU vs GPU execution and dynamic batching. Training a
DenseNet-121 on two CPU cores is out of budget, so it is **untrained**: its scores are
meaningless. `benchmarkOnly` is true and its routing is empty, so the inference service never
routes a clinical image to it; benchmarks invoke it by id.

## Input
3x224x224; grayscale images are replicated to three channels, min-max scaled, then normalised
with the ImageNet mean/std.

## Golden file
No input file is stored: the input is `x[i] = ((i*7919) % 1000) / 1000 - 0.5` over the flat
index i of the [1,3,224,224] tensor (row-major).
"""


def fmt_time(s):
    return f"{s:.0f} s" if s < 120 else f"{s / 60:.1f} min"


def write_card(mid, desc, info, body):
    lines = [f"# Model card: {mid} v{desc['version']}", ""]
    lines += [f"> **{NOT_FOR_DIAGNOSIS}**", ""]
    lines += ["## Summary", desc["description"], ""]
    lines += ["| field | value |", "| --- | --- |",
              f"| task | {desc['task']} |",
              f"| benchmark only | {str(desc['benchmarkOnly']).lower()} |",
              f"| input | image [N,{desc['input']['channels']},{desc['input']['height'] or 'H'},{desc['input']['width'] or 'W'}], "
              f"scaling {desc['input']['scaling']}"
              + (f" (center {desc['input']['window']['center']}, width {desc['input']['window']['width']})" if desc['input']['window'] else "")
              + f", mean {desc['input']['mean']}, std {desc['input']['std']} |",
              f"| routing | modalities {', '.join(desc['routing']['modalities']) or 'none (never routed)'}; "
              f"body parts {', '.join(desc['routing']['bodyParts']) or '-'}; formats {', '.join(desc['routing']['formats']) or '-'} |",
              f"| parameters | {info['params']:,} |",
              f"| ONNX | `model.onnx`, opset {C.OPSET}, dynamic batch axis, sha256 `{desc['sha256']}` |"]
    outs = desc["outputs"]
    if outs["scores"]:
        lines.append(f"| outputs | `{outs['scores']}` [N,{len(outs['labels'])}] ({outs['activation']})"
                     + (f", `{outs['heatmap']}` [N,{len(outs['labels'])},{info.get('cam_hw', ['h', 'w'])[0]},{info.get('cam_hw', ['h', 'w'])[1]}] class activation map "
                        "(logit = mean over h,w of cam + bias)" if outs["heatmap"] else "") + " |")
    if outs["mask"]:
        lines.append(f"| outputs | `{outs['mask']}` [N,1,128,128] per-pixel logits ({outs['maskActivation']}, threshold {outs['maskThreshold']}) |")
    if outs["image"]:
        lines.append(f"| outputs | `{outs['image']}` [N,1,H,W] denoised image |")
    lines.append("")
    if outs["labels"] and desc["task"] == "classification":
        lines += ["## Labels and thresholds", "| label | SNOMED CT | urgency | threshold (probability) |", "| --- | --- | --- | --- |"]
        for lab in outs["labels"]:
            lines.append(f"| {lab['display']} (`{lab['name']}`) | {lab['snomed']} | {lab['urgency']} | {lab['threshold']} |")
        lines.append("")
        if not desc["benchmarkOnly"]:
            lines += ["Thresholds are chosen on the validation split: URGENT labels take the highest threshold "
                      "that keeps validation sensitivity >= 0.95; ROUTINE labels maximise Youden's J. A label "
                      "is flagged when sigmoid(logit) >= threshold.", ""]
    lines += ["## Intended use",
              "Demonstration of the RadStream streaming pipeline: worklist prioritisation and triage "
              "notification only, not for diagnosis. Every alert must be read by a radiologist; absence "
              "of an alert means nothing. Not a medical device; not validated on patient data.", ""]
    lines += [body]
    ev = desc["evaluation"]
    if not desc["benchmarkOnly"]:
        lines += ["## Evaluation (held-out test split)", f"Split: {ev['split']}.", ""]
        if ev["labels"]:
            lines += ["| label | AUROC | sensitivity | specificity |", "| --- | --- | --- | --- |"]
            for k, v in ev["labels"].items():
                lines.append(f"| {k} | {v['auroc']:.4f} | {v['sensitivity']:.4f} | {v['specificity']:.4f} |")
            lines.append("")
        if info.get("extra"):
            lines += ["Sensitivity at the threshold by hemorrhage type (test split):", "",
                      "| type | n | sensitivity |", "| --- | --- | --- |"]
            for k, (n, s) in info["extra"].items():
                lines.append(f"| {k} | {n} | {s:.3f} |")
            lines.append("")
        if ev["dice"] is not None:
            s = info["seg"]
            lines += [f"* Dice (all lesion-positive test pixels pooled, threshold 0.5): **{s['dice_global']:.4f}** "
                      f"(MR {s['dice_global_MR']:.4f}, CT {s['dice_global_CT']:.4f})",
                      f"* mean per-case Dice over {s['n_pos']} lesion-positive cases: {s['dice_mean_case']:.4f}",
                      f"* lesion-free test images with a predicted area >= 10 px: {100 * s['fp_images']:.1f}% of {s['n_neg']}", ""]
        if ev["psnrBefore"] is not None:
            lines += [f"* PSNR noisy vs clean: {ev['psnrBefore']:.2f} dB; denoised vs clean: **{ev['psnrAfter']:.2f} dB** "
                      f"(gain {ev['psnrAfter'] - ev['psnrBefore']:.2f} dB), mean over the test images.", ""]
        lines += ["Targets: AUROC >= 0.98 per label (classifiers), Dice >= 0.85 (segmentation), PSNR gain >= 6 dB "
                  "(denoising). Meeting them on phantoms is a plumbing check, not evidence of clinical performance.", ""]
        lines += ["## Training",
                  f"* data seeds: train {split_seed(MODEL_OFF[mid], 'train')}, validation {split_seed(MODEL_OFF[mid], 'val')}, "
                  f"test {split_seed(MODEL_OFF[mid], 'test')} (numpy default_rng); torch seed {TORCH_SEED}; deterministic algorithms on",
                  f"* split sizes train/val/test: {info['sizes'][0]}/{info['sizes'][1]}/{info['sizes'][2]}",
                  *(["* loss: binary cross-entropy on the logits + 0.5 x binary cross-entropy of a training-only 1x1 head "
                     "that predicts the coarse ground-truth finding masks (area fraction per 16x16 cell) from the same "
                     "features; this auxiliary localisation loss speeds up learning of small findings and is not exported",
                     f"* the CAM head (1x1 weights and bias) trains with a {HEAD_LR_MULT}x higher learning rate: the logit is the mean "
                     "of the CAM over all cells, so a small finding needs large CAM weights"]
                    if desc["task"] == "classification" else []),
                  (f"* {info['epochs']} epochs, AdamW + one-cycle LR, batch 32; the epoch with the best validation metric is kept"
                   if "epochs" in info else
                   f"* {info['steps']} AdamW steps on random 64x64 crops (half centred near a lesion, random horizontal flips), "
                   "batch 32, one-cycle LR, loss BCE + soft Dice; the checkpoint (every 150 steps) with the best validation Dice is kept"
                   if desc["task"] == "segmentation" else
                   f"* {info['steps']} Adam steps on random 64x64 crops, batch 32, one-cycle LR, MSE loss"),
                  f"* hardware: CPU, {torch.get_num_threads()} threads; data generation {fmt_time(info['t_data'])}, training {fmt_time(info['t_train'])}",
                  f"* PyTorch {torch.__version__}, numpy {np.__version__}; trained {datetime.date.today().isoformat()}", ""]
    lines += ["## Limitations",
              "* Synthetic phantoms only (see `models/training/README.md`): no real anatomy, pathology spectrum, "
              "devices, positioning errors, artefacts, scanners or patient populations. Performance on real images is unknown "
              "and should be assumed poor.",
              "* Single image at a time; no prior studies, no clinical context, no 3-D context.",
              "* Heatmaps/masks show where the network's evidence is, not a lesion boundary of record.", ""]
    lines += ["## Reproduce", "```", REPRO.format(id=mid), "```",
              "This regenerates the data with the seeds above, retrains, re-exports the ONNX file and rewrites "
              "`model.json` (sha256 included), the golden files and this card. Golden outputs are produced with PyTorch "
              "(Debian has no onnxruntime Python package); the ONNX graph is checked with `onnx.checker`.", ""]
    with open(os.path.join(model_dir(mid), "MODEL_CARD.md"), "w") as f:
        f.write("\n".join(lines))


MODEL_OFF = {"cxr-triage": 1, "ct-head-ich": 2, "lesion-seg": 3, "denoise": 4}
TRAINERS = {"cxr-triage": train_cxr, "ct-head-ich": train_ct, "lesion-seg": train_seg, "denoise": train_dn,
            "densenet121-cxr": export_densenet}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model", nargs="?", default="all", choices=["all"] + list(TRAINERS))
    a = ap.parse_args()
    todo = list(TRAINERS) if a.model == "all" else [a.model]
    summary = {}
    for mid in todo:
        print(f"== {mid}", flush=True)
        t = time.time()
        _, info = TRAINERS[mid]()
        summary[mid] = time.time() - t
        print(f"== {mid} done in {summary[mid]:.0f}s (data {info['t_data']:.0f}s, train {info['t_train']:.0f}s)", flush=True)
    print(json.dumps({k: round(v) for k, v in summary.items()}))


if __name__ == "__main__":
    main()
