"""PySide6's Linux ICU data library, trimmed to the languages ShopDesk shows (used by shopdesk.spec).

libQt6Core on Linux links ICU (libicuuc, libicui18n and libicudata.so.NN); the data library is one read-only
symbol, ``icudtNN_dat``, holding ICU's common data package (~31 MB): the locale data of ~800 locales in every
tree (locales, collation, time zone names, currencies, units...), the charset converters and the
break-iteration dictionaries. Of ICU, libQt6Core calls only collation (ucol_*: QCollator), case mapping
(u_strToUpper/u_strToLower: QLocale::toUpper/toLower; rules in the code, no data), time zone display names
(ucal_*) and charset conversion (ucnv_*: QStringConverter beyond UTF and Latin-1), checked with `nm -D`;
nothing else in the bundle links ICU. ShopDesk's UI is Turkish or English.

``trim(src, dst)`` writes a libicudata with the same soname and symbol that holds everything of the package
except the locale bundles of other languages (every tree keeps root, en*, tr*, its pool and index) and the
dictionaries for Thai, Lao, Khmer, Burmese and Chinese/Japanese word breaking (~3 MB, used only to break
text of those scripts, which Qt does not ask ICU to do). What stays is untouched: the collation root table
(ucadata), the converters and their aliases, normalization, time zone rules and the supplemental data.
The trees' indexes (res_index) still list the locales left out; ICU answers for those from root, as for any
locale it has no data for.

``python .ci/icudata.py probe`` prints what Qt's ICU calls give (run by .ci/frozen.py with the bundle's
libraries first on LD_LIBRARY_PATH, and with the wheel's, to compare).
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

KEEP_LANGUAGES = frozenset({"root", "en", "tr"})
_LANGUAGE = re.compile(r"[a-z]{2,3}")


def is_dropped(item: str) -> bool:
    """Whether a package item (``icudt73l/coll/de.res``) is another language's locale data or a dictionary."""
    base = item.rsplit("/", 1)[-1]
    if base.endswith(".dict"):
        return True
    if not base.endswith(".res"):
        return False
    stem = base[: -len(".res")]
    if stem in ("res_index", "pool"):  # the tree's index and the keys its bundles share
        return False
    language = stem.split("_", 1)[0]
    # non-locale bundles (supplementalData, zoneinfo64, metaZones, plurals, units, ...) have longer names
    return bool(_LANGUAGE.fullmatch(language)) and language not in KEEP_LANGUAGES


# --- the common data package (ICU's "CmnD" format: header, table of contents, items aligned to 16) -------


def trim_package(package: bytes) -> tuple[bytes, list[str], list[str]]:
    """The package without the dropped items; also the names kept and dropped."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", package, 0)
    if (magic1, magic2) != (0xDA, 0x27) or package[12:16] != b"CmnD" or package[8] != 0:
        raise ValueError("not a little-endian ICU common data package")
    if header_size % 16:
        raise ValueError(f"unexpected header size {header_size}")
    count = struct.unpack_from("<I", package, header_size)[0]
    entries = [struct.unpack_from("<II", package, header_size + 4 + 8 * n) for n in range(count)]
    ends = [offset for _name, offset in entries[1:]] + [len(package) - header_size]
    items = []
    for (name_offset, data_offset), end in zip(entries, ends, strict=True):
        start = header_size + name_offset
        name = package[start : package.index(b"\0", start)].decode("ascii")
        items.append((name, package[header_size + data_offset : header_size + end]))
    kept = [(name, data) for name, data in items if not is_dropped(name)]  # stays sorted: ICU bisects
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in kept)
    toc_size = 4 + 8 * len(kept)
    first = _align(header_size + toc_size + len(names)) - header_size
    toc, blobs, offset, name_offset = [struct.pack("<I", len(kept))], [], first, toc_size
    for name, data in kept:
        toc.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name) + 1
        blobs.append(_pad(data))
        offset += len(blobs[-1])
    out = _pad(package[:header_size] + b"".join(toc) + names) + b"".join(blobs)
    dropped = [name for name, _data in items if is_dropped(name)]
    return out, [name for name, _data in kept], dropped


def _align(n: int, to: int = 16) -> int:
    return (n + to - 1) // to * to


def _pad(data: bytes, to: int = 16) -> bytes:
    return data + b"\0" * (_align(len(data), to) - len(data))


# --- ELF: read the data symbol of the wheel's library, write a library exporting only that symbol -------

SHT_DYNSYM, SHT_STRTAB, SHT_HASH, SHT_DYNAMIC, SHT_PROGBITS = 11, 3, 5, 6, 1


def read_data_symbol(path: Path) -> tuple[dict, str, bytes]:
    """(ELF identity, symbol name, package bytes) of a libicudata (ELF64 little-endian only)."""
    elf = path.read_bytes()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError(f"{path.name}: not a 64-bit little-endian ELF file")
    e_machine, e_flags = struct.unpack_from("<H", elf, 18)[0], struct.unpack_from("<I", elf, 48)[0]
    e_shoff, e_shentsize, e_shnum = struct.unpack_from("<Q", elf, 40)[0], *struct.unpack_from("<HH", elf, 58)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, e_shoff + n * e_shentsize) for n in range(e_shnum)]
    found = []
    for sh in sections:
        if sh[1] != SHT_DYNSYM:
            continue
        strtab = sections[sh[6]]
        for n in range(1, sh[5] // 24):
            st_name, _info, _other, st_shndx, st_value, st_size = struct.unpack_from(
                "<IBBHQQ", elf, sh[4] + 24 * n
            )
            start = strtab[4] + st_name
            name = elf[start : elf.index(b"\0", start)].decode("ascii")
            if re.fullmatch(r"icudt\d+_dat", name) and st_shndx:
                home = sections[st_shndx]
                offset = home[4] + st_value - home[3]
                found.append((name, elf[offset : offset + st_size]))
    if len(found) != 1:
        raise ValueError(f"{path.name}: expected one icudtNN_dat symbol, found {len(found)}")
    return {"ident": elf[:16], "machine": e_machine, "flags": e_flags}, *found[0]


def write_data_library(path: Path, identity: dict, soname: str, symbol: str, data: bytes) -> None:
    """A shared object with ``soname`` whose only symbol is ``symbol`` (a read-only object holding ``data``).

    Segments as a linker lays them out: one read-only PT_LOAD (headers, hash, dynsym, dynstr, the data) and a
    writable one for .dynamic (glibc adjusts its entries in place), both aligned for 64 KiB pages.
    """
    page = 0x10000
    dynstr = b"\0" + soname.encode() + b"\0" + symbol.encode() + b"\0"
    soname_at, symbol_at = 1, 2 + len(soname)
    phnum = 4
    hash_at = _align(64 + 56 * phnum, 8)
    hash_ = struct.pack("<5I", 1, 2, 1, 0, 0)  # one bucket; chain of symbol 1
    dynsym_at = _align(hash_at + len(hash_), 8)
    dynstr_at = dynsym_at + 2 * 24
    rodata_at = _align(dynstr_at + len(dynstr), 64)
    dynamic_at = _align(rodata_at + len(data), 8)
    dynamic_vaddr = dynamic_at + page  # next page in memory, no padding in the file
    # DT_SONAME, DT_HASH, DT_STRTAB, DT_SYMTAB, DT_STRSZ, DT_SYMENT, DT_NULL
    tags = (
        (14, soname_at),
        (4, hash_at),
        (5, dynstr_at),
        (6, dynsym_at),
        (10, len(dynstr)),
        (11, 24),
        (0, 0),
    )
    dynamic = b"".join(struct.pack("<qQ", tag, value) for tag, value in tags)
    shstrtab = b"\0.hash\0.dynsym\0.dynstr\0.rodata\0.dynamic\0.shstrtab\0"
    shstrtab_at = dynamic_at + len(dynamic)
    shoff = _align(shstrtab_at + len(shstrtab), 8)
    rodata_index = 4

    def sh(name, kind, flags, addr, offset, size, link=0, info=0, align=1, entsize=0):
        name_at = shstrtab.index(name.encode() + b"\0")
        fields = (name_at, kind, flags, addr, offset, size, link, info, align, entsize)
        return struct.pack("<IIQQQQIIQQ", *fields)

    section_headers = [
        b"\0" * 64,
        sh(".hash", SHT_HASH, 2, hash_at, hash_at, len(hash_), link=2, align=8, entsize=4),
        sh(".dynsym", SHT_DYNSYM, 2, dynsym_at, dynsym_at, 48, link=3, info=1, align=8, entsize=24),
        sh(".dynstr", SHT_STRTAB, 2, dynstr_at, dynstr_at, len(dynstr), align=1),
        sh(".rodata", SHT_PROGBITS, 2, rodata_at, rodata_at, len(data), align=64),
        sh(".dynamic", SHT_DYNAMIC, 3, dynamic_vaddr, dynamic_at, len(dynamic), link=3, align=8, entsize=16),
        sh(".shstrtab", SHT_STRTAB, 0, 0, shstrtab_at, len(shstrtab), align=1),
    ]
    shnum = len(section_headers)
    # e_type (ET_DYN), e_machine, e_version, e_entry, e_phoff, e_shoff, e_flags, e_ehsize, e_phentsize,
    # e_phnum, e_shentsize, e_shnum, e_shstrndx
    fields = (3, identity["machine"], 1, 0, 64, shoff, identity["flags"], 64, 56, phnum, 64, shnum, shnum - 1)
    header = identity["ident"] + struct.pack("<HHIQQQIHHHHHH", *fields)
    readonly_end = rodata_at + len(data)
    program_headers = b"".join(
        struct.pack("<IIQQQQQQ", *ph)
        for ph in (
            (1, 4, 0, 0, 0, readonly_end, readonly_end, page),  # PT_LOAD, R
            (1, 6, dynamic_at, dynamic_vaddr, dynamic_vaddr, len(dynamic), len(dynamic), page),  # PT_LOAD, RW
            (2, 6, dynamic_at, dynamic_vaddr, dynamic_vaddr, len(dynamic), len(dynamic), 8),  # PT_DYNAMIC
            (0x6474E551, 6, 0, 0, 0, 0, 0, 16),  # PT_GNU_STACK: not executable
        )
    )
    dynsym = b"\0" * 24 + struct.pack("<IBBHQQ", symbol_at, 0x11, 0, rodata_index, rodata_at, len(data))
    out = bytearray(shoff + 64 * len(section_headers))
    for at, blob in (
        (0, header),
        (64, program_headers),
        (hash_at, hash_),
        (dynsym_at, dynsym),
        (dynstr_at, dynstr),
        (rodata_at, data),
        (dynamic_at, dynamic),
        (shstrtab_at, shstrtab),
        (shoff, b"".join(section_headers)),
    ):
        out[at : at + len(blob)] = blob
    path.write_bytes(bytes(out))
    path.chmod(0o755)


def trim(src: Path, dst: Path) -> tuple[int, int, int]:
    """Write the trimmed ``src`` library to ``dst``; returns (bytes before, bytes after, items dropped)."""
    identity, symbol, package = read_data_symbol(src)
    trimmed, _kept, dropped = trim_package(package)
    dst.parent.mkdir(parents=True, exist_ok=True)
    write_data_library(dst, identity, src.name, symbol, trimmed)
    return src.stat().st_size, dst.stat().st_size, len(dropped)


# --- probe: what Qt's calls into ICU give (python .ci/icudata.py probe) ------------------------------------

# Turkish sorts c < ç, g < ğ, ı < i (I < İ), o < ö, s < ş, u < ü; English does not tell them apart first
TURKISH_WORDS = (
    "zeytin ürün uçak şeker su sarı öğle ordu ılık iğne ışık İzmir Işıl ceviz çay cam Çorum gazete ğ hamur "
    "Ilgaz istanbul"
)


def probe() -> None:
    """Collation, case mapping, converters and time zone names through Qt, one line each."""
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator, QLocale, QMimeData, QStringConverter, QTimeZone

    turkish = QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey)
    english = QLocale(QLocale.Language.English)
    for name, locale in (("tr", turkish), ("en", english)):
        collator = QCollator(locale)
        words = sorted(TURKISH_WORDS.split(), key=cmp_to_key(collator.compare))
        print(f"collate_{name}: {' '.join(words)}")
        print(f"upper_{name}: {locale.toUpper('istanbul ılık iğne')}")
        print(f"lower_{name}: {locale.toLower('ISPARTA IŞIK İZMİR')}")
    # Qt decodes HTML in a legacy charset (pasted or dropped mail, QMimeData.html()) with ICU's converters
    samples = {
        **dict.fromkeys(("windows-1254", "ISO-8859-9"), "Ağ şişe ÇÖÜ İı"),
        "KOI8-R": "Привет",
        **dict.fromkeys(("Shift_JIS", "ISO-2022-JP"), "日本語"),
        "EUC-KR": "한국어",
        **dict.fromkeys(("GB18030", "Big5"), "中文"),
    }
    for encoding, sample in samples.items():
        mime = QMimeData()
        head = f'<html><head><meta charset="{encoding}"></head><body>'.encode("ascii")
        mime.setData("text/html", head + sample.encode(encoding) + b"</body></html>")
        html = mime.html()
        print(f"codec_{encoding}: {'ok' if sample in html else 'wrong: ' + repr(html)}")
    print(f"codecs_available: {len(QStringConverter.availableCodecs())}")
    for zone in ("Europe/Istanbul", "Europe/London", "America/New_York"):
        tz = QTimeZone(zone.encode())
        for name, locale in (("tr", turkish), ("en", english)):
            long_name = tz.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, locale)
            print(f"zone_{name}_{zone}: {long_name}")
    maps = Path("/proc/self/maps").read_text() if Path("/proc/self/maps").exists() else ""
    loaded = sorted({line.split()[-1] for line in maps.splitlines() if "libicudata" in line})
    print(f"icudata_loaded: {' '.join(loaded)}")


if __name__ == "__main__":
    if sys.argv[1:] == ["probe"]:
        probe()
    elif len(sys.argv) == 4 and sys.argv[1] == "trim":
        before, after, dropped = trim(Path(sys.argv[2]), Path(sys.argv[3]))
        print(f"{sys.argv[3]}: {before / 2**20:.1f} MB -> {after / 2**20:.1f} MB ({dropped} items dropped)")
    else:
        raise SystemExit("usage: python .ci/icudata.py probe | trim SRC DST")
