#!/usr/bin/env python3
"""Regenerates the dcmtk-derived test references in src/test/resources/reference/.

Development-time only: needs dcmtk (dcmdump, dcmconv, dcmdrle, dcmdjpeg, dcm2pnm), python3 and
numpy. The tests themselves never call dcmtk; they read what this script wrote:

  headers.properties  <file>.<DicomHeader component>=value as dcmdump prints it (top level only)
  pixels.properties   <file>.frames/.samples/.sha256/.min/.max/.spots for lossless decodes:
                      SHA-256 of the int32 little-endian array of every frame's stored values
                      (monochrome: masked, sign-extended, before rescale; colour: RGB samples
                      interleaved), after dcmtk decompressed the file to Explicit VR LE
  <file>.rgb.gz       dcmtk's RGB output (gzip, 8-bit interleaved) where decoders may differ by
                      rounding: JPEG Baseline (dcmdjpeg) and native YBR_FULL_422 (dcm2pnm)

Run from anywhere:  python3 dicom/tools/make_references.py
"""
import gzip
import hashlib
import pathlib
import re
import subprocess
import tempfile

import numpy as np

MODULE = pathlib.Path(__file__).resolve().parent.parent
SHARED = MODULE.parent.parent / "shared" / "dicom-samples"
EXTRA = MODULE / "src" / "test" / "resources" / "samples" / "pydicom"
GENERATED = MODULE / "src" / "test" / "resources" / "samples" / "dcmtk"
OUT = MODULE / "src" / "test" / "resources" / "reference"

# file -> transfer syntax our reader reports when the file has no File Meta
NO_META = {
    "no_meta.dcm": "1.2.840.10008.1.2.1",
    "ExplVR_LitEndNoMeta.dcm": "1.2.840.10008.1.2.1",
    "ExplVR_BigEndNoMeta.dcm": "1.2.840.10008.1.2.2",
}
HEADER_FILES = [
    "CT_small.dcm", "ExplVR_BigEnd.dcm", "JPEG-lossy.dcm", "MR_small.dcm", "MR_small_RLE.dcm",
    "MR_small_bigendian.dcm", "MR_small_implicit.dcm", "MR_truncated.dcm",
    "SC_rgb_jpeg_dcmtk.dcm", "image_dfl.dcm", "no_meta.dcm",
    "SC_ybr_full_422_uncompressed.dcm", "SC_rgb_rle_16bit_2frame.dcm", "rtdose.dcm",
    "rtdose_rle.dcm", "rtdose_expb.dcm", "SC_rgb_small_odd.dcm", "MR_small_padded.dcm",
    "ExplVR_LitEndNoMeta.dcm", "ExplVR_BigEndNoMeta.dcm", "SC_jpeg_no_color_transform.dcm",
    "SC_rgb_small_odd_jpeg.dcm", "liver_1frame.dcm", "SC_rgb_jpeg_gdcm.dcm",
]
LOSSLESS_FILES = [
    "CT_small.dcm", "ExplVR_BigEnd.dcm", "MR_small.dcm", "MR_small_RLE.dcm",
    "MR_small_bigendian.dcm", "MR_small_implicit.dcm", "image_dfl.dcm",
    "SC_rgb_rle_16bit_2frame.dcm", "rtdose.dcm", "rtdose_rle.dcm",
    "SC_rgb_small_odd.dcm", "MR_small_padded.dcm", "liver_1frame.dcm",
]
# JPEG Lossless files dcmtk's dcmcjpeg writes from lossless sources (kept in samples/dcmtk/, written
# only when missing so their bytes stay as committed): name -> (source, decompress-first tool, dcmcjpeg options)
GENERATED_LOSSLESS = {
    "CT_small_jpll_sv1.dcm": ("CT_small.dcm", None, ["+e1"]),
    "CT_small_jpll_p14.dcm": ("CT_small.dcm", None, ["+el"]),
    "MR_small_jpll_sv1.dcm": ("MR_small_implicit.dcm", None, ["+e1"]),
    "SC_rgb_small_odd_jpll_sv1.dcm": ("SC_rgb_small_odd.dcm", None, ["+e1"]),
    "SC_rgb_16bit_2frame_jpll_sv1.dcm": ("SC_rgb_rle_16bit_2frame.dcm", "dcmdrle", ["+e1"]),
    "JPEG12_jpll_sv1.dcm": ("JPEG-lossy.dcm", "dcmdjpeg", ["+e1"]),
}
# refused (C122) by the decoder, kept as a sample of what is refused: 16-bit colour
REFUSED_GENERATED = {"SC_rgb_16bit_2frame_jpll_sv1.dcm"}
LOSSLESS_FILES += ["SC_rgb_jpeg_gdcm.dcm"] + sorted(set(GENERATED_LOSSLESS) - REFUSED_GENERATED)
# Not here: rtdose_expb.dcm (32-bit samples in a big-endian OW). dcmtk byte-swaps each 16-bit
# word, pydicom (which wrote the file from rtdose.dcm) reads big-endian 32-bit values; the tests
# assert the pydicom reading, i.e. the same values as rtdose.dcm.
JPEG_FILES = ["SC_rgb_jpeg_dcmtk.dcm", "SC_jpeg_no_color_transform.dcm",
              "SC_rgb_small_odd_jpeg.dcm"]
PNM_FILES = ["SC_ybr_full_422_uncompressed.dcm"]

LINE = re.compile(r"^( *)\(([0-9a-f]{4}),([0-9a-f]{4})\) (\w\w) (.*?)\s+#\s*(\d+|u/l),")
FIELDS = {
    "0008,0016": "sopClassUid", "0008,0018": "sopInstanceUid", "0020,000d": "studyInstanceUid",
    "0020,000e": "seriesInstanceUid", "0008,0060": "modality", "0018,0015": "bodyPartExamined",
    "0010,0020": "patientId", "0008,0050": "accessionNumber", "0008,0020": "studyDate",
    "0028,0010": "rows", "0028,0011": "columns", "0028,0008": "numberOfFrames",
    "0028,0002": "samplesPerPixel", "0028,0100": "bitsAllocated", "0028,0101": "bitsStored",
    "0028,0103": "pixelRepresentation", "0028,0006": "planarConfiguration",
    "0028,0004": "photometricInterpretation", "0028,1053": "rescaleSlope",
    "0028,1052": "rescaleIntercept", "0028,1050": "windowCenter", "0028,1051": "windowWidth",
    "0028,0030": "pixelSpacing", "0018,0050": "sliceThickness",
    "0018,0088": "spacingBetweenSlices", "0020,0032": "imagePositionPatient",
    "0020,0037": "imageOrientationPatient",
    "0040,1003": "requestedProcedurePriority", "0032,000c": "studyPriorityId",
    "0008,1040": "institutionalDepartmentName", "0032,1033": "requestingService",
}


def path_of(name):
    for folder in (SHARED, EXTRA, GENERATED):
        if (folder / name).exists():
            return folder / name
    return EXTRA / name


def generate_lossless(tmp):
    GENERATED.mkdir(parents=True, exist_ok=True)
    for name, (source, first, options) in GENERATED_LOSSLESS.items():
        if (GENERATED / name).exists():
            continue
        plain = path_of(source)
        if first:
            plain = pathlib.Path(tmp) / ("uncompressed_" + source)
            run(first, str(path_of(source)), str(plain))
        run("dcmcjpeg", *options, str(plain), str(GENERATED / name))


def run(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True).stdout


def dump(path):
    """Elements as {"gggg,eeee": (vr, value text)}: top level, then (for tags absent there) the
    first occurrence inside the Shared, else the Per-Frame Functional Groups Sequence."""
    top, shared, per_frame = {}, {}, {}
    stack = []
    # +Ep, check=False: MR_truncated.dcm dumps fine up to its truncated Pixel Data, then fails
    for line in run("dcmdump", "-q", "-Un", "+uc", "+L", "+Ep", str(path),
                    check=False).splitlines():
        m = LINE.match(line)
        if not m:
            continue
        indent, tag = len(m.group(1)), m.group(2) + "," + m.group(3)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        ancestors = [t for _, t in stack]
        target = (top if indent == 0 else shared if "5200,9229" in ancestors
                  else per_frame if "5200,9230" in ancestors else {})
        target.setdefault(tag, (m.group(4), value_text(m.group(5))))
        stack.append((indent, tag))
    return {**per_frame, **shared, **top}


def value_text(raw):
    if raw.startswith("(no value"):
        return ""
    if raw.startswith("["):
        return raw[1:raw.rindex("]")]
    if raw.startswith("="):
        raise ValueError("UID name mapping must be off: " + raw)
    return raw


def readable(name, tmp):
    """A path dcmtk can read: no_meta.dcm has a stray leading byte that dcmtk rejects."""
    path = path_of(name)
    if name == "no_meta.dcm":
        stripped = pathlib.Path(tmp) / "no_meta_stripped.dcm"
        stripped.write_bytes(path.read_bytes()[1:])
        return stripped
    return path


def header_lines(name, tmp):
    elements = dump(readable(name, tmp))
    ts = NO_META.get(name) or elements["0002,0010"][1]
    has_pixels = "7fe0,0010" in elements
    lines = [f"{name}.transferSyntaxUid={ts}", f"{name}.hasPixelData={str(has_pixels).lower()}"]
    for tag, field in FIELDS.items():
        vr, text = elements.get(tag, (None, ""))
        lines.append(f"{name}.{field}={escape(text)}")
    return lines


def escape(text):
    """java.util.Properties treats backslash as an escape character."""
    return text.replace("\\", "\\\\")


def pixel_module(elements):
    def num(tag, default=0):
        text = elements.get(tag, (None, ""))[1]
        return int(text.split("\\")[0]) if text else default
    return {
        "rows": num("0028,0010"), "columns": num("0028,0011"), "frames": num("0028,0008", 1),
        "spp": num("0028,0002"), "bits": num("0028,0100"), "stored": num("0028,0101"),
        "high": num("0028,0102"), "signed": num("0028,0103"), "planar": num("0028,0006"),
    }


def decompressed(name, tmp):
    source = readable(name, tmp)
    target = pathlib.Path(tmp) / ("plain_" + name)
    ts = dump(source).get("0002,0010", (None, ""))[1]
    if ts == "1.2.840.10008.1.2.5":
        run("dcmdrle", str(source), str(target))
    elif ts.startswith("1.2.840.10008.1.2.4."):
        run("dcmdjpeg", str(source), str(target))
    else:
        run("dcmconv", "+te", str(source), str(target))
    return target


def stored_values(name, tmp):
    """Every frame's stored values (int64), interleaved per pixel, from dcmtk's raw dump."""
    plain = decompressed(name, tmp)
    m = pixel_module(dump(plain))
    raw_dir = pathlib.Path(tmp) / ("raw_" + name)
    raw_dir.mkdir()
    run("dcmdump", "-q", "+W", str(raw_dir), str(plain))
    data = next(raw_dir.iterdir()).read_bytes()
    samples = m["rows"] * m["columns"] * m["spp"]
    total = samples * m["frames"]
    if m["bits"] == 1:
        values = np.unpackbits(np.frombuffer(data, np.uint8), bitorder="little")[:total]
    else:
        dtype = {8: "<u1", 16: "<u2", 32: "<u4"}[m["bits"]]
        values = np.frombuffer(data, dtype)[:total]
    values = values.astype(np.int64)
    values = (values >> (m["high"] + 1 - m["stored"])) & ((1 << m["stored"]) - 1)
    if m["signed"]:
        sign = 1 << (m["stored"] - 1)
        values = np.where(values & sign, values - (1 << m["stored"]), values)
    frames = values.reshape(m["frames"], samples)
    if m["spp"] == 3 and m["planar"] == 1:
        frames = frames.reshape(m["frames"], 3, -1).transpose(0, 2, 1).reshape(m["frames"], -1)
    return m, frames.reshape(-1)


def pixel_lines(name, tmp):
    m, values = stored_values(name, tmp)
    n = values.size
    digest = hashlib.sha256(values.astype("<i4").tobytes()).hexdigest()
    spots = ",".join(f"{i}:{values[i]}" for i in sorted({0, 1, n // 3, n // 2, n - 1}))
    return [f"{name}.frames={m['frames']}", f"{name}.samples={n}", f"{name}.sha256={digest}",
            f"{name}.min={values.min()}", f"{name}.max={values.max()}", f"{name}.spots={spots}"]


def write_rgb_reference(name, tmp):
    if name in PNM_FILES:
        ppm = pathlib.Path(tmp) / (name + ".ppm")
        run("dcm2pnm", "--write-raw-pnm", str(path_of(name)), str(ppm))
        data = ppm.read_bytes()
        header = re.match(rb"P6\s+\d+\s+\d+\s+255\s", data)
        rgb = data[header.end():]
    else:
        _, values = stored_values(name, tmp)
        rgb = values.astype(np.uint8).tobytes()
    with gzip.GzipFile(OUT / (name + ".rgb.gz"), "wb", mtime=0) as out:
        out.write(rgb)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        generate_lossless(tmp)
        headers = [line for name in HEADER_FILES for line in header_lines(name, tmp)]
        pixels = [line for name in LOSSLESS_FILES for line in pixel_lines(name, tmp)]
        for name in JPEG_FILES + PNM_FILES:
            write_rgb_reference(name, tmp)
    banner = "# generated by dicom/tools/make_references.py from dcmtk output; do not edit\n"
    (OUT / "headers.properties").write_text(banner + "\n".join(headers) + "\n", "utf-8")
    (OUT / "pixels.properties").write_text(banner + "\n".join(pixels) + "\n", "utf-8")


if __name__ == "__main__":
    main()
