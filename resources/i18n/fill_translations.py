"""Fill unfinished entries of a .ts file from a Python dict file: ``python fill_translations.py TS DICT``.

A maintenance tool for translators working without Qt Linguist; entries whose source is not in the
dict stay unfinished (the translation test lists them).
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, translations: dict[str, str]) -> int:
    tree = ET.parse(ts_path)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if translation is not None and translation.get("type") == "unfinished" and source in translations:
            translation.text = translations[source]
            del translation.attrib["type"]
            filled += 1
    with open(ts_path, "wb") as stream:
        stream.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(stream, encoding="utf-8", xml_declaration=False)
    return filled


if __name__ == "__main__":
    print(fill(sys.argv[1], runpy.run_path(sys.argv[2])["VI"]), "filled")
