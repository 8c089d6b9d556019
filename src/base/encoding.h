/* base/encoding.h: a streaming reader that turns a user's file into
 * strict UTF-8 (the input side of CSV and JSON imports).
 *
 * With no encoding (or "utf-8"), the bytes are checked, not converted:
 * invalid UTF-8 is an error naming the line and byte offset
 * ("line 12: invalid UTF-8 at byte offset 345 (use --encoding)").
 * Other encodings ("cp1251"/"windows-1251", "koi8-r",
 * "latin1"/"iso-8859-1", "utf-16", "utf-16le", "utf-16be", or any name
 * glibc iconv knows) are converted to UTF-8. A byte-order mark at the
 * start (UTF-8's, or U+FEFF after conversion) is skipped. A NUL in the
 * (converted) text means a binary file: "binary file (NUL byte on line 3)".
 *
 * Memory is a fixed 64 KB input buffer, whatever the file size. The reader
 * does not own the FILE: the caller opens and closes it. Errors are sticky:
 * after -1, every later read fails the same way. */
#ifndef CW_BASE_ENCODING_H
#define CW_BASE_ENCODING_H

#include <stdio.h>
#include <stdarg.h>
#include <sys/types.h>

#include "base/err.h"

#define ENC_INBUF (64u << 10)

struct enc_reader {
	FILE *f;                   /* not owned */
	void *cd;                  /* iconv_t, or NULL for UTF-8 (validate only) */
	char *in;                  /* ENC_INBUF bytes of raw input */
	size_t inlen;              /* bytes in `in` */
	size_t inpos;              /* bytes of `in` consumed */
	unsigned long long offset; /* file offset of in[inpos] */
	long line;                 /* 1-based line of the next byte delivered */
	unsigned long long out;    /* UTF-8 bytes delivered so far */
	int eof;                   /* fread returned short: no more input */
	int started;               /* the BOM check has been done */
	int failed;                /* a sticky error is in `err` */
	cw_err err;
	char name[32]; /* the encoding's display name, for messages */
};

/* 1 when `name` is an encoding enc_reader_open accepts (NULL = UTF-8). */
int enc_known(const char *name);

/* Start reading f (not owned; it stays open after release) in `encoding`
 * (NULL or "utf-8" for strict UTF-8). Unknown encoding: CW_EUSAGE. */
int enc_reader_open(struct enc_reader *r, FILE *f, const char *encoding, cw_err *e);

/* Read up to cap (>= 4) bytes of UTF-8 into buf. Returns the number of
 * bytes (> 0), 0 at end of file, -1 on error (CW_EINVAL for invalid
 * input or a binary file, CW_EIO for a read error). A chunk never ends
 * inside a UTF-8 sequence. */
ssize_t enc_reader_read(struct enc_reader *r, char *buf, size_t cap, cw_err *e);

/* Free the reader's buffers (not the FILE). Safe on a zeroed struct and
 * more than once. */
void enc_reader_release(struct enc_reader *r);

/* Decoded text in chunks, with a sticky error: what the record readers
 * (csv.c, jsonrec.c) read from. Once a non-recoverable error is seen it
 * is kept in `err`, `failed` is set, and every later call repeats it. */
#define ENC_CHUNK (64u << 10)

struct enc_input {
	struct enc_reader enc;
	char *chunk;        /* ENC_CHUNK bytes of decoded text */
	size_t clen, cpos;  /* bytes in chunk, bytes consumed */
	int eof;
	int failed;
	cw_err err;
};

/* Open with a chunk buffer; on failure everything is released. */
int enc_input_open(struct enc_input *in, FILE *f, const char *encoding, cw_err *e);
/* Make chunk[cpos] available: 1, 0 at the end, -1 on a (sticky) error. */
int enc_input_more(struct enc_input *in, cw_err *e);
/* Record a non-recoverable error, copy it to e (may be NULL), return -1.
 * line > 0: found on that line of the input ("line L: …", cw_err_at). */
int enc_input_fail(struct enc_input *in, cw_err *e, enum cw_code code, long line,
                   const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
void enc_input_release(struct enc_input *in);

#endif
