# SPDX-License-Identifier: GPL-2.0
"""The boot matrix's columns and the result.json each boot leaves behind."""

import json
import os

# The order the columns are shown in; scripts/columns.sh defines how they boot.
COLUMNS = ['native', 'xen-pv', 'xen-pvh']


def load(boot_dir):
    """Map each column to its parsed result.json, or None if it has none."""
    results = {}
    for col in COLUMNS:
        try:
            with open(os.path.join(boot_dir, col, 'result.json')) as f:
                results[col] = json.load(f)
        except (OSError, ValueError):
            results[col] = None
    return results
