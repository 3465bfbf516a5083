#!/usr/bin/env python3
"""Writes the HTML and CSV fixtures of a list from a huiqi JSON export of its items.

The fixtures hold the same items as the text file they were exported from, so the parser tests
can check that every format reads to the same six columns.

    # export the items with huiqi itself (the text parser), then write the fixtures
    build/huiqi import ../shared/data/liaoyang-2023-07-31.txt --db /tmp/fixtures.db
    build/huiqi export --format json --db /tmp/fixtures.db --out /tmp/liaoyang.json
    tests/data/make_fixtures.py /tmp/liaoyang.json \
        --counts-from ../shared/data/liaoyang-2023-07-31.txt --out-dir tests/data

or, in one step: tests/data/make_fixtures.py --huiqi build/huiqi \
        --text ../shared/data/liaoyang-2023-07-31.txt --out-dir tests/data

Input: {"list": {"id", "title", "issuer", "published", ...},
        "items": [{"seq", "category", "title", "content", "basis", "departments"}, ...]}
("departments_raw" is accepted for "departments"). The export carries category names only;
the declared counts of the published headers ("财政资金支持(共48项)") come from list.categories
([{"name", "declared"}]) when present, else from the category headers of --counts-from.

Output: <id>.html, the page as published (title, "来源:… 发布时间:…", one table whose category
cell spans its items), and <id>.csv, as a spreadsheet saves it (UTF-8 with BOM, CRLF, Chinese
headers, category with its count and departments with their label, as in the table).
Python 3 standard library only.
"""

import argparse
import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile

COLUMNS = ["政策类别", "序号", "扶持政策事项", "政策内容", "政策依据", "实施部门"]
DEPARTMENT_LABEL = "责任单位:"


def run_huiqi(huiqi, text_path):
    """Imports the text file into a scratch database and returns the JSON export."""
    with tempfile.TemporaryDirectory() as scratch:
        db = os.path.join(scratch, "fixtures.db")
        out = os.path.join(scratch, "export.json")
        subprocess.run([huiqi, "import", text_path, "--db", db], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([huiqi, "export", "--format", "json", "--db", db, "--out", out],
                       check=True)
        with open(out, encoding="utf-8") as f:
            return json.load(f)


def declared_counts(doc, counts_from):
    """Category name → the count its published header declares."""
    counts = {}
    for category in doc.get("list", {}).get("categories", []) or []:
        if category.get("declared", -1) >= 0:
            counts[category["name"]] = int(category["declared"])
    if counts or not counts_from:
        return counts
    names = {item["category"] for item in doc["items"] if item.get("category")}
    with open(counts_from, encoding="utf-8-sig") as f:
        text = f.read()
    # Only the category headers are read here ("财政资金支持(共48项)"), never the items.
    for name in names:
        match = re.search(re.escape(name) + r"\s*[(（]共(\d+)项[)）]", text)
        if match:
            counts[name] = int(match.group(1))
    return counts


def normalized_items(doc):
    items = []
    for item in doc["items"]:
        departments = item.get("departments", item.get("departments_raw", ""))
        if isinstance(departments, list):  # [{name, raw}] in the API form: keep the raw text
            departments = "、".join(d.get("raw") or d.get("name", "") for d in departments)
        items.append({
            "seq": int(item["seq"]),
            "category": item.get("category", "") or "",
            "title": item.get("title", "") or "",
            "content": item.get("content", "") or "",
            "basis": item.get("basis", "") or "",
            "departments": departments or "",
        })
    return items


def category_cell(name, counts):
    return f"{name}(共{counts[name]}项)" if name in counts else name


def department_cell(departments):
    return DEPARTMENT_LABEL + departments if departments else ""


def runs(items):
    """Consecutive items of the same category: the rows one category cell spans."""
    group = []
    for item in items:
        if group and item["category"] != group[0]["category"]:
            yield group
            group = []
        group.append(item)
    if group:
        yield group


def cell(value):
    # A line break inside a field becomes <br>, which the parser reads as a break.
    return "<br>".join(html.escape(line, quote=False) for line in value.split("\n"))


def make_html(info, items, counts):
    out = io.StringIO()
    title = html.escape(info.get("title", ""), quote=False)
    out.write("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
    out.write(f"<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n")
    source = html.escape(info.get("issuer", ""), quote=False)
    published = html.escape(info.get("published", ""), quote=False)
    out.write(f"<p class=\"info\">来源:{source} 发布时间:{published}</p>\n")
    out.write("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<thead>\n<tr>")
    out.write("".join(f"<th>{name}</th>" for name in COLUMNS))
    out.write("</tr>\n</thead>\n<tbody>\n")
    for group in runs(items):
        for index, item in enumerate(group):
            out.write("<tr>\n")
            if index == 0:
                span = f" rowspan=\"{len(group)}\"" if len(group) > 1 else ""
                out.write(f"<td{span}>{cell(category_cell(item['category'], counts))}</td>\n")
            out.write(f"<td>{item['seq']}</td>\n")
            out.write(f"<td>{cell(item['title'])}</td>\n")
            out.write(f"<td>{cell(item['content'])}</td>\n")
            out.write(f"<td>{cell(item['basis'])}</td>\n")
            out.write(f"<td>{cell(department_cell(item['departments']))}</td>\n")
            out.write("</tr>\n")
    out.write("</tbody>\n</table>\n</body>\n</html>\n")
    return out.getvalue()


def make_csv(items, counts):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow([category_cell(item["category"], counts), item["seq"], item["title"],
                         item["content"], item["basis"], department_cell(item["departments"])])
    return "\ufeff" + out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", nargs="?", help="JSON export of the list (huiqi export)")
    parser.add_argument("--huiqi", help="huiqi binary: import --text and export it")
    parser.add_argument("--text", help="the list's text file, for --huiqi")
    parser.add_argument("--counts-from", help="text file whose category headers give the counts")
    parser.add_argument("--out-dir", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--name", help="base name of the fixtures (default: the list id)")
    args = parser.parse_args()

    if args.export:
        with open(args.export, encoding="utf-8") as f:
            doc = json.load(f)
    elif args.huiqi and args.text:
        doc = run_huiqi(args.huiqi, args.text)
    else:
        parser.error("give an export file, or --huiqi and --text")
    counts_from = args.counts_from or args.text

    info = doc.get("list", {})
    items = normalized_items(doc)
    counts = declared_counts(doc, counts_from)
    name = args.name or info.get("id") or "list"
    # newline="" keeps the CRLF of the CSV and the LF of the HTML as written.
    with open(os.path.join(args.out_dir, name + ".html"), "w", encoding="utf-8",
              newline="") as f:
        f.write(make_html(info, items, counts))
    with open(os.path.join(args.out_dir, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        f.write(make_csv(items, counts))
    print(f"wrote {name}.html and {name}.csv: {len(items)} items, "
          f"counts {counts or 'none'}", file=sys.stderr)


if __name__ == "__main__":
    main()
