"""The scientific stack of the scikit-learn peers (Debian's python3-sklearn, run with /usr/bin/python3).

Imported by bench/lib/sklearn_pa_peer.py and bench/lib/sklearn_retail_peer.py (same folder, so on
sys.path when either runs); exits 2 when a package is missing, which the TypeScript side reports as
"scikit-learn unavailable".
"""

import sys

try:
    import warnings

    import numpy as np
    import scipy.sparse as sp
    import sklearn

    # deprecated in scikit-learn 1.8; Debian 12 ships 1.2.1
    warnings.filterwarnings("ignore", category=FutureWarning)
    from sklearn.linear_model import PassiveAggressiveClassifier
except ImportError as exc:  # pragma: no cover - environment guidance
    sys.stderr.write("needs Debian's python3-sklearn, run with /usr/bin/python3 (%s)\n" % exc)
    raise SystemExit(2)

__all__ = ["np", "sp", "sklearn", "PassiveAggressiveClassifier"]
