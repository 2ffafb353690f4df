#!/usr/bin/env python3
"""Regenerate k8s/base/monitoring/prometheus-rule.yaml from monitoring/prometheus-rules.yml.

Run from anywhere after editing the rules file: python3 deploy/scripts/sync-prometheus-rule.py
(needs PyYAML: Debian python3-yaml). KubernetesManifestsTest fails while the two differ.
"""
import os
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(str, lambda d, v: d.represent_scalar(
    'tag:yaml.org,2002:str', v, style='|' if '\n' in v else None))

with open(os.path.join(ROOT, 'monitoring/prometheus-rules.yml')) as f:
    rules = yaml.safe_load(f)
header = """# The alert rules of monitoring/prometheus-rules.yml as a Prometheus Operator PrometheusRule.
# GENERATED: edit monitoring/prometheus-rules.yml, then run deploy/scripts/sync-prometheus-rule.py;
# deploy's KubernetesManifestsTest fails while the two differ.
"""
doc = {"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
       "metadata": {"name": "radstream",
                    "labels": {"app.kubernetes.io/part-of": "radstream", "release": "prometheus"}},
       "spec": rules}
with open(os.path.join(ROOT, 'k8s/base/monitoring/prometheus-rule.yaml'), 'w') as f:
    f.write(header + yaml.dump(doc, Dumper=Dumper, sort_keys=False, width=200))
