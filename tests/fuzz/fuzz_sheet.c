/* tests/fuzz/fuzz_sheet.c: libFuzzer target for io/sheet (.xlsx, .ods).
 * The first byte picks the format; the rest is the file. Checks: no
 * crash, bounded memory, rows in increasing order, cells in increasing
 * column order within the limits, every cell as long as it says. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	unsigned last_row;
	long rows;
};

static int on_row(void *arg, const struct io_sheet_row *r, cw_err *e)
{
	struct seen *s = arg;
	(void)e;
	if (r->row < s->last_row || !r->n)
		abort();
	for (size_t i = 0; i < r->n; i++) {
		if (r->cells[i].col >= IO_SHEET_MAX_COLS || strlen(r->cells[i].text) != r->cells[i].len)
			abort();
		if (i && r->cells[i].col < r->cells[i - 1].col)
			abort();
	}
	s->last_row = r->row;
	return ++s->rows > 200000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd;
	io_sheet *wb = NULL;
	cw_err e = CW_ERR_INIT;

	if (size < 1)
		return 0;
	fd = memfd_create("fuzz-sheet", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (write(fd, data + 1, size - 1) == (ssize_t)(size - 1) &&
	    io_sheet_open_fd(data[0] & 1 ? "f.ods" : "f.xlsx", fd, &wb, &e) == 0) {
		for (size_t i = 0; i < io_sheet_count(wb); i++) {
			struct seen s = { 0, 0 };
			io_sheet_read(wb, i, on_row, &s, &e);
		}
		io_sheet_close(wb);
	}
	close(fd);
	return 0;
}
