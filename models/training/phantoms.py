"""Synthetic imaging phantoms with per-pixel ground truth and physical units.

Everything here is drawn from numpy random generators that the caller seeds, so the same
seed always gives the same image. Coordinates are normalised to [-1, 1] across the field of
view, so every generator works at any matrix size S (the training code generates directly at
the model's input size; the demo samples use other sizes to exercise resizing).

Generators (all return float32 arrays, row 0 = top of the image):

* ``cxr``       chest radiograph, arbitrary detector units (high = bright = more attenuation),
                labels pneumothorax / nodule / pleural effusion, independent.
* ``ct_head``   axial CT head slice in Hounsfield units, optional intracranial haemorrhage
                (intraparenchymal, subdural, epidural, intraventricular, subarachnoid).
* ``mr_brain``  axial MR brain slice (T1 post-contrast, T2 or FLAIR-like), arbitrary units,
                optional tumour-like lesion + binary mask.
* ``ct_abdomen`` axial CT abdomen slice in HU with an optional liver lesion + binary mask.
* ``denoise_pair`` clean image in [0,1] and a noisy copy.

See README.md in this folder for what is and is not modelled.
"""
import numpy as np

# --------------------------------------------------------------------------- helpers


def grid(S):
    c = (np.arange(S, dtype=np.float32) + 0.5) / S * 2.0 - 1.0
    Y, X = np.meshgrid(c, c, indexing="ij")
    return Y, X


def affine(Y, X, rng, rot_deg, scale, shift):
    """Random similarity transform: returns anatomy coordinates for every pixel."""
    th = np.deg2rad(rng.uniform(-rot_deg, rot_deg))
    s = rng.uniform(*scale)
    dx, dy = rng.uniform(-shift, shift, size=2)
    Xs, Ys = (X - dx) / s, (Y - dy) / s
    c, n = np.cos(th), np.sin(th)
    return (-n * Xs + c * Ys).astype(np.float32), (c * Xs + n * Ys).astype(np.float32)


def soft(d, w):
    """Smooth step: ~1 where d > 0, ~0 where d < 0, edge width w (anti-aliasing)."""
    return (1.0 / (1.0 + np.exp(-np.clip(d / w, -30, 30)))).astype(np.float32)


def ellipse_r(Y, X, cy, cx, b, a, th=0.0):
    """Normalised elliptic radius (1 on the boundary)."""
    x, y = X - cx, Y - cy
    if th:
        c, s = np.cos(th), np.sin(th)
        x, y = c * x + s * y, -s * x + c * y
    return np.sqrt((x / a) ** 2 + (y / b) ** 2)


def blob(Y, X, rng, cy, cx, r0, px, harmonics=4, amp=0.18):
    """Irregular blob: soft mask of a radius r(theta) with random harmonics."""
    dx, dy = X - cx, Y - cy
    th = np.arctan2(dy, dx)
    r = np.full_like(X, r0)
    for k in range(2, 2 + harmonics):
        r = r + r0 * rng.uniform(0, amp / (k - 1)) * np.cos(k * th + rng.uniform(0, 2 * np.pi))
    d = r - np.sqrt(dx * dx + dy * dy)
    return soft(d, px)


def gblur(img, sigma_px):
    if sigma_px <= 0:
        return img
    H, W = img.shape
    fy = np.fft.fftfreq(H)[:, None]
    fx = np.fft.rfftfreq(W)[None, :]
    k = np.exp(-2 * (np.pi ** 2) * (sigma_px ** 2) * (fy ** 2 + fx ** 2))
    return np.fft.irfft2(np.fft.rfft2(img) * k, s=img.shape).astype(np.float32)


def lowfreq(rng, S, cells=4):
    """Smooth random field in about [-1, 1] (bias fields, exposure variation)."""
    g = rng.uniform(-1, 1, size=(cells + 1, cells + 1))
    t = np.linspace(0, cells, S)
    i0 = np.clip(np.floor(t).astype(int), 0, cells - 1)
    f = (t - i0)[:, None]
    rows = g[i0] * (1 - f) + g[i0 + 1] * f  # S x (cells+1)
    j0 = i0
    fj = (t - j0)[None, :]
    out = rows[:, j0] * (1 - fj) + rows[:, j0 + 1] * fj
    return out.astype(np.float32)


def corr_noise(rng, S, sigma, corr_px):
    n = rng.standard_normal((S, S)).astype(np.float32)
    if corr_px > 0:
        n = gblur(n, corr_px)
        n /= max(float(n.std()), 1e-6)
    return n * sigma


def splat(S, xs, ys, ws):
    img = np.zeros((S, S), np.float32)
    j = np.floor((xs + 1) / 2 * S).astype(int)
    i = np.floor((ys + 1) / 2 * S).astype(int)
    ok = (i >= 0) & (i < S) & (j >= 0) & (j < S)
    np.add.at(img, (i[ok], j[ok]), ws[ok])
    return img


# --------------------------------------------------------------------------- chest X-ray

CXR_LABELS = ("pneumothorax", "nodule", "effusion")


def _vessels(rng, S, hx, hy, lateral):
    """Branching pulmonary vessels from a hilum, as splatted points (x, y, weight)."""
    xs, ys, ws = [], [], []
    stack = []
    for _ in range(rng.integers(9, 14)):
        ang = np.deg2rad(rng.uniform(-115, 115))  # 0 = lateral
        stack.append((hx + rng.normal(0, 0.02), hy + rng.normal(0, 0.03), ang,
                      rng.uniform(0.35, 0.75), 1.0, 0))
    while stack:
        x, y, ang, length, w, depth = stack.pop()
        n = max(int(length / 0.008), 2)
        angs = ang + np.cumsum(rng.normal(0, 0.07, n))
        px_ = x + np.cumsum(0.008 * np.cos(angs) * lateral)
        py_ = y + np.cumsum(0.008 * np.sin(angs))
        t = np.arange(n) / n
        wt = w * (1 - 0.8 * t)
        xs.append(px_); ys.append(py_); ws.append(wt)
        if depth < 2:
            for k in np.nonzero(rng.random(n) < 0.025)[0]:
                stack.append((px_[k], py_[k], angs[k] + rng.choice([-1, 1]) * rng.uniform(0.3, 0.7),
                              length * (1 - t[k]) * rng.uniform(0.5, 0.9), wt[k] * 0.7, depth + 1))
    return (np.concatenate(xs).astype(np.float32), np.concatenate(ys).astype(np.float32),
            np.concatenate(ws).astype(np.float32))


def cxr(rng, S=224, pneumothorax=False, nodule=False, effusion=False, noise=True):
    """PA chest radiograph phantom. Returns (raw float32 image, dict of per-pixel masks)."""
    px = 2.0 / S
    Y0, X0 = grid(S)
    Y, X = affine(Y0, X0, rng, 5, (0.9, 1.05), 0.05)

    body = soft(1 - ellipse_r(Y, X, 0.15, 0, 1.25, 0.97), 0.02)
    tissue = 0.40 + 0.07 * Y + 0.02 * lowfreq(rng, S, 3)
    img = 0.05 + (tissue - 0.05) * body

    lungs = []
    for side in (-1, 1):  # -1 = image left (patient right)
        cx = side * rng.uniform(0.36, 0.42)
        cy = rng.uniform(-0.12, -0.04)
        a, b = rng.uniform(0.26, 0.31), rng.uniform(0.55, 0.62)
        d0 = cy + b * rng.uniform(0.62, 0.75)
        dome = d0 + 0.28 * ((X - cx) / a) ** 2
        r = ellipse_r(Y, X, cy, cx, b, a)
        L = soft(1 - r, 0.015) * soft(dome - Y, 0.01) * soft(side * X - 0.1, 0.01)
        lungs.append(dict(side=side, cx=cx, cy=cy, a=a, b=b, L=L, d0=d0))

    # pulmonary markings
    V = np.zeros((S, S), np.float32)
    for lg in lungs:
        xs, ys, ws = _vessels(rng, S, lg["side"] * 0.14, lg["cy"] + 0.08, lg["side"])
        V += splat(S, xs, ys, ws)
    V = gblur(V, 0.9 * S / 224) * (S / 224.0) * 0.16
    # end-on vessels (nodule mimics, small)
    for _ in range(rng.integers(3, 9)):
        lg = lungs[rng.integers(0, 2)]
        cy = lg["cy"] + rng.uniform(-0.5, 0.5) * lg["b"]
        cx = lg["cx"] + rng.uniform(-0.5, 0.5) * lg["a"]
        rr = rng.uniform(0.6, 1.6) * px
        d = np.sqrt((X - cx) ** 2 + (Y - cy) ** 2)
        V += 0.06 * np.clip(1 - (d / rr) ** 2, 0, None)
    V = np.clip(V, 0, 0.12)

    lungval = 0.15 + 0.02 * lowfreq(rng, S, 3) + V
    masks = {k: np.zeros((S, S), np.float32) for k in CXR_LABELS}
    extra = np.zeros((S, S), np.float32)

    if pneumothorax:
        lg = lungs[rng.integers(0, 2)]
        s = rng.uniform(0.5, 0.8)
        cxc = lg["cx"] - lg["side"] * (1 - s) * lg["a"] * 0.9
        cyc = lg["cy"] + (1 - s) * lg["b"] * 0.55
        rc = ellipse_r(Y, X, cyc, cxc, s * lg["b"], s * lg["a"])
        P = lg["L"] * soft(rc - 1, 0.01)
        lungval = lungval * (1 - P) + (0.09 + 0.01 * lowfreq(rng, S, 2)) * P
        line = np.exp(-(((rc - 1) * s * lg["a"]) / (0.7 * px)) ** 2) * lg["L"]
        extra += rng.uniform(0.05, 0.08) * line
        masks["pneumothorax"] = P

    if effusion:
        sides = [rng.integers(0, 2)] if rng.random() < 0.7 else [0, 1]
        F = np.zeros((S, S), np.float32)
        for si in sides:
            lg = lungs[si]
            t = (X - lg["cx"]) / lg["a"] * lg["side"]
            lvl = lg["d0"] - rng.uniform(0.10, 0.45)
            yb = lvl - rng.uniform(0.04, 0.12) * ((t + 1) / 2) ** 2
            F = np.maximum(F, lg["L"] * soft(Y - yb, 0.012))
        fluid = 0.38 + 0.06 * np.clip(Y, 0, 1)
        lungval = lungval * (1 - F) + fluid * F
        masks["effusion"] = F

    Lall = np.clip(lungs[0]["L"] + lungs[1]["L"], 0, 1)
    img = img * (1 - Lall) + lungval * Lall + extra

    # mediastinum / spine, aortic knob, heart (projected in front of the lungs)
    med = soft(0.11 - np.abs(X - 0.01), 0.02) * soft(Y + 0.95, 0.02) * body
    img = img * (1 - med) + 0.55 * med
    knob = soft(1 - ellipse_r(Y, X, -0.28, 0.13, 0.07, 0.08), 0.03)
    img = np.maximum(img, 0.52 * knob * body)
    hb = rng.uniform(0.22, 0.28)
    H = soft(1 - ellipse_r(Y, X, 0.3, 0.08, hb, rng.uniform(0.27, 0.34), np.deg2rad(-20)), 0.02)
    img = img * (1 - H) + (0.52 + 0.03 * Y) * H

    if nodule:
        n = 1 if rng.random() < 0.75 else 2
        N = np.zeros((S, S), np.float32)
        for _ in range(n):
            lg = lungs[rng.integers(0, 2)]
            ok = np.argwhere((lg["L"] > 0.95) & (H < 0.05))
            iy, ix = ok[rng.integers(0, len(ok))]
            cy, cx = Y[iy, ix], X[iy, ix]
            rr = rng.uniform(4.0, 8.0) * px
            d = np.sqrt((X - cx) ** 2 + (Y - cy) ** 2)
            prof = np.sqrt(np.clip(1 - (d / rr) ** 2, 0, None))
            img += rng.uniform(0.16, 0.24) * prof
            N = np.maximum(N, (d < rr).astype(np.float32))
        masks["nodule"] = N

    # ribs (posterior: from spine laterally and down; anterior: fainter, descending medially)
    ribs = np.zeros((S, S), np.float32)
    u = np.abs(X)
    rib_u = soft(u - 0.07, 0.01) * soft(0.92 - u, 0.03)
    rib_a = soft(u - 0.22, 0.03) * soft(0.9 - u, 0.03)
    for i in range(10):
        y0 = -0.78 + i * 0.135 + rng.normal(0, 0.01)
        yc = y0 + 0.05 * u + 0.28 * u * u
        hw = 0.026 + 0.002 * i
        t2 = ((Y - yc) / hw) ** 2
        ribs += 0.065 * np.exp(-(t2 * t2 * t2)) * rib_u
    for i in range(6):
        y0 = -0.55 + i * 0.14
        yc = y0 + 0.32 * (0.9 - u)
        t2 = ((Y - yc) / 0.03) ** 2
        ribs += 0.025 * np.exp(-(t2 * t2)) * rib_a
    t2 = ((Y - (-0.6 + 0.25 * (u - 0.35) ** 2)) / 0.03) ** 2
    clav = np.exp(-(t2 * t2)) * soft(0.75 - u, 0.02) * soft(u - 0.05, 0.02)
    img += (ribs + 0.08 * clav) * body

    if noise:
        img = img + 0.025 * lowfreq(rng, S, 2) + corr_noise(rng, S, rng.uniform(0.010, 0.022), 0.5 * S / 224)
    gain = rng.uniform(800, 3000)
    raw = (img * gain + rng.uniform(0, 400)).astype(np.float32)
    return raw, masks


# --------------------------------------------------------------------------- head anatomy

def head_anatomy(rng, S, z=0.0):
    """Geometry shared by CT and MR head phantoms: soft masks in anatomy coordinates.

    z in [-1, 1] moves the slice away from the level of the lateral ventricles (0); calling
    with the same seed and different z gives consistent slices of one head."""
    px = 2.0 / S
    Y0, X0 = grid(S)
    Y, X = affine(Y0, X0, rng, 12, (0.9, 1.04), 0.05)
    zf = np.sqrt(1 - 0.3 * z * z)
    a, b = rng.uniform(0.66, 0.74) * zf, rng.uniform(0.82, 0.9) * zf
    th = np.arctan2(Y / b, X / a)
    wob = 1 + 0.015 * np.cos(2 * th + rng.uniform(0, 6.3)) + 0.01 * np.cos(3 * th + rng.uniform(0, 6.3))
    rho = ellipse_r(Y, X, 0, 0, b, a) / wob
    scalp_t = rng.uniform(0.04, 0.06)
    skull_t = rng.uniform(0.05, 0.08)
    mean_r = 0.5 * (a + b)
    # rho normalised radius: head outline at 1, skull outer at 1 - scalp, inner at 1 - scalp - skull
    r_sk_out = 1 - scalp_t / mean_r
    r_sk_in = r_sk_out - skull_t / mean_r
    w = 0.6 * px / mean_r
    head = soft(1 - rho, w)
    inner = soft(r_sk_in - rho, w)          # intracranial
    skull = soft(r_sk_out - rho, w) - inner
    scalp = head - skull - inner
    diploe = np.exp(-((rho - 0.5 * (r_sk_in + r_sk_out)) / (0.2 * (r_sk_out - r_sk_in))) ** 2) * skull
    depth = (r_sk_in - rho) * mean_r          # distance inside the inner table (approx)

    # subarachnoid CSF rim, cortex with gyri, sulci
    atrophy = rng.uniform(0.004, 0.02)
    rim = inner * soft(atrophy - depth, 0.4 * px)
    nsul = rng.integers(14, 22)
    ph = rng.uniform(0, 2 * np.pi)
    gyr = np.cos(nsul * th + ph + 0.6 * np.sin(3 * th + ph))
    cortex_w = rng.uniform(0.04, 0.06)
    gm = inner * soft(cortex_w * (1 + 0.35 * gyr) - depth, px)
    sulci = inner * soft(gyr - 0.86, 0.03) * soft(cortex_w * 1.1 - depth, px)
    # ventricles
    vw, vh = rng.uniform(0.035, 0.08) * (1 - 0.5 * abs(z)), rng.uniform(0.14, 0.24) * (1 - 0.5 * abs(z))
    vy = rng.uniform(-0.12, 0.0)
    vent = np.zeros_like(X)
    for sd in (-1, 1):
        vent = np.maximum(vent, soft(1 - ellipse_r(Y, X, vy, sd * (vw + 0.025), vh, vw, sd * np.deg2rad(12)), 0.05))
    vent = np.maximum(vent, soft(1 - ellipse_r(Y, X, vy + vh + 0.06, 0, 0.05, 0.012), 0.1))
    vent *= inner
    deep = inner * np.maximum.reduce([soft(1 - ellipse_r(Y, X, vy + 0.15, sd * 0.17, 0.12, 0.07), 0.1) for sd in (-1, 1)])
    falx = inner * np.exp(-(X / (0.7 * px)) ** 2) * soft(np.abs(Y - vy) - vh * 0.9, 0.02)
    return dict(X=X, Y=Y, px=px, th=np.arctan2(Y, X), rho=rho, depth=depth, head=head, inner=inner,
                skull=skull, scalp=scalp, diploe=diploe, rim=rim, gm=gm, sulci=sulci, vent=vent,
                deep=deep, falx=falx, vy=vy, vh=vh, vw=vw, a=a, b=b, r_sk_in=r_sk_in, mean_r=mean_r)


def _brain_point(rng, A, rmax=0.62):
    for _ in range(100):
        cy, cx = rng.uniform(-0.75, 0.75, size=2) * np.array([A["b"], A["a"]])
        if ellipse_r(np.float32(cy), np.float32(cx), 0, 0, A["b"], A["a"]) < rmax:
            return cy, cx
    return 0.2, 0.2


def _arc(A, rng, span_deg, profile, tmax):
    """Extra-axial collection hugging the inner table over an angular span."""
    th0 = rng.uniform(-np.pi, np.pi)
    half = np.deg2rad(span_deg) / 2
    dth = np.angle(np.exp(1j * (A["th"] - th0)))
    u = np.clip(np.abs(dth) / half, 0, 1)
    if profile == "crescent":
        t = tmax * np.cos(u * np.pi / 2)
    else:  # lens
        t = tmax * np.sqrt(np.clip(1 - u * u, 0, None))
    t = np.where(np.abs(dth) < half, t, -1.0)
    return A["inner"] * soft(t - A["depth"], 0.5 * A["px"])


ICH_TYPES = ("intraparenchymal", "subdural", "epidural", "intraventricular", "subarachnoid")


def ct_head(rng, S=128, hemorrhage=False, noise=True, kind=None, z=0.0, noise_rng=None):
    """Axial CT head in HU. Returns (hu float32, haemorrhage mask float32, type or None).

    z: slice position (see head_anatomy); noise_rng: separate generator for the noise so that
    several slices of one phantom (same rng seed) get independent noise."""
    A = head_anatomy(rng, S, z)
    zr = np.sqrt(max(0.0, 1 - (z / 0.8) ** 2))
    X, Y, px = A["X"], A["Y"], A["px"]
    wm, gmv, csf = rng.uniform(26, 31), rng.uniform(35, 40), rng.uniform(2, 8)
    cort, dip = rng.uniform(1100, 1600), rng.uniform(450, 750)
    hu = -1000.0 * (1 - A["head"]) + 30.0 * A["scalp"] + cort * A["skull"] + (dip - cort) * A["diploe"]
    brain = wm + (gmv - wm) * np.clip(A["gm"] + A["deep"], 0, 1)
    brain = brain + (csf - brain) * np.clip(A["rim"] + A["sulci"], 0, 1)
    brain = brain + (csf - brain) * A["vent"] + 12 * A["falx"]
    brain = brain + 2.0 * lowfreq(rng, S, 4)
    hmask = np.zeros((S, S), np.float32)
    htype = None
    if hemorrhage:
        htype = kind or ICH_TYPES[rng.choice(5, p=[0.38, 0.27, 0.13, 0.11, 0.11])]
        hv = rng.uniform(55, 85)
        if htype == "intraparenchymal":
            cy, cx = _brain_point(rng, A)
            r0 = rng.uniform(0.035, 0.16) * max(zr, 0.05)
            if rng.random() < 0.6:
                ed = blob(Y, X, rng, cy, cx, r0 * rng.uniform(1.3, 1.8), px)
                brain = brain + (rng.uniform(16, 22) - brain) * ed * A["inner"]
            hmask = blob(Y, X, rng, cy, cx, r0, 0.6 * px) * A["inner"]
        elif htype == "subdural":
            hmask = _arc(A, rng, rng.uniform(60, 140), "crescent", rng.uniform(0.06, 0.12))
            hv = rng.uniform(50, 70)
        elif htype == "epidural":
            hmask = _arc(A, rng, rng.uniform(35, 65), "lens", rng.uniform(0.07, 0.13))
            hv = rng.uniform(55, 75)
        elif htype == "intraventricular":
            lvl = A["vy"] + rng.uniform(-0.4, 0.5) * A["vh"]
            hmask = A["vent"] * soft(Y - lvl, px)
            hv = rng.uniform(50, 75)
        else:  # subarachnoid: blood in sulci over a sector + cisterns
            th0 = rng.uniform(-np.pi, np.pi)
            sector = soft(np.cos(A["th"] - th0) - np.cos(np.deg2rad(rng.uniform(40, 90))), 0.05)
            hmask = np.clip(A["sulci"] + A["rim"], 0, 1) * sector
            hmask = np.maximum(hmask, A["inner"] * soft(1 - ellipse_r(Y, X, A["vy"] + A["vh"] + 0.18, 0, 0.05, 0.12), 0.1))
            hv = rng.uniform(50, 68)
        brain = brain + (hv + rng.normal(0, 2) - brain) * hmask
    hu = hu + brain * A["inner"]
    # calcifications (normal, confounders): pineal, choroid plexus
    if rng.random() < 0.6:
        d = np.sqrt((X) ** 2 + (Y - (A["vy"] + A["vh"] + 0.13)) ** 2)
        hu = hu + rng.uniform(60, 250) * np.exp(-(d / (rng.uniform(0.8, 1.6) * px)) ** 2)
    if rng.random() < 0.5:
        for sd in (-1, 1):
            d = np.sqrt((X - sd * (A["vw"] + 0.03)) ** 2 + (Y - (A["vy"] + 0.6 * A["vh"])) ** 2)
            hu = hu + rng.uniform(40, 200) * np.exp(-(d / (rng.uniform(0.8, 1.5) * px)) ** 2)
    if noise:
        nr = noise_rng if noise_rng is not None else rng
        hu = hu + corr_noise(nr, S, rng.uniform(2.5, 5.0), 0.7) * (A["head"] * 0.8 + 0.2)
    return hu.astype(np.float32), hmask.astype(np.float32), htype


# --------------------------------------------------------------------------- MR brain lesion

MR_CONTRASTS = {
    #        wm    gm    csf   fat   bone  marrow  rim   core  edema  solid
    "T1C":   (0.72, 0.55, 0.14, 0.92, 0.04, 0.55, 0.97, 0.22, 0.46, 0.85),
    "T2":    (0.35, 0.50, 0.95, 0.65, 0.04, 0.40, 0.78, 0.90, 0.62, 0.74),
    "FLAIR": (0.42, 0.55, 0.07, 0.70, 0.04, 0.40, 0.88, 0.70, 0.68, 0.88),
}


def mr_brain(rng, S=128, lesion=True, noise=True, contrast=None):
    """Axial MR brain. Returns (image float32 arbitrary units, lesion mask float32)."""
    A = head_anatomy(rng, S)
    X, Y, px = A["X"], A["Y"], A["px"]
    cname = contrast or ("T1C", "T2", "FLAIR")[rng.integers(0, 3)]
    wm, gm, csf, fat, bone, marrow, rim_v, core_v, edema_v, solid_v = [
        v * rng.uniform(0.94, 1.06) for v in MR_CONTRASTS[cname]]
    img = fat * A["scalp"] + bone * A["skull"] + (marrow - bone) * A["diploe"]
    brain = wm + (gm - wm) * np.clip(A["gm"] + A["deep"], 0, 1)
    brain = brain + (csf - brain) * np.clip(A["rim"] + A["sulci"] + A["vent"], 0, 1)
    mask = np.zeros((S, S), np.float32)
    if lesion:
        cy, cx = _brain_point(rng, A, 0.6)
        r0 = rng.uniform(0.06, 0.2)
        if rng.random() < 0.7:
            ed = blob(Y, X, rng, cy, cx, r0 * rng.uniform(1.3, 1.9), 1.5 * px)
            brain = brain + (edema_v - brain) * ed
        m = blob(Y, X, rng, cy, cx, r0, 0.5 * px)
        if rng.random() < 0.6:   # necrotic core with enhancing / hyperintense rim
            core = blob(Y, X, rng, cy, cx, r0 * rng.uniform(0.4, 0.7), px)
            les = rim_v + (core_v - rim_v) * core
        else:
            les = solid_v + 0.05 * lowfreq(rng, S, 6)
        brain = brain + (les - brain) * m
        mask = (m > 0.5).astype(np.float32)
    img = img + brain * A["inner"]
    img = img * (1 + 0.18 * lowfreq(rng, S, 2))  # coil bias field
    img = img * rng.uniform(300, 3000)
    if noise:
        sig = rng.uniform(0.012, 0.04) * float(img.max())
        n1, n2 = rng.standard_normal((2, S, S)).astype(np.float32) * sig
        img = np.sqrt((img + n1) ** 2 + n2 ** 2)  # Rician magnitude noise
    return img.astype(np.float32), mask


# --------------------------------------------------------------------------- CT abdomen lesion

def ct_abdomen(rng, S=128, lesion=True, noise=True):
    """Axial CT abdomen (portal venous phase) in HU. Returns (hu, liver-lesion mask)."""
    px = 2.0 / S
    Y0, X0 = grid(S)
    Y, X = affine(Y0, X0, rng, 6, (0.9, 1.05), 0.05)
    a, b = rng.uniform(0.8, 0.9), rng.uniform(0.55, 0.66)
    body_r = ellipse_r(Y, X, 0.05, 0, b, a)
    body = soft(1 - body_r, px / a)
    fat_t = rng.uniform(0.03, 0.1)
    inner = soft(1 - fat_t / b - body_r, px / a)
    muscle = soft(1 - (fat_t + 0.03) / b - body_r, px / a)
    hu = -1000 + 900 * body                         # subcutaneous fat ~ -100
    hu = hu + 150 * inner                            # muscle wall ~ 50
    organs = muscle
    soft_t = 10 + 25 * lowfreq(rng, S, 6)             # bowel / mesentery mix
    hu = hu + (soft_t - 50) * organs
    # bowel gas pockets
    for _ in range(rng.integers(2, 7)):
        cy, cx = rng.uniform(-0.35, 0.2), rng.uniform(-0.1, 0.7)
        g = soft(1 - ellipse_r(Y, X, cy, cx, rng.uniform(0.02, 0.07), rng.uniform(0.02, 0.09)), 0.05) * organs
        hu = hu + (-950 - hu) * g
    liver_v = rng.uniform(95, 120)
    liver = soft(1 - ellipse_r(Y, X, -0.05, -0.4, rng.uniform(0.33, 0.42), rng.uniform(0.36, 0.44), np.deg2rad(-15)), 0.03) * organs
    liver *= soft(0.05 - X, 0.05)
    hu = hu + (liver_v + 3 * lowfreq(rng, S, 4) - hu) * liver
    spleen = soft(1 - ellipse_r(Y, X, 0.12, 0.55, 0.16, 0.12, np.deg2rad(30)), 0.05) * organs
    hu = hu + (rng.uniform(100, 125) - hu) * spleen
    for sd in (-1, 1):
        k = soft(1 - ellipse_r(Y, X, 0.3, sd * 0.3, 0.11, 0.07, sd * np.deg2rad(20)), 0.05) * organs
        hu = hu + (rng.uniform(140, 190) - hu) * k
    for cy, cx, r, v in ((0.17, 0.07, 0.04, rng.uniform(140, 190)), (0.16, -0.07, 0.045, rng.uniform(110, 150))):
        v_m = soft(1 - ellipse_r(Y, X, cy, cx, r, r), 0.1) * organs
        hu = hu + (v - hu) * v_m
    vb_r = ellipse_r(Y, X, 0.38, 0, 0.12, 0.11)
    vb = soft(1 - vb_r, 0.05)
    cortex = soft(1 - vb_r, 0.05) - soft(0.85 - vb_r, 0.05)
    hu = hu + (rng.uniform(180, 280) - hu) * vb + rng.uniform(400, 700) * cortex
    post = soft(1 - ellipse_r(Y, X, 0.58, 0, 0.07, 0.05), 0.1)
    hu = hu + (rng.uniform(300, 500) - hu) * post
    mask = np.zeros((S, S), np.float32)
    if lesion:
        for _ in range(100):
            cy = -0.05 + rng.uniform(-0.6, 0.6) * 0.35
            cx = -0.4 + rng.uniform(-0.6, 0.6) * 0.38
            iy, ix = int((cy + 1) / 2 * S), int((cx + 1) / 2 * S)
            if liver[iy, ix] > 0.95:
                break
        r0 = rng.uniform(0.06, 0.16)
        m = blob(Y, X, rng, cy, cx, r0, 0.5 * px) * (liver > 0.5)
        if rng.random() < 0.8:
            lv = liver_v - rng.uniform(40, 90)   # hypodense (metastasis / cyst)
        else:
            lv = liver_v + rng.uniform(45, 80)   # hyperenhancing
        hu = hu + (lv - hu) * m
        mask = (m > 0.5).astype(np.float32)
    if noise:
        hu = hu + corr_noise(rng, S, rng.uniform(6, 12), 0.7)
    return hu.astype(np.float32), mask


# --------------------------------------------------------------------------- denoising pairs

def to01(img):
    lo, hi = float(img.min()), float(img.max())
    return ((img - lo) / max(hi - lo, 1e-6)).astype(np.float32)


def denoise_pair(rng, S=128):
    """Clean phantom scaled to [0,1] (any of the generators) and an additive-Gaussian noisy copy."""
    k = rng.integers(0, 4)
    if k == 0:
        clean, _ = mr_brain(rng, S, lesion=rng.random() < 0.6, noise=False)
    elif k == 1:
        clean, _ = mr_brain(rng, S, lesion=rng.random() < 0.6, noise=False)
    elif k == 2:
        clean, _, _ = ct_head(rng, S, hemorrhage=rng.random() < 0.3, noise=False)
        clean = np.clip(clean, -100, 200)   # soft-tissue window, otherwise bone/air dominate
    else:
        clean, _ = cxr(rng, S, noise=False)
    clean = to01(clean)
    sigma = rng.uniform(0.02, 0.12)
    noisy = clean + rng.standard_normal(clean.shape).astype(np.float32) * sigma
    return clean, noisy.astype(np.float32), sigma
