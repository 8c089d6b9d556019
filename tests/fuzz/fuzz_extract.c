/* tests/fuzz/fuzz_extract.c: libFuzzer target for extract/: the whole
 * pipeline (gunzip, binary check, encoding detection, HTML or text), then
 * each path directly on the same bytes, so HTML inputs also exercise the
 * text path and vice versa. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extract/article.h"
#include "extract/extract_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cw_article a;
	cw_err e = CW_ERR_INIT;

	if (extract_article((const char *)data, size, NULL, &a, &e) == 0)
		cw_article_release(&a);
	if (size > 0) {
		memset(&a, 0, sizeof(a));
		if ((data[0] & 1) == 0)
			extract_html((const char *)data + 1, size - 1, &a, &e);
		else
			extract_text((const char *)data + 1, size - 1, &a, &e);
		cw_article_release(&a);
	}
	return 0;
}
