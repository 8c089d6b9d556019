/* extract/article.c: extract_article(), the module's entry point. */
#include "extract/article.h"

#include <stdlib.h>
#include <string.h>

#include "extract/extract_int.h"

void cw_article_release(struct cw_article *a)
{
	if (!a)
		return;
	free(a->title);
	free(a->text);
	free(a->published);
	free(a->author);
	free(a->language);
	free(a->url);
	memset(a, 0, sizeof(*a));
}

int extract_article(const char *data, size_t len, const char *url_hint,
                    struct cw_article *out, cw_err *e)
{
	struct extract_input in;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	cw_buf_init(&in.text, 0);
	if (!data && len > 0) {
		cw_err_set(e, CW_EINVAL, "no data");
		goto out;
	}
	if (extract_decode(data ? data : "", len, &in, e))
		goto out;
	if (url_hint && *url_hint) {
		out->url = strdup(url_hint);
		if (!out->url) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	out->is_html = in.is_html;
	if (in.is_html ? extract_html(in.text.data, in.text.len, out, e)
	               : extract_text(in.text.data, in.text.len, out, e))
		goto out;
	if (!out->language) {
		const char *l = extract_guess_language(out->text, strlen(out->text));
		if (l && !(out->language = strdup(l))) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	if (rc)
		cw_article_release(out);
	cw_buf_release(&in.text);
	return rc;
}
