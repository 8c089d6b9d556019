/* io/article.c: see article.h. */
#include "io/article.h"

static int set_str_or_null(json_t *o, const char *k, const char *v)
{
	return json_object_set_new(o, k, v ? json_string(v) : json_null());
}

int io_article_json(json_t *o, const struct cw_article *a)
{
	if (set_str_or_null(o, "title", a->title) ||
	    set_str_or_null(o, "text", a->text) ||
	    set_str_or_null(o, "published", a->published) ||
	    set_str_or_null(o, "author", a->author) ||
	    set_str_or_null(o, "language", a->language) ||
	    set_str_or_null(o, "url", a->url))
		return -1;
	return 0;
}
