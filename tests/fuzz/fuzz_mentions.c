/* tests/fuzz/fuzz_mentions.c: libFuzzer target for extract/mentions.
 *
 * The input is the text; its first byte picks a publication date
 * precision and whether a small lexicon is used, so relative dates and
 * name matching are exercised too. Every returned mention is checked:
 * spans sorted, disjoint, inside the text, text equal to the span. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/mentions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct mention_lexicon_entry lexicon[] = {
    {"Асқар Қайырбек", "p-1", MENTION_PERSON},
    {"Аскар Кайырбек", "p-1", MENTION_PERSON},
    {"Anna Rittman", "p-2", MENTION_PERSON},
    {"ДВК", "o-1", MENTION_ORGANIZATION},
    {"Ана", "p-3", MENTION_PERSON},
    {"Ош-Ош", "p-4", MENTION_PERSON},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mentions_opts o;
	struct mention_list l;
	cw_err e = CW_ERR_INIT;
	const char *text = (const char *)data;
	size_t prev_end = 0;

	memset(&o, 0, sizeof(o));
	if (size > 0) {
		uint8_t b = data[0];
		if (b & 1) {
			o.published.year = 2021;
			o.published.month = (b & 2) ? 1 : 0;
			o.published.day = (b & 6) == 6 ? 1 : 0;
		}
		if (b & 8) {
			o.lexicon = lexicon;
			o.lexicon_len = sizeof(lexicon) / sizeof(lexicon[0]);
		}
	}
	mention_list_init(&l);
	if (mentions_find(text, size, &o, &l, &e) == 0) {
		for (size_t i = 0; i < l.len; i++) {
			const struct mention *m = &l.items[i];
			size_t n = strlen(m->text);
			if (m->start < prev_end || m->end <= m->start ||
			    m->byte_end > size || m->byte_end - m->byte_start != n ||
			    memcmp(text + m->byte_start, m->text, n))
				abort();
			prev_end = m->end;
		}
	} else if (e.code != CW_EINVAL && e.code != CW_ELIMIT) {
		abort();
	}
	mention_list_release(&l);
	return 0;
}
