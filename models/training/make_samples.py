"""Demo studies under samples/: phantom PNG chest radiographs and DICOM CT/MR slices.

    /usr/bin/python3 models/training/make_samples.py

Needs the PyTorch checkpoints that train.py leaves in models/training/.data/ (run
`models/train.sh all` first). Every sample is checked against the trained model before it is
written, with the preprocessing the inference service applies (8-bit PNG -> min-max; DICOM ->
Rescale Slope/Intercept -> resize to the model size -> window/min-max -> mean/std); resizing is
checked with nearest, bilinear and area interpolation so the verdict does not hinge on the
service's choice of resampler.
"""
import datetime
import json
import os
import sys

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import numpy as np  # noqa: E402
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import nets  # noqa: E402
import phantoms as P  # noqa: E402

SAMPLES = os.path.join(C.REPO, "samples")
UID_RNG = np.random.default_rng(20251125)
STUDY_DATE = "20251125"
CT_HEAD_SIZE, CT_HEAD_SPACING = 192, 1.2      # 230 mm field of view
MR_SIZE, MR_SPACING = 192, 0.9                # 173 mm field of view


def new_uid():
    """2.25.<128-bit integer> (ITU-T X.667 style) from a seeded generator: deterministic."""
    return "2.25." + str(int.from_bytes(UID_RNG.bytes(16), "big"))


def load(mid, model):
    path = os.path.join(C.DATA_CACHE, f"{mid}.pt")
    if not os.path.exists(path):
        sys.exit(f"missing {path}: run models/train.sh {mid} first")
    model.load_state_dict(torch.load(path))
    return model.eval()


def descriptor(mid):
    with open(os.path.join(C.MODELS_DIR, mid, "model.json")) as f:
        return json.load(f)


def resized(img, size, how):
    t = torch.from_numpy(np.asarray(img, np.float32))[None, None]
    if t.shape[-1] == size and t.shape[-2] == size:
        return t[0, 0].numpy()
    if how == "bilinear":
        t = F.interpolate(t, size=(size, size), mode="bilinear", align_corners=False)
    else:
        t = F.interpolate(t, size=(size, size), mode=how)
    return t[0, 0].numpy()


@torch.no_grad()
def run(model, x):
    o = model(torch.from_numpy(x[None, None]))
    return (o[0] if isinstance(o, tuple) else o)[0].numpy()


# --------------------------------------------------------------------------- PNG chest radiographs

def to_png8(raw):
    return np.round(P.to01(raw) * 255.0).astype(np.uint8)


def make_cxr(model, desc):
    from PIL import Image
    thr = {lab["name"]: lab["threshold"] for lab in desc["outputs"]["labels"]}
    names = [lab["name"] for lab in desc["outputs"]["labels"]]
    found = {}
    for want in ("pneumothorax", "normal"):
        for s in range(500):
            rng = np.random.default_rng([9, s])
            raw, _ = P.cxr(rng, 224, pneumothorax=(want == "pneumothorax"))
            png = to_png8(raw)
            prob = C.sigmoid(run(model, C.preprocess(png.astype(np.float32), desc["input"])))
            p = dict(zip(names, prob.tolist()))
            if want == "pneumothorax":
                ok = p["pneumothorax"] >= max(0.95, thr["pneumothorax"]) and all(
                    p[k] < 0.5 * thr[k] for k in names if k != "pneumothorax")
            else:
                ok = all(p[k] < 0.5 * thr[k] for k in names)
            if ok:
                found[want] = (s, png, p)
                break
        else:
            sys.exit(f"no {want} chest phantom met the margins")
    out = {}
    for want, (s, png, p) in found.items():
        name = f"cxr-{want}.png"
        Image.fromarray(png, mode="L").save(os.path.join(SAMPLES, name), optimize=True)
        print(f"  {name}: phantom seed [9,{s}] scores {json.dumps({k: round(v, 4) for k, v in p.items()})} thresholds {thr}")
        out[want] = p
    return out


# --------------------------------------------------------------------------- DICOM

def dicom_dataset(sop_class, sop_uid, path):
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = IMPL_UID
    meta.ImplementationVersionName = "RADSTREAM_1"
    ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sop_uid
    return ds


def common_tags(ds, patient_name, patient_id, study_uid, series_uid, frame_uid, modality, body_part,
                study_desc, series_desc, accession):
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = STUDY_DATE
    ds.StudyTime = ds.SeriesTime = ds.ContentTime = "120000"
    ds.AccessionNumber = accession
    ds.Modality = modality
    ds.Manufacturer = "RadStream synthetic phantom"
    ds.InstitutionName = "RadStream demo (synthetic, not a patient)"
    ds.ReferringPhysicianName = ""
    ds.StudyDescription = study_desc
    ds.SeriesDescription = series_desc
    ds.PatientName = patient_name
    ds.PatientID = patient_id
    ds.PatientBirthDate = ""
    ds.PatientSex = "O"
    ds.BodyPartExamined = body_part
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.FrameOfReferenceUID = frame_uid
    ds.PositionReferenceIndicator = ""
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.PatientOrientation = ""
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0


def ds_str(v):
    """Decimal String value within the 16-character limit."""
    return f"{v:.6g}"


def set_pixels(ds, arr):
    arr = np.ascontiguousarray(arr.astype("<u2"))
    ds.Rows, ds.Columns = arr.shape
    ds.PixelData = arr.tobytes()


def make_ct_head(model, desc):
    thr = desc["outputs"]["labels"][0]["threshold"]
    S, sp = CT_HEAD_SIZE, CT_HEAD_SPACING
    zs = (-0.2, 0.0, 0.2)
    thickness = 5.0
    for s in range(300):
        slices, probs = [], []
        ok = True
        for k, z in enumerate(zs):
            rng = np.random.default_rng([11, s])      # same head in every slice
            hu, hm, kind = P.ct_head(rng, S, hemorrhage=True, kind="intraparenchymal", z=z,
                                     noise_rng=np.random.default_rng([12, s, k]))
            stored = np.clip(np.round(hu + 1024.0), 0, 4095).astype(np.uint16)
            hu_back = stored.astype(np.float32) * 1.0 - 1024.0    # what the service sees after rescale
            ps = []
            for how in ("nearest", "bilinear", "area"):
                x = C.preprocess(resized(hu_back, 128, how), desc["input"])
                ps.append(float(C.sigmoid(run(model, x))[0]))
            if min(ps) < max(0.9, thr) or hm.sum() < 30 * (S / 128) ** 2:
                ok = False
                break
            slices.append(stored)
            probs.append(ps)
        if ok:
            break
    else:
        sys.exit("no CT head phantom met the margins")
    d = os.path.join(SAMPLES, "ct-head-ich")
    os.makedirs(d, exist_ok=True)
    study, series, frame = new_uid(), new_uid(), new_uid()
    files = []
    for k, (stored, z) in enumerate(zip(slices, zs)):
        sop = new_uid()
        name = f"slice-{k + 1}.dcm"
        path = os.path.join(d, name)
        ds = dicom_dataset("1.2.840.10008.5.1.4.1.1.2", sop, path)
        common_tags(ds, "PHANTOM^ICH", "PHANTOM-ICH-001", study, series, frame, "CT", "HEAD",
                    "CT HEAD WITHOUT CONTRAST (phantom)", "Axial 5 mm brain (phantom)", "PHANTOM0001")
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        ds.InstanceNumber = k + 1
        loc = (k - 1) * thickness
        ds.ImagePositionPatient = [ds_str(-S * sp / 2), ds_str(-S * sp / 2), ds_str(loc)]
        ds.SliceLocation = loc
        ds.SliceThickness = thickness
        ds.PixelSpacing = [sp, sp]
        ds.KVP = 120
        ds.RescaleIntercept = -1024
        ds.RescaleSlope = 1
        ds.RescaleType = "HU"
        ds.WindowCenter = 40
        ds.WindowWidth = 80
        ds.WindowCenterWidthExplanation = "BRAIN"
        set_pixels(ds, stored)
        ds.save_as(path, write_like_original=False)
        files.append(f"ct-head-ich/{name}")
        print(f"  {files[-1]}: phantom seed [11,{s}] z={z} P(hemorrhage) nearest/bilinear/area "
              f"{[round(p, 4) for p in probs[k]]} threshold {thr}")
    return study, files


def make_mr(model):
    S, sp = MR_SIZE, MR_SPACING
    for s in range(300):
        rng = np.random.default_rng([13, s])
        img, mask = P.mr_brain(rng, S, lesion=True, contrast="T1C")
        stored = np.round(img / img.max() * 4000.0).astype(np.uint16)
        dices = []
        for how in ("nearest", "bilinear", "area"):
            x = C.preprocess(resized(stored.astype(np.float32), 128, how), descriptor("lesion-seg")["input"])
            pred = C.sigmoid(run(model, x)[0]) >= 0.5
            gt = resized(mask, 128, "bilinear") >= 0.5
            dices.append(C.dice(pred, gt))
        if min(dices) >= 0.85 and mask.sum() >= 150:
            break
    else:
        sys.exit("no MR phantom met the margins")
    path = os.path.join(SAMPLES, "mr-lesion.dcm")
    study, series, frame, sop = new_uid(), new_uid(), new_uid(), new_uid()
    ds = dicom_dataset("1.2.840.10008.5.1.4.1.1.4", sop, path)
    common_tags(ds, "PHANTOM^LESION", "PHANTOM-LES-001", study, series, frame, "MR", "BRAIN",
                "MR BRAIN WITH CONTRAST (phantom)", "Ax T1 post-contrast (phantom)", "PHANTOM0002")
    ds.ImageType = ["ORIGINAL", "PRIMARY", "M", "NONE"]
    ds.InstanceNumber = 1
    ds.ImagePositionPatient = [ds_str(-S * sp / 2), ds_str(-S * sp / 2), "0"]
    ds.SliceLocation = 0.0
    ds.SliceThickness = 5.0
    ds.PixelSpacing = [sp, sp]
    ds.ScanningSequence = "SE"
    ds.SequenceVariant = "NONE"
    ds.ScanOptions = ""
    ds.MRAcquisitionType = "2D"
    ds.RepetitionTime = 500
    ds.EchoTime = 10
    ds.EchoTrainLength = 1
    ds.MagneticFieldStrength = 1.5
    ds.ImagedNucleus = "1H"
    set_pixels(ds, stored)
    ds.save_as(path, write_like_original=False)
    print(f"  mr-lesion.dcm: phantom seed [13,{s}] Dice vs ground truth nearest/bilinear/area "
          f"{[round(x, 4) for x in dices]} (lesion {int(mask.sum())} px at {S}x{S})")
    return study, ["mr-lesion.dcm"]


IMPL_UID = None


def main():
    global IMPL_UID
    os.makedirs(SAMPLES, exist_ok=True)
    IMPL_UID = new_uid()
    cxr_model = load("cxr-triage", nets.CamNet(3))
    ct_model = load("ct-head-ich", nets.CamNet(1))
    seg_model = load("lesion-seg", nets.UNetSmall())
    print("== samples")
    make_cxr(cxr_model, descriptor("cxr-triage"))
    ct_study, ct_files = make_ct_head(ct_model, descriptor("ct-head-ich"))
    mr_study, mr_files = make_mr(seg_model)
    studies = [
        {"name": "ct-head-ich", "priority": "STAT", "modality": "CT", "bodyPart": "HEAD",
         "patientRef": "PHANTOM-ICH-001", "studyUid": ct_study, "files": ct_files, "expectUrgent": True},
        {"name": "cxr-pneumothorax", "priority": "ROUTINE", "modality": "DX", "bodyPart": "CHEST",
         "patientRef": "PHANTOM-PTX-001", "studyUid": new_uid(), "files": ["cxr-pneumothorax.png"],
         "expectUrgent": True},
        {"name": "cxr-normal", "priority": "ROUTINE", "modality": "DX", "bodyPart": "CHEST",
         "patientRef": "PHANTOM-NRM-001", "studyUid": new_uid(), "files": ["cxr-normal.png"],
         "expectUrgent": False},
        {"name": "mr-lesion", "priority": "ROUTINE", "modality": "MR", "bodyPart": "BRAIN",
         "patientRef": "PHANTOM-LES-001", "studyUid": mr_study, "files": mr_files, "expectUrgent": False},
    ]
    C.write_json(os.path.join(SAMPLES, "manifest.json"), {
        "description": "Synthetic phantom studies for the RadStream demo (no patient data). Generated by "
                       "models/training/make_samples.py; each was checked against the trained model.",
        "studies": studies})
    total = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(SAMPLES) for f in fs)
    print(f"  samples total {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
