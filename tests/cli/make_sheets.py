#!/usr/bin/env python3
"""tests/cli/make_sheets.py DIR: write small .xlsx and .ods workbooks for
t_sheets.sh, by hand (zip + XML), so the tests depend on no spreadsheet
program and no third-party file. People are fictional."""
import sys
import zipfile

out = sys.argv[1]

CT = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="People" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets>
</workbook>"""
WBRELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
# style 1: a date (builtin format 14); style 2: a custom dd.mm.yyyy date
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>
</styleSheet>"""
SST = ["id", "names", "born", "sex", "region", "p-x1", "Xeniya Sheetova",
       "Ксения Шитова", "Almaty", "p-x2", "Timur Rowbek", "Shymkent", "notes"]
SHARED = ('<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          + "".join("<si><t>%s</t></si>" % s for s in SST[:7])
          # a rich-text string with a phonetic run that is not part of it
          + "<si><r><t>Ксения </t></r><r><t>Шитова</t></r><rPh><t>ignored</t></rPh></si>"
          + "".join("<si><t>%s</t></si>" % s for s in SST[8:]) + "</sst>")

def s(i):
    return '<c r="%s" t="s"><v>%d</v></c>' % i

SHEET1 = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c><c r="F1" t="s"><v>4</v></c></row>
<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>6</v></c><c r="C2" t="s"><v>7</v></c><c r="D2" s="1"><v>31235</v></c><c r="E2" t="inlineStr"><is><t>f</t></is></c><c r="F2" t="s"><v>8</v></c></row>
<row r="4"><c r="A4" t="s"><v>9</v></c><c r="B4" t="s"><v>10</v></c><c r="D4" s="2"><v>25000</v></c><c r="F4" t="str"><f>"Shym"&amp;"kent"</f><v>Shymkent</v></c></row>
</sheetData></worksheet>"""
SHEET2 = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>not records</t></is></c></row>
</sheetData></worksheet>"""

def xlsx(path, sheet1=SHEET1):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
        z.writestr("xl/styles.xml", STYLES)
        z.writestr("xl/sharedStrings.xml", SHARED)
        z.writestr("xl/worksheets/sheet1.xml", sheet1)
        z.writestr("xl/worksheets/sheet2.xml", SHEET2)

xlsx(out + "/people.xlsx")
# a bad date in row 3, column D
xlsx(out + "/bad.xlsx", SHEET1.replace('<row r="4">', '<row r="3"><c r="A3" t="inlineStr"><is><t>p-x3</t></is></c><c r="B3" t="inlineStr"><is><t>Bad Date</t></is></c><c r="D3" t="inlineStr"><is><t>1985-13-01</t></is></c></row><row r="4">'))

ODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="cases">
<table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>person</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>number</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>region</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>c-x1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>p-x1</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="405"><text:p>405.00</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Almaty<text:s text:c="2"/>Region</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>c-x2</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>p-x2</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
<table:table table:name="events">
<table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>case</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>kind</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>date</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>sentence_months</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>e-x1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>c-x1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>sentenced</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2021-07-07T00:00:00"><text:p>07.07.2021</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="18"><text:p>18</text:p></table:table-cell></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"""

with zipfile.ZipFile(out + "/cases.ods", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", ODS)
