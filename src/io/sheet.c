/* io/sheet.c: reading .xlsx and .ods workbooks. See sheet.h.
 *
 * Both are zip files of XML. XLSX: xl/workbook.xml lists the sheets and
 * xl/_rels/workbook.xml.rels where each one is; xl/sharedStrings.xml holds
 * the strings cells refer to by number; xl/styles.xml says which cell
 * styles are dates (cells hold day numbers then). ODS: content.xml holds
 * every sheet (table:table), with repeated rows and cells compressed. */
#include "io/sheet.h"

#include <libxml/xmlreader.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/grow.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define ODS_MAX_REPEAT 1024 /* repeated cells or rows with content, at most */

struct io_sheet {
	zip_t *zip;
	char *path;
	bool ods;
	bool date1904;
	size_t n, cap;
	char **names;
	char **parts; /* xlsx: the part of each sheet */
	/* xlsx: shared strings and which styles are dates */
	char **strings;
	size_t nstrings, capstrings;
	bool *date_style;
	size_t nstyles;
	bool loaded;
};

bool io_sheet_is(const char *path)
{
	size_t n = strlen(path);
	return (n > 5 && !strcasecmp(path + n - 5, ".xlsx")) ||
	       (n > 4 && !strcasecmp(path + n - 4, ".ods"));
}

void io_sheet_ref(unsigned col, unsigned row, char out[24])
{
	char letters[8];
	int n = 0;

	col++;
	while (col && n < 7) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n / 2; i++) {
		char t = letters[i];
		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	letters[n] = 0;
	snprintf(out, 24, "%s%u", letters, row);
}

/* The part name of the zip, whole, NUL-terminated; NULL (e set) when it
 * is missing (and required), too large or unreadable. */
static char *read_part(io_sheet *s, const char *name, bool required, size_t *len,
                       cw_err *e)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;
	zip_int64_t got;

	zip_stat_init(&st);
	if (zip_stat(s->zip, name, 0, &st) || !(st.valid & ZIP_STAT_SIZE)) {
		if (required)
			cw_err_set(e, CW_EINVAL, "%s: not a spreadsheet (no %s inside)",
			           s->path, name);
		return NULL;
	}
	if (st.size > IO_SHEET_MAX_PART) {
		cw_err_set(e, CW_ELIMIT, "%s: %s is over %u MB uncompressed", s->path,
		           name, IO_SHEET_MAX_PART >> 20);
		return NULL;
	}
	if (!(buf = malloc((size_t)st.size + 1))) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		return NULL;
	}
	if (!(f = zip_fopen(s->zip, name, 0))) {
		free(buf);
		cw_err_set(e, CW_EINVAL, "%s: cannot read %s", s->path, name);
		return NULL;
	}
	got = zip_fread(f, buf, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(buf);
		cw_err_set(e, CW_EINVAL, "%s: %s is damaged", s->path, name);
		return NULL;
	}
	buf[st.size] = 0;
	*len = (size_t)st.size;
	return buf;
}

static xmlTextReaderPtr reader_for(const char *buf, size_t len)
{
	/* no network, no DTD loading, no entity expansion (the defaults keep
	 * entities unexpanded), recover nothing */
	return xmlReaderForMemory(buf, (int)len, NULL, NULL,
	                          XML_PARSE_NONET | XML_PARSE_NOERROR |
	                              XML_PARSE_NOWARNING);
}

static bool is(xmlTextReaderPtr r, const char *local)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);
	return n && !strcmp((const char *)n, local);
}

static bool start(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && is(r, local);
}

static bool end(xmlTextReaderPtr r, const char *local)
{
	return xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT && is(r, local);
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
	char *s = v ? strdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static char *attr_ns(xmlTextReaderPtr r, const char *local, const char *ns)
{
	xmlChar *v =
	    xmlTextReaderGetAttributeNs(r, (const xmlChar *)local, (const xmlChar *)ns);
	char *s = v ? strdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static int add_sheet(io_sheet *s, char *name, char *part, cw_err *e)
{
	if (cw_grow(&s->names, &s->cap, s->n + 1, sizeof(*s->names), 8)) {
		free(name);
		free(part);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	s->parts = realloc(s->parts, s->cap * sizeof(*s->parts));
	if (!s->parts) {
		free(name);
		free(part);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	s->names[s->n] = name;
	s->parts[s->n] = part;
	s->n++;
	return 0;
}

static int open_xlsx(io_sheet *s, cw_err *e)
{
	size_t wl, rl;
	char *wb = read_part(s, "xl/workbook.xml", true, &wl, e), *rels = NULL;
	xmlTextReaderPtr r = NULL;
	char **ids = NULL;
	size_t nids = 0, capids = 0;
	int rc = -1;

	if (!wb)
		return -1;
	if (!(rels = read_part(s, "xl/_rels/workbook.xml.rels", true, &rl, e)))
		goto out;
	if (!(r = reader_for(wb, wl)))
		goto bad;
	while (xmlTextReaderRead(r) == 1) {
		if (start(r, "workbookPr")) {
			char *d = attr(r, "date1904");
			s->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
			free(d);
		} else if (start(r, "sheet")) {
			char *name = attr(r, "name"), *id = attr_ns(r, "id", NS_REL);
			if (!name || !id ||
			    cw_grow(&ids, &capids, nids + 1, sizeof(*ids), 8) ||
			    add_sheet(s, name, NULL, e)) {
				free(id);
				if (!e->msg[0])
					cw_err_set(e, CW_EINVAL,
					           "%s: a sheet without a name", s->path);
				goto out;
			}
			ids[nids++] = id;
		}
	}
	xmlFreeTextReader(r);
	if (!(r = reader_for(rels, rl)))
		goto bad;
	while (xmlTextReaderRead(r) == 1) {
		char *id, *target;
		if (!start(r, "Relationship"))
			continue;
		id = attr(r, "Id");
		target = attr(r, "Target");
		for (size_t i = 0; id && target && i < nids; i++) {
			if (strcmp(ids[i], id) || s->parts[i])
				continue;
			if (target[0] == '/')
				s->parts[i] = strdup(target + 1);
			else if ((s->parts[i] = malloc(strlen(target) + 4)))
				snprintf(s->parts[i], strlen(target) + 4, "xl/%s",
				         target);
		}
		free(id);
		free(target);
	}
	for (size_t i = 0; i < s->n; i++)
		if (!s->parts[i]) {
			cw_err_set(e, CW_EINVAL, "%s: sheet '%s' has no part", s->path,
			           s->names[i]);
			goto out;
		}
	rc = 0;
	goto out;
bad:
	cw_err_set(e, CW_EINVAL, "%s: the workbook is not readable XML", s->path);
out:
	if (r)
		xmlFreeTextReader(r);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(wb);
	free(rels);
	return rc;
}

/* Text of the current element up to its end (all text below it; for an
 * XLSX <si>, phonetic runs left out). */
static int element_text(xmlTextReaderPtr r, const char *local, cw_buf *b)
{
	int depth = xmlTextReaderDepth(r), skip = -1;

	if (xmlTextReaderIsEmptyElement(r))
		return 0;
	while (xmlTextReaderRead(r) == 1) {
		int t = xmlTextReaderNodeType(r);
		if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth &&
		    is(r, local))
			return 0;
		if (t == XML_READER_TYPE_ELEMENT && skip < 0 &&
		    (is(r, "rPh") || is(r, "phoneticPr")) &&
		    !xmlTextReaderIsEmptyElement(r))
			skip = xmlTextReaderDepth(r);
		else if (t == XML_READER_TYPE_END_ELEMENT &&
		         xmlTextReaderDepth(r) == skip)
			skip = -1;
		else if (skip < 0 &&
		         (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
		          t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v && cw_buf_adds(b, (const char *)v))
				return -1;
		}
	}
	return 0;
}

static bool date_format(const char *code)
{
	bool q = false;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			q = !q;
		else if (*p == '[') {
			const char *c = strchr(p, ']');
			if (!c)
				break;
			p = c;
		} else if (*p == '\\' && p[1])
			p++;
		else if (!q && (*p == 'd' || *p == 'D' || *p == 'y' || *p == 'Y'))
			return true;
	}
	return false;
}

static bool builtin_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	       (id >= 50 && id <= 58);
}

static int load_xlsx_shared(io_sheet *s, cw_err *e)
{
	size_t len;
	char *buf;
	xmlTextReaderPtr r;
	cw_buf b = CW_BUF_INIT;
	long *fmt_ids = NULL, *fmt_date = NULL;
	size_t nfmt = 0, capfmt = 0, capstyles = 0;
	bool in_xfs = false;

	cw_err_clear(e);
	if ((buf = read_part(s, "xl/sharedStrings.xml", false, &len, e))) {
		if (!(r = reader_for(buf, len))) {
			free(buf);
			return cw_err_set(e, CW_EINVAL, "%s: shared strings unreadable",
			                  s->path);
		}
		while (xmlTextReaderRead(r) == 1) {
			if (!start(r, "si"))
				continue;
			cw_buf_reset(&b);
			if (element_text(r, "si", &b) ||
			    cw_grow(&s->strings, &s->capstrings, s->nstrings + 1,
			            sizeof(*s->strings), 256) ||
			    !(s->strings[s->nstrings] = strdup(b.data))) {
				xmlFreeTextReader(r);
				free(buf);
				cw_buf_release(&b);
				return cw_err_set(e, CW_ENOMEM, "out of memory");
			}
			s->nstrings++;
		}
		xmlFreeTextReader(r);
		free(buf);
	} else if (e->code != CW_OK) {
		return -1;
	}
	cw_buf_release(&b);
	if (!(buf = read_part(s, "xl/styles.xml", false, &len, e)))
		return e->code != CW_OK ? -1 : 0;
	if (!(r = reader_for(buf, len))) {
		free(buf);
		return cw_err_set(e, CW_EINVAL, "%s: styles unreadable", s->path);
	}
	while (xmlTextReaderRead(r) == 1) {
		if (start(r, "numFmt")) {
			char *id = attr(r, "numFmtId"), *code = attr(r, "formatCode");
			if (id && code &&
			    !cw_grow(&fmt_ids, &capfmt, nfmt + 1, sizeof(*fmt_ids), 16)) {
				fmt_date = realloc(fmt_date, capfmt * sizeof(*fmt_date));
				if (fmt_date) {
					fmt_ids[nfmt] = strtol(id, NULL, 10);
					fmt_date[nfmt] = date_format(code);
					nfmt++;
				}
			}
			free(id);
			free(code);
		} else if (start(r, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		} else if (end(r, "cellXfs")) {
			in_xfs = false;
		} else if (in_xfs && start(r, "xf")) {
			char *id = attr(r, "numFmtId");
			long n = id ? strtol(id, NULL, 10) : 0;
			bool d = builtin_date(n);
			for (size_t i = 0; i < nfmt; i++)
				if (fmt_ids[i] == n)
					d = fmt_date[i];
			free(id);
			if (!cw_grow(&s->date_style, &capstyles, s->nstyles + 1,
			             sizeof(*s->date_style), 32))
				s->date_style[s->nstyles++] = d;
		}
	}
	xmlFreeTextReader(r);
	free(buf);
	free(fmt_ids);
	free(fmt_date);
	return 0;
}

/* "B12" -> column 1 */
static long ref_col(const char *ref)
{
	long c = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		c = c * 26 + (*ref - 'A' + 1);
	return c - 1;
}

/* Day number to YYYY-MM-DD (the 1900 system counts a 29 February 1900
 * that never was: its day 60 onwards are one off). */
static bool serial_date(const char *v, bool d1904, char out[16])
{
	char *endp;
	double x = strtod(v, &endp);
	long days;
	cw_date d;
	long long jd;

	if (endp == v || *endp || x < 1 || x > 2958465)
		return false;
	days = (long)x;
	/* Days from 1899-12-30 (1900 system, from day 61) or 1904-01-01. */
	if (!d1904 && days < 61)
		days += 1;                           /* 1900-01-01 is day 1 */
	jd = (d1904 ? 2416481LL : 2415019LL) + days; /* Julian day numbers */
	{
		long long a = jd + 32044, b = (4 * a + 3) / 146097,
		          c = a - 146097 * b / 4;
		long long dd = (4 * c + 3) / 1461, ee = c - 1461 * dd / 4,
		          m = (5 * ee + 2) / 153;
		int day = (int)(ee - (153 * m + 2) / 5 + 1),
		    mon = (int)(m + 3 - 12 * (m / 10));
		int year = (int)(100 * b + dd - 4800 + m / 10);
		snprintf(out, 16, "%04d-%02d-%02d", year, mon, day);
	}
	return cw_date_parse(out, strlen(out), &d, NULL) == 0;
}

struct rowbuf {
	struct io_sheet_cell *cells;
	size_t n, cap;
	cw_buf text; /* every cell's text, NUL-separated */
	size_t *off;
	size_t capoff;
};

static void rowbuf_release(struct rowbuf *rb)
{
	cw_buf_release(&rb->text);
	free(rb->cells);
	free(rb->off);
}

static int row_add(struct rowbuf *rb, unsigned col, const char *t, size_t len)
{
	if (!len)
		return 0;
	if (rb->n >= IO_SHEET_MAX_COLS)
		return 0;
	if (cw_grow(&rb->cells, &rb->cap, rb->n + 1, sizeof(*rb->cells), 16) ||
	    cw_grow(&rb->off, &rb->capoff, rb->n + 1, sizeof(*rb->off), 16))
		return -1;
	rb->off[rb->n] = rb->text.len;
	rb->cells[rb->n].col = col;
	rb->cells[rb->n].len = len;
	rb->n++;
	if (cw_buf_add(&rb->text, t, len) || cw_buf_addch(&rb->text, 0))
		return -1;
	return 0;
}

static int row_emit(struct rowbuf *rb, unsigned row, io_sheet_row_fn fn, void *arg,
                    cw_err *e)
{
	struct io_sheet_row r = {row, rb->cells, rb->n};
	int rc = 0;

	for (size_t i = 0; i < rb->n; i++)
		rb->cells[i].text = rb->text.data + rb->off[i];
	if (rb->n)
		rc = fn(arg, &r, e);
	rb->n = 0;
	cw_buf_reset(&rb->text);
	return rc;
}

static int read_xlsx(io_sheet *s, size_t i, io_sheet_row_fn fn, void *arg, cw_err *e)
{
	size_t len;
	char *buf = read_part(s, s->parts[i], true, &len, e);
	xmlTextReaderPtr r;
	struct rowbuf rb = {0};
	cw_buf v = CW_BUF_INIT;
	unsigned row = 0;
	long col = -1;
	int rc = 0, res;

	if (!buf)
		return -1;
	if (!(r = reader_for(buf, len))) {
		free(buf);
		return cw_err_set(e, CW_EINVAL, "%s: sheet '%s' unreadable", s->path,
		                  s->names[i]);
	}
	while (!rc && (res = xmlTextReaderRead(r)) == 1) {
		if (start(r, "row")) {
			char *rn = attr(r, "r");
			row = rn ? (unsigned)strtoul(rn, NULL, 10) : row + 1;
			free(rn);
			col = -1;
			if (row > IO_SHEET_MAX_ROWS)
				break;
		} else if (end(r, "row")) {
			rc = row_emit(&rb, row, fn, arg, e);
		} else if (start(r, "c")) {
			char *ref = attr(r, "r"), *t = attr(r, "t"), *st = attr(r, "s");
			char date[16];
			bool empty = xmlTextReaderIsEmptyElement(r);
			col = ref ? ref_col(ref) : col + 1;
			cw_buf_reset(&v);
			if (!empty) {
				/* the value is <v> (or <is><t> for inline strings) */
				cw_buf tmp = CW_BUF_INIT;
				int depth = xmlTextReaderDepth(r);
				while (xmlTextReaderRead(r) == 1) {
					if (end(r, "c") && xmlTextReaderDepth(r) == depth)
						break;
					if (start(r, "v") || start(r, "is")) {
						const char *which =
						    is(r, "v") ? "v" : "is";
						cw_buf_reset(&tmp);
						element_text(r, which, &tmp);
						cw_buf_adds(&v, tmp.data);
					}
				}
				cw_buf_release(&tmp);
			}
			if (t && !strcmp(t, "s")) {
				unsigned long k = strtoul(v.data, NULL, 10);
				const char *str = k < s->nstrings ? s->strings[k] : "";
				cw_buf_reset(&v);
				cw_buf_adds(&v, str);
			} else if (t && !strcmp(t, "b")) {
				bool yes = !strcmp(v.data, "1");
				cw_buf_reset(&v);
				cw_buf_adds(&v, yes ? "true" : "false");
			} else if (!t || !strcmp(t, "n")) {
				unsigned long si = st ? strtoul(st, NULL, 10) : 0;
				if (st && si < s->nstyles && s->date_style[si] &&
				    serial_date(v.data, s->date1904, date)) {
					cw_buf_reset(&v);
					cw_buf_adds(&v, date);
				}
			}
			free(ref);
			free(t);
			free(st);
			if (col >= 0 && col < IO_SHEET_MAX_COLS &&
			    row_add(&rb, (unsigned)col, v.data, v.len))
				rc = cw_err_set(e, CW_ENOMEM, "out of memory");
		}
	}
	if (!rc && res < 0)
		rc = cw_err_set(e, CW_EINVAL, "%s: sheet '%s': not well-formed XML",
		                s->path, s->names[i]);
	xmlFreeTextReader(r);
	free(buf);
	cw_buf_release(&v);
	rowbuf_release(&rb);
	return rc;
}

/* ---- ODS ---- */

static int open_ods(io_sheet *s, cw_err *e)
{
	size_t len;
	char *buf = read_part(s, "content.xml", true, &len, e);
	xmlTextReaderPtr r;
	int rc = 0;

	if (!buf)
		return -1;
	if (!(r = reader_for(buf, len))) {
		free(buf);
		return cw_err_set(e, CW_EINVAL, "%s: content.xml unreadable", s->path);
	}
	while (!rc && xmlTextReaderRead(r) == 1)
		if (start(r, "table")) {
			char *name = attr(r, "table:name");
			rc = add_sheet(s, name ? name : strdup("Sheet"), NULL, e);
		}
	xmlFreeTextReader(r);
	free(buf);
	return rc;
}

static unsigned repeat(xmlTextReaderPtr r, const char *name)
{
	char *v = attr(r, name);
	unsigned long n = v ? strtoul(v, NULL, 10) : 1;
	free(v);
	return n < 1 ? 1 : n > IO_SHEET_MAX_ROWS ? IO_SHEET_MAX_ROWS : (unsigned)n;
}

/* The text of an ODS cell's paragraphs: text:s is spaces, text:tab a tab,
 * text:line-break and each further text:p a newline. */
static int ods_text(xmlTextReaderPtr r, cw_buf *b)
{
	int depth = xmlTextReaderDepth(r), paras = 0;

	if (xmlTextReaderIsEmptyElement(r))
		return 0;
	while (xmlTextReaderRead(r) == 1) {
		int t = xmlTextReaderNodeType(r);
		if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
			return 0;
		if (t == XML_READER_TYPE_ELEMENT) {
			if (is(r, "p") && paras++)
				cw_buf_addch(b, '\n');
			else if (is(r, "s")) {
				unsigned n = repeat(r, "text:c");
				for (unsigned k = 0; k < n && k < 64; k++)
					cw_buf_addch(b, ' ');
			} else if (is(r, "tab"))
				cw_buf_addch(b, '\t');
			else if (is(r, "line-break"))
				cw_buf_addch(b, '\n');
			else if (is(r, "annotation") && !xmlTextReaderIsEmptyElement(r)) {
				int ad = xmlTextReaderDepth(
				    r); /* comments are not the value */
				while (xmlTextReaderRead(r) == 1 &&
				       !(xmlTextReaderNodeType(r) ==
				             XML_READER_TYPE_END_ELEMENT &&
				         xmlTextReaderDepth(r) == ad))
					;
			}
		} else if (t == XML_READER_TYPE_TEXT ||
		           t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v && cw_buf_adds(b, (const char *)v))
				return -1;
		}
	}
	return 0;
}

static int read_ods(io_sheet *s, size_t i, io_sheet_row_fn fn, void *arg, cw_err *e)
{
	size_t len, table = 0;
	char *buf = read_part(s, "content.xml", true, &len, e);
	xmlTextReaderPtr r;
	struct rowbuf rb = {0};
	cw_buf v = CW_BUF_INIT;
	unsigned row = 0, col = 0, rows_rep = 1;
	bool in = false;
	int rc = 0, res;

	if (!buf)
		return -1;
	if (!(r = reader_for(buf, len))) {
		free(buf);
		return cw_err_set(e, CW_EINVAL, "%s: content.xml unreadable", s->path);
	}
	while (!rc && (res = xmlTextReaderRead(r)) == 1) {
		if (start(r, "table")) {
			in = table++ == i;
			row = 0;
		} else if (!in) {
			continue;
		} else if (end(r, "table")) {
			break;
		} else if (start(r, "table-row")) {
			rows_rep = repeat(r, "table:number-rows-repeated");
			col = 0;
			row++;
			if (xmlTextReaderIsEmptyElement(r))
				row += rows_rep - 1;
		} else if (end(r, "table-row")) {
			/* a repeated row with content is the same row several times */
			if (rb.n) {
				unsigned times =
				    rows_rep < ODS_MAX_REPEAT ? rows_rep : ODS_MAX_REPEAT;
				for (size_t c = 0; c < rb.n; c++)
					rb.cells[c].text = rb.text.data + rb.off[c];
				for (unsigned k = 0; !rc && k < times; k++) {
					struct io_sheet_row one = {row + k, rb.cells,
					                           rb.n};
					rc = fn(arg, &one, e);
				}
				rb.n = 0;
				cw_buf_reset(&rb.text);
			}
			row += rows_rep - 1;
			if (row > IO_SHEET_MAX_ROWS)
				break;
		} else if (start(r, "table-cell") || start(r, "covered-table-cell")) {
			unsigned cols_rep = repeat(r, "table:number-columns-repeated");
			char *type = attr(r, "office:value-type");
			char *val = NULL;
			cw_buf_reset(&v);
			if (type && !strcmp(type, "date"))
				val = attr(r, "office:date-value");
			else if (type && !strcmp(type, "boolean"))
				val = attr(r, "office:boolean-value");
			else if (type &&
			         (!strcmp(type, "float") || !strcmp(type, "percentage") ||
			          !strcmp(type, "currency")))
				val = attr(r, "office:value");
			if (ods_text(r, &v))
				rc = cw_err_set(e, CW_ENOMEM, "out of memory");
			if (val) {
				char *tpos = strchr(val, 'T'); /* a date-time: the date */
				if (tpos && !strcmp(type, "date"))
					*tpos = 0;
				cw_buf_reset(&v);
				cw_buf_adds(&v, val);
			}
			for (unsigned k = 0;
			     !rc && v.len && k < cols_rep && k < ODS_MAX_REPEAT; k++)
				if (col + k < IO_SHEET_MAX_COLS &&
				    row_add(&rb, col + k, v.data, v.len))
					rc = cw_err_set(e, CW_ENOMEM, "out of memory");
			col += cols_rep;
			free(type);
			free(val);
		}
	}
	if (!rc && res < 0)
		rc = cw_err_set(e, CW_EINVAL, "%s: content.xml: not well-formed XML",
		                s->path);
	xmlFreeTextReader(r);
	free(buf);
	cw_buf_release(&v);
	rowbuf_release(&rb);
	return rc;
}

/* ---- the workbook ---- */

static int open_common(const char *path, int fd, io_sheet **out, cw_err *e)
{
	io_sheet *s = calloc(1, sizeof(*s));
	int zerr = 0;
	size_t n = strlen(path);

	*out = NULL;
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	}
	s->ods = n > 4 && !strcasecmp(path + n - 4, ".ods");
	if (fd >= 0) {
		int d = dup(fd);
		if (d >= 0 && lseek(d, 0, SEEK_SET) == 0)
			s->zip = zip_fdopen(d, ZIP_RDONLY, &zerr);
		if (!s->zip && d >= 0)
			close(d);
	} else {
		s->zip = zip_open(path, ZIP_RDONLY, &zerr);
	}
	if (!s->zip) {
		bool io =
		    zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ;
		io_sheet_close(s);
		return cw_err_set(e, io ? CW_EIO : CW_EINVAL, "%s: %s", path,
		                  io ? "cannot read"
		                     : "not a spreadsheet (not a zip file)");
	}
	if ((s->ods ? open_ods(s, e) : open_xlsx(s, e))) {
		io_sheet_close(s);
		return -1;
	}
	if (!s->n) {
		io_sheet_close(s);
		return cw_err_set(e, CW_EINVAL, "%s: no sheets", path);
	}
	*out = s;
	return 0;
}

int io_sheet_open(const char *path, io_sheet **out, cw_err *e)
{
	return open_common(path, -1, out, e);
}

int io_sheet_open_fd(const char *name, int fd, io_sheet **out, cw_err *e)
{
	return open_common(name, fd, out, e);
}

void io_sheet_close(io_sheet *s)
{
	if (!s)
		return;
	if (s->zip)
		zip_discard(s->zip);
	for (size_t i = 0; i < s->n; i++) {
		free(s->names[i]);
		free(s->parts ? s->parts[i] : NULL);
	}
	for (size_t i = 0; i < s->nstrings; i++)
		free(s->strings[i]);
	free(s->strings);
	free(s->names);
	free(s->parts);
	free(s->date_style);
	free(s->path);
	free(s);
}

size_t io_sheet_count(const io_sheet *s)
{
	return s->n;
}

const char *io_sheet_name(const io_sheet *s, size_t i)
{
	return i < s->n ? s->names[i] : NULL;
}

long io_sheet_find(const io_sheet *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcasecmp(s->names[i], name))
			return (long)i;
	return -1;
}

int io_sheet_read(io_sheet *s, size_t i, io_sheet_row_fn fn, void *arg, cw_err *e)
{
	if (i >= s->n)
		return cw_err_set(e, CW_EINVAL, "%s: no sheet %zu", s->path, i);
	if (s->ods)
		return read_ods(s, i, fn, arg, e);
	if (!s->loaded) {
		if (load_xlsx_shared(s, e))
			return -1;
		s->loaded = true;
	}
	return read_xlsx(s, i, fn, arg, e);
}
