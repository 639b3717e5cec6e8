#!/usr/bin/env python3
"""Writes crates/kirje-core/tests/phone/cases.tsv: phone numbers as people
write them, with what libphonenumber's reference port for Python
(`phonenumbers`, the same metadata version as the `phonenumber` crate that
made kirje's number plan) says of each. `tests/phone_cases.rs` checks kirje
against the file, offline.

    python3 -m venv /tmp/pn && /tmp/pn/bin/pip install phonenumbers==9.0.33
    /tmp/pn/bin/python scripts/phone-cases.py

Each case is an example number of a region (every type the metadata has an
example for), changed in one place or not at all, and spelled as people do
("+44 20 …", "0044 …", "+44 (0)20 …", "+44 020 …"); Finnish ones also
nationally ("040 …"). Columns: the text, the E.164 form or "-" when it is
not a valid number, the international form, and the E.164 form of the
unchanged example when the change was writing the trunk prefix after the
country code (kirje drops it whenever the rest is a number; libphonenumber
reads some countries' digits after it as a carrier code).
"""
import random
import sys
from pathlib import Path

import phonenumbers as pn
from phonenumbers import PhoneNumberFormat as F
from phonenumbers.phonenumberutil import PhoneNumberType as T

OUT = Path(__file__).resolve().parent.parent / "crates/kirje-core/tests/phone/cases.tsv"
TYPES = [T.FIXED_LINE, T.MOBILE, T.TOLL_FREE, T.PREMIUM_RATE, T.SHARED_COST,
         T.VOIP, T.PERSONAL_NUMBER, T.UAN]


def examples():
    regions = sorted(pn.SUPPORTED_REGIONS)
    for region in regions:
        for t in TYPES:
            n = pn.example_number_for_type(region, t)
            if n is not None:
                yield region, n
    for code in sorted(pn.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        n = pn.example_number_for_non_geo_entity(code)
        if n is not None:
            yield "001", n


def judge(text):
    try:
        # Finland is the region kirje reads numbers in: "00" dials abroad,
        # and a number without a country code is Finnish.
        n = pn.parse(text, "FI")
    except pn.NumberParseException:
        return "-", ""
    if not pn.is_valid_number(n):
        return "-", ""
    return pn.format_number(n, F.E164), pn.format_number(n, F.INTERNATIONAL)


def main():
    rng = random.Random(19)
    rows = []
    seen = set()
    for region, n in examples():
        code = n.country_code
        nsn = pn.national_significant_number(n)
        meta = pn.PhoneMetadata.metadata_for_region_or_calling_code(code, region)
        trunk = (meta.national_prefix or "") if meta else ""
        original = pn.format_number(n, F.E164)
        for edit in range(5):
            digits = nsn
            i = rng.randrange(len(digits) + 1)
            d = str(rng.randrange(10))
            house = ""
            if edit == 1 and i < len(digits):
                digits = digits[:i] + d + digits[i + 1:]
            elif edit == 2 and i < len(digits):
                digits = digits[:i] + digits[i + 1:]
            elif edit == 3:
                digits = digits[:i] + d + digits[i:]
            elif edit == 4:
                if not trunk:
                    continue
                digits = trunk + digits
                house = original
            spelling = rng.randrange(3)
            if spelling == 0:
                text = f"+{code} {digits}"
            elif spelling == 1:
                text = f"00{code} {digits}"
            else:
                text = f"+{code}{digits}"
            if edit == 0 and trunk and rng.randrange(2):
                text = f"+{code} ({trunk}){digits}" if trunk == "0" else text
            if code == 358 and rng.randrange(2) and edit != 4:
                text = "0" + digits
            if text in seen:
                continue
            seen.add(text)
            e164, intl = judge(text)
            rows.append((text, e164, intl, house if e164 == "-" else ""))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        f.write(f"# Made by scripts/phone-cases.py with phonenumbers {pn.__version__}; do not edit.\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} cases, {sum(r[1] != '-' for r in rows)} valid", file=sys.stderr)


main()
