#!/usr/bin/env python3
"""Make the hostile corpus of automark (issue 8).

    make_corpus.py small DIR   write the small files (the ones committed in tests/hostile/files/)
    make_corpus.py big DIR     write the big ones (made at test time in a temporary folder:
                               never commit files over ~200 KB)

Every file is deterministic (no randomness without a fixed seed), so the committed ones can be
re-made and checked with `make_corpus.py small /tmp/x && diff -r /tmp/x tests/hostile/files`.
What each file must produce is in tests/hostile/MANIFEST.tsv.
"""
import hashlib
import io
import os
import random
import struct
import sys
import zipfile
import zlib

# ------------------------------------------------------------------ helpers

MINIMAL_RUBRIC = """exam: {code: HOST101, total: 2}
questions:
  - id: "1"
    marks: 2
    concepts:
      - id: c
        marks: 2
        match: [learning rate]
"""

GOOD_SCRIPT = """Student ID: 2409999

## Question 1

(a) Tanh.

(b)
(i) The learning rate.
"""

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/'
                 b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text):
    return b"<w:p><w:r><w:t xml:space=\"preserve\">" + text + b"</w:t></w:r></w:p>"


def document_xml(body_inner, prolog=b""):
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog +
            b"<w:document " + W_NS + b"><w:body>" + body_inner + b"</w:body></w:document>")


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    """entries: list of (name, bytes). Fixed timestamps so the output is deterministic."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 1, 9, 0, 0))
            info.compress_type = compression
            z.writestr(info, data)
    return buf.getvalue()


def docx(document, extra=()):
    return zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", document)] + list(extra))


GOOD_DOCX_BODY = b"".join(para(t) for t in [
    b"Student ID: 2409998", b"Question 1", b"(a) Tanh.", b"(b)(i) The learning rate."])


def pdf(pages_content, encrypt=None, trailer_id=b"0123456789abcdef"):
    """A PDF with one page per content stream (bytes), Helvetica, built by hand with a correct
    xref table. encrypt: (O, U, P) for the standard security handler, revision 2."""
    objs = []  # (number, body bytes)
    n_pages = len(pages_content)
    # 1 catalog, 2 pages, 3 font, then per page: page obj, content obj
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages)).encode()
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n_pages).encode() + b" >>")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, content in enumerate(pages_content):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents "
                    + str(5 + 2 * i).encode() + b" 0 R >>")
        objs.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
    enc_num = None
    if encrypt:
        o, u, p = encrypt
        enc_num = len(objs) + 1
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().encode() + b"> /U <" + u.hex().encode() +
                    b"> /P " + str(p).encode() + b" >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += str(i).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objs) + 1).encode() + b"\n0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size " + str(len(objs) + 1).encode() + b" /Root 1 0 R"
    if enc_num:
        out += b" /Encrypt " + str(enc_num).encode() + b" 0 R"
    out += b" /ID [<" + trailer_id.hex().encode() + b"> <" + trailer_id.hex().encode() + b">] >>\n"
    out += b"startxref\n" + str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


def text_page(lines):
    ops = [b"BT /F1 11 Tf 50 800 Td 14 TL"]
    for line in lines:
        esc = line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"(" + esc + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf():
    """Standard security handler R2 (40-bit RC4) with a user password: cannot be opened without it."""
    user, owner = b"secret", b"owner-secret"
    pad = lambda pw: (pw + PDF_PAD)[:32]
    o = rc4(hashlib.md5(pad(owner)).digest()[:5], pad(user))
    p = -4
    file_id = b"0123456789abcdef"
    key = hashlib.md5(pad(user) + o + struct.pack("<i", p) + file_id).digest()[:5]
    u = rc4(key, PDF_PAD)
    # The content is not really encrypted: a reader must stop at the password check anyway.
    return pdf([text_page([b"Question 1 (a) Tanh."])], encrypt=(o, u, p), trailer_id=file_id)


def nested_yaml_parts(depth):
    lines = ['exam: {code: DEEP101, total: 1}', 'questions:']
    indent = "  "
    for d in range(depth):
        lines.append(f'{indent}- id: "{"1" if d == 0 else "p" + str(d)}"')
        lines.append(f'{indent}  marks: 1')
        if d < depth - 1:
            lines.append(f'{indent}  parts:')
            indent += "    "
    lines.append(f'{indent}  concepts: [{{id: c, marks: 1, match: [word]}}]')
    return "\n".join(lines) + "\n"


def rubric_with_wording(key, value, quote=True):
    v = '"' + value + '"' if quote else value
    return f"""exam: {{code: HOST102, total: 1}}
questions:
  - id: "1"
    marks: 1
    concepts:
      - id: c
        marks: 1
        match:
          - {key}: {v}
"""


# -------------------------------------------------------------- small files

def small_files():
    f = {}
    # ---- rubrics (automark lint)
    f["r_empty.yaml"] = b""
    rng = random.Random(8)
    f["r_binary.yaml"] = bytes(rng.randrange(256) for _ in range(2048))
    f["r_nul.yaml"] = MINIMAL_RUBRIC.encode().replace(b"HOST101", b"HOST\x00101")
    f["r_invalid_utf8.yaml"] = MINIMAL_RUBRIC.encode().replace(b"learning rate", b"learning \xff\xfe rate")
    f["r_overlong_utf8.yaml"] = MINIMAL_RUBRIC.encode().replace(b"learning rate", b"learning\xc0\xafrate")
    f["r_surrogate_utf8.yaml"] = MINIMAL_RUBRIC.encode().replace(b"learning rate", b"learning \xed\xa0\x80 rate")
    f["r_truncated_utf8.yaml"] = MINIMAL_RUBRIC.encode() + b"# \xe2\x82"
    f["r_bom_only.yaml"] = b"\xef\xbb\xbf"
    f["r_crlf_only.yaml"] = b"\r\n" * 64
    f["r_comments_only.yaml"] = b"# nothing here\n# at all\n"
    f["r_nested_brackets.yaml"] = b"exam: " + b"[" * 10000 + b"]" * 10000 + b"\n"
    f["r_nested_braces.yaml"] = b"exam: " + b"{a: " * 5000 + b"1" + b"}" * 5000 + b"\n"
    f["r_nested_blocks.yaml"] = "".join("  " * i + f"k{i}:\n" for i in range(200)).encode() + b"  " * 200 + b"v\n"
    laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        laughs.append(f"{name}: &{name} [" + ", ".join(f"*{prev}" for _ in range(10)) + "]")
    f["r_alias_bomb_keys.yaml"] = ("\n".join(laughs) + "\nexam: {code: *j, total: 1}\nquestions: []\n").encode()
    # A bomb of rubric shape: parts lists that alias the level below, 10 wide and 5 deep
    # (10^5 leaves, about 10^6 nodes once expanded), within the part-depth limit.
    bomb = ['exam: {code: BOMB101, total: 1}', 'lexicon:',
            '  terms: &p0 [' + ", ".join(f'{{id: l{i}, marks: 1, concepts: [{{id: c, marks: 1, match: [w]}}]}}' for i in range(10)) + ']']
    for k in range(1, 5):
        bomb.append(f'  variants: &p{k} [' + ", ".join(f'{{id: n{i}, parts: *p{k - 1}}}' for i in range(10)) + ']')
    bomb += ['questions:', '  - id: "1"', '    marks: 1', '    parts: *p4']
    f["r_alias_bomb.yaml"] = ("\n".join(bomb) + "\n").encode()
    f["r_alias_undefined.yaml"] = b"exam: *nowhere\nquestions: []\n"
    f["r_self_alias.yaml"] = b"exam: &x {code: X, total: *x}\nquestions: []\n"
    f["r_list_root.yaml"] = b"- exam\n- questions\n"
    f["r_scalar_root.yaml"] = b"just a sentence, not a rubric\n"
    f["r_two_documents.yaml"] = (MINIMAL_RUBRIC + "---\n" + MINIMAL_RUBRIC).encode()
    f["r_unterminated_quote.yaml"] = b'exam: {code: "HOST101, total: 2}\nquestions: []\n'
    f["r_tab_indent.yaml"] = b"exam:\n\tcode: X\n\ttotal: 1\nquestions: []\n"
    f["r_huge_number.yaml"] = MINIMAL_RUBRIC.replace("total: 2", "total: 1e999").replace("marks: 2\n    concepts", "marks: 1e999\n    concepts").encode()
    f["r_nan_marks.yaml"] = MINIMAL_RUBRIC.replace("marks: 2\n    concepts", "marks: .nan\n    concepts").encode()
    f["r_negative_marks.yaml"] = MINIMAL_RUBRIC.replace("marks: 2\n    concepts", "marks: -2\n    concepts").encode()
    f["r_huge_word_limit.yaml"] = MINIMAL_RUBRIC.replace("    concepts", "    word_limit: 99999999999999999999999\n    concepts").encode()
    f["r_wrong_types.yaml"] = b"exam: [1, 2]\nquestions: {a: b}\n"
    f["r_unknown_key.yaml"] = MINIMAL_RUBRIC.replace("    concepts", "    consepts: []\n    concepts").encode()
    f["r_duplicate_ids.yaml"] = (MINIMAL_RUBRIC.replace("total: 2", "total: 4") +
                                 MINIMAL_RUBRIC.split("questions:\n")[1]).encode()
    f["r_part_depth_10.yaml"] = nested_yaml_parts(10).encode()
    f["r_expr_nested_10000.yaml"] = rubric_with_wording("expr", "(" * 10000 + "M" + ")" * 10000).encode()
    f["r_expr_long.yaml"] = rubric_with_wording("expr", "+".join(["M"] * 2000)).encode()
    f["r_expr_unary_10000.yaml"] = rubric_with_wording("expr", "-" * 10000 + "M").encode()
    f["r_expr_huge_number.yaml"] = rubric_with_wording("expr", "1e999 * M").encode()
    f["r_shape_nested.yaml"] = rubric_with_wording("shape", "[" * 5000 + "4" + "]" * 5000).encode()
    f["r_pattern_nested_10000.yaml"] = rubric_with_wording("text", "(" * 10000 + "rate" + ")" * 10000).encode()
    f["r_pattern_optional_nested.yaml"] = rubric_with_wording("text", "[" * 5000 + "rate" + "]" * 5000).encode()
    f["r_pattern_unbalanced.yaml"] = rubric_with_wording("text", "(learning | rate").encode()
    f["r_pattern_backslash_end.yaml"] = rubric_with_wording("text", "rate \\\\").encode()
    f["r_number_1e999.yaml"] = rubric_with_wording("number", "1e999 ms").encode()
    f["r_label_pathological.yaml"] = b"""exam: {code: HOST103, total: 3}
questions:
  - id: "../../etc/passwd"
    marks: 1
    concepts: [{id: a, marks: 1, match: [rate]}]
  - id: "1.b"
    marks: 1
    concepts: [{id: a, marks: 1, match: [rate]}]
  - id: ""
    marks: 1
    concepts: [{id: a, marks: 1, match: [rate]}]
"""
    # ---- scripts (automark segment / mark against the ECS7013P rubric)
    f["s_empty.md"] = b""
    rng = random.Random(9)
    f["s_binary.txt"] = bytes(rng.randrange(256) for _ in range(4096))
    f["s_nul.md"] = GOOD_SCRIPT.encode().replace(b"Tanh.", b"Tanh.\x00\x00")
    f["s_utf16.txt"] = b"\xff\xfe" + GOOD_SCRIPT.encode("utf-16-le")
    f["s_utf16_no_bom.txt"] = GOOD_SCRIPT.encode("utf-16-le")
    f["s_invalid_utf8.md"] = GOOD_SCRIPT.encode().replace(b"learning rate", b"learning \xff\xfe rate")
    f["s_overlong_utf8.md"] = GOOD_SCRIPT.encode().replace(b"Tanh.", b"Tanh\xc0\xae \xe0\x80\xaf")
    f["s_bom_only.md"] = b"\xef\xbb\xbf"
    f["s_crlf_only.txt"] = b"\r\n" * 64
    f["s_whitespace_only.txt"] = b" \t\n\f\v " * 20
    f["s_deep_brackets.md"] = b"Question 1\n(a) " + b"(" * 10000 + b"tanh" + b")" * 10000 + b"\n"
    f["s_pathological_labels.md"] = (
        b"Q1(b)(ii)(iv)(x)(i)(v)\n1.1.1.1.1.1.1.1\n(((a)))\nQuestion 99 part zz (mmmcmxcix)\n"
        b"Q0\nQuestion -1\nQ1e999\n" + b"(a)" * 2000 + b"\n" + b"1.b.iii " * 500 + b"\n")
    f["s_many_labels.md"] = b"".join(b"Question %d\n(a) x\n(b)(i) y\n" % (i % 5 + 1) for i in range(3000))
    f["s_numbers.md"] = (b"Question 3\n(b) 1e999 samples, -1e999 ms, NaN, inf, 0x7fffffffffffffff, "
                         b"99999999999999999999999999 samples, 1e-999 s, -0\n")
    f["s_control_chars.md"] = b"Question 1\n(a) Tanh \x1b[2J\x1b]0;pwned\x07 \x08\x08\x7f \xe2\x80\xae reversed \xe2\x80\x8b\n"
    f["s_rtf.txt"] = b"{\\rtf1\\ansi Question 1 (a) Tanh}"
    f["s_ole.doc"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    f["s_docx_not_zip.docx"] = GOOD_SCRIPT.encode()
    good = docx(document_xml(GOOD_DOCX_BODY))
    f["s_docx_truncated.docx"] = good[: len(good) // 2]
    f["s_docx_empty_zip.docx"] = zip_bytes([])
    f["s_docx_no_document.docx"] = zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("word/other.xml", b"<x/>")])
    f["s_docx_bad_xml.docx"] = docx(document_xml(GOOD_DOCX_BODY)[:-40] + b"<w:p><unclosed")
    f["s_docx_no_body.docx"] = docx(b'<?xml version="1.0"?><w:document ' + W_NS + b"/>")
    f["s_docx_empty_body.docx"] = docx(document_xml(b""))
    lol = b'<!DOCTYPE d [<!ENTITY l0 "lol">' + b"".join(
        b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">' % ((i + 1,) + (i,) * 10) for i in range(9)) + b"]>"
    f["s_docx_entity_bomb.docx"] = docx(document_xml(para(b"Question 1") + para(b"(a) Tanh &l9;"), prolog=lol))
    enc = bytearray(good)
    # Set the "encrypted" flag (general purpose bit 0) in every local and central header.
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = enc.find(sig)
        while i >= 0:
            enc[i + off] |= 1
            i = enc.find(sig, i + 4)
    f["s_docx_encrypted.docx"] = bytes(enc)
    f["s_docx_deep_xml.docx"] = docx(document_xml(b"<w:p>" + b"<w:r>" * 20000 + b"<w:t>Question 1 (a) Tanh</w:t>" + b"</w:r>" * 20000 + b"</w:p>"))
    f["s_docx_traversal_names.docx"] = docx(document_xml(GOOD_DOCX_BODY),
                                            extra=[("../../evil.txt", b"x"), ("/abs/evil.txt", b"y")])
    f["s_pdf_not_pdf.pdf"] = GOOD_SCRIPT.encode()
    f["s_pdf_header_only.pdf"] = b"%PDF-1.4\n"
    good_pdf = pdf([text_page([b"Student ID: 2409997", b"Question 1", b"(a) Tanh."])])
    f["s_pdf_truncated.pdf"] = good_pdf[:200]
    f["s_pdf_no_text.pdf"] = pdf([b"0 0 m 100 100 l S"])
    f["s_pdf_encrypted.pdf"] = encrypted_pdf()
    f["s_pdf_bad_xref.pdf"] = good_pdf.replace(b"startxref\n", b"startxref\n9") 
    f["s_json_wrong_types.json"] = b'{"student": 5, "answers": {"1.a": [1, 2]}}'
    f["s_json_answer_list.json"] = b'{"student": "2409996", "answers": {"1.a": ["Tanh", {"x": 1}]}}'
    f["s_json_deep.json"] = b"[" * 10000 + b"]" * 10000
    f["s_json_truncated.json"] = b'{"student": "2409995", "answers": {"1.a": "Ta'
    f["s_json_answers_not_object.json"] = b'{"student": "2409994", "answers": "Tanh"}'
    f["s_json_huge_number.json"] = b'{"student": 1e999, "answers": {"1.a": "Tanh"}}'
    f["s_json_unknown_part.json"] = b'{"student": "2409993", "answers": {"9.z.xx": "Tanh", "1.a": "Tanh"}}'
    f["s_json_empty_list.json"] = b"[]"
    f["s_json_nul_in_id.json"] = b'{"student": "24\\u0000099", "answers": {"1.a": "Tanh"}}'
    f["s_yaml_alias_bomb.yaml"] = ("\n".join(laughs) + '\nstudent: "2409992"\nanswers: {"1.a": *j}\n').encode()
    f["s_yaml_invalid.yaml"] = b'student: "2409991\nanswers: {1.a: [\n'
    f["s_yaml_deep.yaml"] = b"student: x\nanswers: " + b"[" * 10000 + b"]" * 10000 + b"\n"
    f["s_csv_ragged.csv"] = b"student,1.a,1.b.i\n2409990,Tanh,learning rate\n2409989,Tanh\n2409988,a,b,c,d\n"
    f["s_csv_duplicate_ids.csv"] = b"student,1.a\n2409987,Tanh\n2409986,ReLU\n2409987,Sigmoid\n"
    f["s_csv_unterminated_quote.csv"] = b'student,1.a\n2409985,"Tanh\n2409984,ReLU\n'
    f["s_csv_header_only.csv"] = b"student,1.a,1.b.i\n"
    f["s_csv_no_student_column.csv"] = b"name,1.a\nx,Tanh\n"
    f["s_csv_no_part_columns.csv"] = b"student,foo,bar\n2409983,a,b\n"
    f["s_csv_empty_id.csv"] = b"student,1.a\n,Tanh\n"
    f["s_csv_nul.csv"] = b"student,1.a\n2409982,Ta\x00nh\n"
    # ---- ids that must never become paths (automark mark --out)
    f["s_id_traversal.md"] = b"Student ID: ../../etc/passwd\n\n" + GOOD_SCRIPT.split("\n", 1)[1].encode()
    f["s_id_windows_device.md"] = b"Student ID: CON\n\n" + GOOD_SCRIPT.split("\n", 1)[1].encode()
    f["s_id_json_traversal.json"] = b'{"student": "../../../tmp/escape", "answers": {"1.a": "Tanh"}}'
    f["s_id_json_absolute.json"] = b'{"student": "/etc/cron.d/x", "answers": {"1.a": "Tanh"}}'
    f["s_id_csv_traversal.csv"] = (b'student,1.a\n../up,Tanh\n..,ReLU\n.hidden,Sigmoid\n"a/b\\\\c",Tanh\n'
                                   b'NUL.txt,Tanh\n')
    return f


# ---------------------------------------------------------------- big files

def big_files():
    f = {}
    f["r_long_line.yaml"] = b"x" * 1_000_000 + b"\n"
    f["r_over_4mib.yaml"] = MINIMAL_RUBRIC.encode() + (b"# padding " + b"p" * 89 + b"\n") * 45000
    parts = "\n".join(f'      - {{id: "p{i}", marks: 1, concepts: [{{id: c, marks: 1, match: [word]}}]}}' for i in range(5000))
    f["r_5000_parts.yaml"] = f"exam: {{code: BIG101, total: 5000}}\nquestions:\n  - id: \"1\"\n    marks: 5000\n    parts:\n{parts}\n".encode()
    f["r_pattern_10000_alternatives.yaml"] = rubric_with_wording("text", "(" + " | ".join(f"w{i}x" for i in range(10000)) + ")").encode()
    f["r_pattern_10000_words.yaml"] = rubric_with_wording("text", " ".join(["rate"] * 10000)).encode()
    f["r_many_nodes.yaml"] = b"exam: {code: N, total: 1}\nquestions: []\nextra: [" + b"1," * 250000 + b"1]\n"
    f["s_long_line.md"] = b"Question 1\n(b)(i) " + b"rate " * 200_000 + b"\n"
    f["s_long_word.md"] = b"Question 1\n(b)(i) " + b"a" * 1_000_000 + b"\n"
    f["s_over_4mib_text.md"] = b"Question 1\n(a) " + (b"word " * 20 + b"\n") * 50_000
    f["s_over_16mib.txt"] = b"Question 1\n(a) " + b"z" * (17 << 20)
    f["s_csv_100kb_field.csv"] = b'student,1.b.i\n2409981,"' + b"rate " * 20_000 + b'"\n'
    f["s_csv_many_columns.csv"] = b"student," + b",".join(b"1.a" if i == 0 else b"c%d" % i for i in range(20000)) + b"\n2409980,Tanh," + b"x," * 19998 + b"x\n"
    # document.xml of 70 MiB of spaces (over the 64 MiB limit): a zip bomb of ~70 KB.
    bomb = document_xml(para(b"Question 1") + para(b"(a) Tanh") + b" " * (70 << 20))
    f["s_docx_bomb.docx"] = docx(bomb)
    f["s_docx_2500_entries.docx"] = docx(document_xml(GOOD_DOCX_BODY),
                                         extra=[(f"word/media/x{i}.xml", b"<x/>") for i in range(2500)])
    # A zip whose headers claim document.xml is small but which inflates to 72 MiB.
    lying = bytearray(docx(document_xml(para(b"Question 1") + b" " * (72 << 20))))
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = lying.find(sig)
        while i >= 0:
            name_len = struct.unpack_from("<H", lying, i + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_off = i + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(lying[name_off:name_off + name_len]) == b"word/document.xml":
                struct.pack_into("<I", lying, i + off, 1000)
            i = lying.find(sig, i + 4)
    f["s_docx_lying_size.docx"] = bytes(lying)
    f["s_pdf_600_pages.pdf"] = pdf([text_page([b"page %d" % i]) for i in range(600)])
    f["s_json_10000_char_id.json"] = b'{"student": "' + b"7" * 10000 + b'", "answers": {"1.a": "Tanh"}}'
    f["s_id_long.md"] = b"Student ID: " + b"A" * 10000 + b"\n\nQuestion 1\n(a) Tanh.\n"
    f["s_many_attempts.md"] = b"Question 1\n" + b"(a) Tanh.\n" * 5000
    return f


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("small", "big"):
        sys.exit(__doc__)
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    files = small_files() if sys.argv[1] == "small" else big_files()
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as fh:
            fh.write(data)


if __name__ == "__main__":
    main()
