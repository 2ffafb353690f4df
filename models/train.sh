#!/usr/bin/env bash
# Regenerate phantom data, retrain, re-export and rewrite descriptors, golden files and model
# cards; `all` also rebuilds the demo studies under samples/.
#
#   models/train.sh [all|cxr-triage|ct-head-ich|lesion-seg|denoise|densenet121-cxr|samples]
#
# Uses Debian's Python stack (/usr/bin/python3): python3-torch, python3-onnx, python3-numpy,
# python3-torchvision, python3-pydicom, python3-pil, and dcmtk to validate the DICOM samples.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-all}"
PY=/usr/bin/python3

case "$target" in
  all|cxr-triage|ct-head-ich|lesion-seg|denoise|densenet121-cxr|samples) ;;
  *) echo "usage: $0 [all|cxr-triage|ct-head-ich|lesion-seg|denoise|densenet121-cxr|samples]" >&2; exit 2 ;;
esac

need=()
"$PY" -c 'import torch' 2>/dev/null || need+=(python3-torch)
"$PY" -c 'import onnx' 2>/dev/null || need+=(python3-onnx)
"$PY" -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
"$PY" -c 'import torchvision' 2>/dev/null || need+=(python3-torchvision)
"$PY" -c 'import pydicom' 2>/dev/null || need+=(python3-pydicom)
"$PY" -c 'import PIL' 2>/dev/null || need+=(python3-pil)
command -v dcmdump >/dev/null 2>&1 || need+=(dcmtk)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

export PYTHONHASHSEED=0 PYTHONWARNINGS=ignore OMP_WAIT_POLICY=PASSIVE
start=$(date +%s)
if [ "$target" != samples ]; then
  "$PY" models/training/train.py "$target"
fi
if [ "$target" = all ] || [ "$target" = samples ]; then
  "$PY" models/training/make_samples.py
  for f in samples/ct-head-ich/*.dcm samples/mr-lesion.dcm; do
    err=$(dcmdump "$f" 2>&1 >/dev/null) || { echo "dcmdump rejected $f: $err" >&2; exit 1; }
    [ -z "$err" ] || { echo "dcmdump warnings for $f: $err" >&2; exit 1; }
  done
  echo "dcmdump: all sample DICOM files parse"
fi
echo "done in $(( $(date +%s) - start )) s"
