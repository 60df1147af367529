"""The frozen evaluation split of the portal records.

A record is an *evaluation* record when the SHA-256 of its procedure code (UTF-8, as printed, e.g.
``1.001193``) read as a number is divisible by 5: about one record in five. The rule depends only on
the code, so it cannot drift with fixes, and nobody reads these records while tuning the importer,
the recogniser or the rules. Precision and recall are judged on them alone.

>>> is_evaluation("1.001193"), is_evaluation("1.000001")
(False, True)
"""

from __future__ import annotations

import hashlib

EVALUATION_MODULUS = 5


def is_evaluation(code: str) -> bool:
    """True when the procedure ``code`` belongs to the frozen evaluation split."""
    digest = hashlib.sha256(code.strip().encode("utf-8")).hexdigest()
    return int(digest, 16) % EVALUATION_MODULUS == 0
