/* extract/html.c: an HTML page -> the article's text and metadata.
 *
 * The page is parsed by libxml2 (with HTML_PARSE_HUGE, so deep nesting is
 * kept rather than cut), then flattened into an array of nodes in document
 * order; every later pass is a loop over that array (a node's subtree is
 * the index range [i, end)), so no pass recurses on the C stack however
 * deep the page is.
 *
 * Passes:
 *  1. walk: record elements and text, collect metadata (meta tags, JSON-LD,
 *     title, canonical link), leave out script/style/forms' controls/...;
 *  2. count text per subtree; drop page furniture: nav/footer/aside/header
 *     and elements whose class or id names furniture (comments, sharing,
 *     related links, ...), unless they hold most of the page's text;
 *  3. count again, score blocks of running text and credit their
 *     containers; the best container, weighed by its link density, is
 *     the article; siblings that read like more of it join it;
 *  4. render the article's subtree(s): paragraphs separated by blank
 *     lines, link lists, forms and short boilerplate lines left out. */
#include "extract/extract_int.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/utf8.h"

/* Tag properties. */
enum {
	T_DROP = 1 << 0,     /* never text: script, style, controls, media */
	T_BLOCK = 1 << 1,    /* starts a new paragraph */
	T_PARA = 1 << 2,     /* a paragraph-like leaf block (p, li, td, h2) */
	T_HEAD = 1 << 3,     /* h1..h6 */
	T_FURN = 1 << 4,     /* nav, footer, aside, header, menu */
	T_LINK = 1 << 5,     /* a */
	T_BR = 1 << 6,       /* br */
	T_LIST = 1 << 7,     /* ul, ol, dl */
	T_LI = 1 << 8,       /* li */
	T_IMG = 1 << 9,      /* img, picture */
	T_INPUT = 1 << 10,   /* input, select, textarea, button */
	T_KEEP = 1 << 11,    /* html, body, main, article: never dropped by class */
	T_CAPTION = 1 << 12, /* figcaption */
	T_FIGURE = 1 << 13,  /* figure */
	T_H1 = 1 << 14,      /* h1 */
	T_TABLE = 1 << 15,   /* table */
	T_CONT = 1 << 16,    /* a container considered for conditional cleaning */
	T_HEADTAG = 1 << 17, /* head */
	T_FORM = 1 << 18,    /* form */
};

struct tagdef {
	const char *name;
	unsigned flags;
};

/* Sorted by name for bsearch. */
static const struct tagdef tags[] = {
    {"a", T_LINK},
    {"address", T_BLOCK | T_PARA},
    {"applet", T_DROP},
    {"area", T_DROP},
    {"article", T_BLOCK | T_KEEP},
    {"aside", T_BLOCK | T_FURN | T_CONT},
    {"audio", T_DROP},
    {"blockquote", T_BLOCK | T_PARA},
    {"body", T_BLOCK | T_KEEP},
    {"br", T_BR},
    {"button", T_DROP | T_INPUT},
    {"canvas", T_DROP},
    {"caption", T_BLOCK | T_PARA},
    {"center", T_BLOCK | T_CONT},
    {"dd", T_BLOCK | T_PARA},
    {"details", T_BLOCK | T_CONT},
    {"dialog", T_DROP},
    {"div", T_BLOCK | T_CONT},
    {"dl", T_BLOCK | T_LIST | T_CONT},
    {"dt", T_BLOCK | T_PARA},
    {"embed", T_DROP},
    {"fieldset", T_BLOCK | T_CONT},
    {"figcaption", T_BLOCK | T_PARA | T_CAPTION},
    {"figure", T_BLOCK | T_FIGURE | T_CONT},
    {"footer", T_BLOCK | T_FURN | T_CONT},
    {"form", T_BLOCK | T_CONT | T_FORM},
    {"frame", T_DROP},
    {"frameset", T_DROP},
    {"h1", T_BLOCK | T_PARA | T_HEAD | T_H1},
    {"h2", T_BLOCK | T_PARA | T_HEAD},
    {"h3", T_BLOCK | T_PARA | T_HEAD},
    {"h4", T_BLOCK | T_PARA | T_HEAD},
    {"h5", T_BLOCK | T_PARA | T_HEAD},
    {"h6", T_BLOCK | T_PARA | T_HEAD},
    {"head", T_HEADTAG},
    {"header", T_BLOCK | T_FURN | T_CONT},
    {"hr", T_BLOCK},
    {"html", T_BLOCK | T_KEEP},
    {"iframe", T_DROP},
    {"img", T_IMG},
    {"input", T_DROP | T_INPUT},
    {"li", T_BLOCK | T_PARA | T_LI},
    {"link", T_DROP},
    {"main", T_BLOCK | T_KEEP},
    {"map", T_DROP},
    {"math", T_DROP},
    {"menu", T_BLOCK | T_FURN | T_LIST},
    {"meta", T_DROP},
    {"nav", T_BLOCK | T_FURN | T_CONT},
    {"noscript", T_DROP},
    {"object", T_DROP},
    {"ol", T_BLOCK | T_LIST | T_CONT},
    {"option", T_DROP},
    {"p", T_BLOCK | T_PARA},
    {"picture", T_IMG},
    {"pre", T_BLOCK | T_PARA},
    {"script", T_DROP},
    {"section", T_BLOCK | T_CONT},
    {"select", T_DROP | T_INPUT},
    {"style", T_DROP},
    {"summary", T_BLOCK | T_PARA},
    {"svg", T_DROP},
    {"table", T_BLOCK | T_TABLE | T_CONT},
    {"tbody", T_BLOCK},
    {"td", T_BLOCK | T_PARA},
    {"template", T_DROP},
    {"textarea", T_DROP | T_INPUT},
    {"tfoot", T_BLOCK},
    {"th", T_BLOCK | T_PARA},
    {"thead", T_BLOCK},
    {"title", T_DROP},
    {"tr", T_BLOCK},
    {"ul", T_BLOCK | T_LIST | T_CONT},
    {"video", T_DROP},
};

static int tag_cmp(const void *k, const void *t)
{
	return strcmp((const char *)k, ((const struct tagdef *)t)->name);
}

static unsigned tag_flags(const char *name)
{
	const struct tagdef *t =
	    bsearch(name, tags, sizeof(tags) / sizeof(tags[0]), sizeof(tags[0]), tag_cmp);
	return t ? t->flags : 0;
}

/* Class/id signals. */
enum { C_STRONG = 1, C_WEAK = 2, C_POS = 4, C_HIDDEN = 8, C_CAPTION = 16 };

/* Substrings of class/id that name furniture wherever they appear. */
static const char *const strong_neg[] = {
    "comment",      "disqus",          "share",        "sharing",      "social",
    "related",      "cookie",          "newsletter",   "promo",        "advert",
    "sponsor",      "outbrain",        "taboola",      "popup",        "modal",
    "paywall",      "subscri",         "breadcrumb",   "sidebar",      "recirc",
    "mostread",     "most-read",       "most-popular", "mostpopular",  "trending",
    "signup",       "sign-up",         "consent",      "gdpr",         "skip-link",
    "skiplink",     "recommend",       "read-more",    "readmore",     "more-stories",
    "also-read",    "further-reading", "author-bio",   "authorbio",    "follow-us",
    "login",        "registration",    "donate",       "banner",       "masthead",
    "footnote-nav", "jump-to",         "print-only",   "pagination",   "social",
    "tag-list",     "taglist",         "article-tags", "post-tags",    "entry-tags",
    "top-stories",  "topstories",      "headlines",    "carousel",     "slider",
    "ticker",       "toolbar",         "byline",       "dateline",     "timestamp",
    "publish-date", "pubdate",         "post-meta",    "entry-meta",   "article-meta",
    "meta-data",    "metadata",        "author-info",  "about-author", "contributor",
};

/* Whole tokens (split at non-alphanumerics) that name furniture. */
static const char *const weak_neg[] = {
    /* anywhere in a class name (the first WEAK_ANYWHERE entries) */
    "ad",
    "ads",
    "adv",
    "advertisement",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "header",
    "widget",
    "widgets",
    "sidebar",
    "breadcrumbs",
    "comments",
    "subnav",
    /* only ending a class name */
    "pager",
    "tags",
    "tag",
    "meta",
    "hidden",
    "hide",
    "tools",
    "tool",
    "extra",
    "aside",
    "rail",
    "overlay",
    "alert",
    "flyout",
    "dropdown",
    "topbar",
    "search",
    "print",
    "author",
    "date",
    "time",
    "credit",
    "credits",
    "caption",
    "share",
    "skip",
    "sr",
    "visually",
    "invisible",
    "screen",
    "offscreen",
    "keywords",
    "categories",
    "category",
    "sponsored",
    "partner",
    "partners",

    "kicker",
    "eyebrow",
    "links",
    "actions",
};
#define WEAK_ANYWHERE 16

static const char *const positive[] = {
    "article", "content", "entry", "story", "post",     "body",
    "text",    "main",    "blog",  "prose", "richtext", "rich-text",
};

static int lower_copy(const char *s, char *out, size_t outsz)
{
	size_t k = 0;

	for (; *s && k + 1 < outsz; s++)
		out[k++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
	out[k] = '\0';
	return (int)k;
}

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static unsigned classify_name(const char *attr)
{
	char low[512];
	unsigned f = 0;
	int n;

	if (!attr || !*attr)
		return 0;
	n = lower_copy(attr, low, sizeof(low));
	for (size_t k = 0; k < sizeof(strong_neg) / sizeof(strong_neg[0]); k++)
		if (strstr(low, strong_neg[k])) {
			f |= C_STRONG;
			break;
		}
	for (size_t k = 0; k < sizeof(positive) / sizeof(positive[0]); k++)
		if (strstr(low, positive[k])) {
			f |= C_POS;
			break;
		}
	if (strstr(low, "caption"))
		f |= C_CAPTION;
	/* A part of a class name counts when it ends the name ("site-footer")
	 * or is a word that names furniture in any position ("ad-slot",
	 * "nav-links"); WordPress's "category-news" and "tag-x" on article
	 * containers do not. */
	for (int i = 0; i < n;) {
		int j = i;
		while (j < n && is_alnum((unsigned char)low[j]))
			j++;
		if (j > i) {
			int last =
			    j >= n || low[j] == ' ' || low[j] == '\t' || low[j] == '\n';
			for (size_t k = 0; k < sizeof(weak_neg) / sizeof(weak_neg[0]);
			     k++) {
				size_t wl = strlen(weak_neg[k]);
				if ((size_t)(j - i) == wl &&
				    !memcmp(low + i, weak_neg[k], wl) &&
				    (last || k < WEAK_ANYWHERE)) {
					f |= C_WEAK;
					break;
				}
			}
		}
		i = j + 1;
	}
	return f;
}

/* First text of attribute `name` of x, or NULL (no copy). */
static const char *attr_get(const xmlNode *x, const char *name)
{
	for (const xmlAttr *a = x->properties; a; a = a->next) {
		if (a->name && !strcmp((const char *)a->name, name)) {
			if (a->children && a->children->type == XML_TEXT_NODE &&
			    a->children->content)
				return (const char *)a->children->content;
			return "";
		}
	}
	return NULL;
}

struct node {
	xmlNode *x;
	int parent;  /* parent node, -1 at the top */
	int end;     /* one past the subtree */
	int block;   /* nearest block ancestor-or-self; for text, its owning block */
	unsigned tf; /* tag flags */
	unsigned cf; /* class flags */
	unsigned char is_text;
	unsigned char in_link;
	unsigned char removed;
	unsigned char removed0; /* removed by the walk (hidden, <head>) */
	int text, link, commas; /* subtree counts (characters) */
	int paras, imgs, lis, inputs;
	int prose; /* text of prose blocks (long, few links) in the subtree */
	int direct, direct_link, direct_commas; /* text owned as a block */
	float score;
	int scored;
};

struct meta {
	char *title_tag, *og_title, *h1;
	char *ld_headline, *ld_body, *ld_date, *ld_author, *ld_lang;
	char *meta_date, *meta_author, *meta_lang, *time_date;
	char *canonical, *og_url, *html_lang;
};

static void meta_release(struct meta *m)
{
	char **f[] = {&m->title_tag, &m->og_title,    &m->h1,        &m->ld_headline,
	              &m->ld_body,   &m->ld_date,     &m->ld_author, &m->ld_lang,
	              &m->meta_date, &m->meta_author, &m->meta_lang, &m->time_date,
	              &m->canonical, &m->og_url,      &m->html_lang};
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

/* Whitespace-collapsed, trimmed copy of s (malloc'd; NULL if empty). */
static char *clean_dup(const char *s, size_t len)
{
	cw_buf b = CW_BUF_INIT;
	int sp = 0;

	if (!s)
		return NULL;
	cw_buf_init(&b, CW_MAX_DOCUMENT);
	if (extract_add_collapsed(&b, s, len, &sp) || b.len == 0) {
		cw_buf_release(&b);
		return NULL;
	}
	return cw_buf_detach(&b, NULL);
}

static void set_once(char **slot, const char *s)
{
	if (*slot || !s)
		return;
	*slot = clean_dup(s, strlen(s));
}

/* Text of a small element such as <title> or <h1>, without recursion:
 * concatenates the text nodes of its subtree (bounded). */
static char *small_text(const xmlNode *x)
{
	cw_buf b = CW_BUF_INIT;
	const xmlNode *n = x->children;
	int sp = 0;

	cw_buf_init(&b, 4096);
	while (n) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content) {
			if (extract_add_collapsed(&b, (const char *)n->content,
			                          strlen((const char *)n->content), &sp))
				break;
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != x && !n->next)
			n = n->parent;
		if (!n || n == x)
			break;
		n = n->next;
	}
	if (b.len == 0) {
		cw_buf_release(&b);
		return NULL;
	}
	return cw_buf_detach(&b, NULL);
}

static int type_is_article(json_t *t)
{
	static const char *const kinds[] = {"Article",
	                                    "NewsArticle",
	                                    "BlogPosting",
	                                    "Report",
	                                    "ReportageNewsArticle",
	                                    "AnalysisNewsArticle",
	                                    "OpinionNewsArticle",
	                                    "TechArticle",
	                                    "ScholarlyArticle",
	                                    "LiveBlogPosting",
	                                    "SocialMediaPosting",
	                                    "Posting",
	                                    "BackgroundNewsArticle",
	                                    "PressRelease"};
	if (json_is_string(t)) {
		const char *s = json_string_value(t);
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (!strcmp(s, kinds[k]))
				return 1;
		return 0;
	}
	if (json_is_array(t)) {
		size_t i;
		json_t *v;
		json_array_foreach(t, i, v) if (type_is_article(v)) return 1;
	}
	return 0;
}

static const char *json_name_of(json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_object(v)) {
		json_t *n = json_object_get(v, "name");
		return json_is_string(n) ? json_string_value(n) : NULL;
	}
	if (json_is_array(v) && json_array_size(v) > 0) {
		json_t *f = json_array_get(v, 0); /* the first author, one level */
		if (json_is_string(f))
			return json_string_value(f);
		if (json_is_object(f)) {
			json_t *n = json_object_get(f, "name");
			return json_is_string(n) ? json_string_value(n) : NULL;
		}
	}
	return NULL;
}

/* Collect Article-ish fields from a JSON-LD block: walks objects and
 * arrays with an explicit stack (bounded), first match wins. */
static void jsonld_collect(const char *s, size_t len, struct meta *m)
{
	json_error_t jerr;
	json_t *root = json_loadb(s, len, JSON_DECODE_ANY, &jerr);
	json_t *stack[256];
	int sp = 0, visited = 0;

	if (!root)
		return;
	stack[sp++] = root;
	while (sp > 0 && visited < 10000) {
		json_t *v = stack[--sp];
		visited++;
		if (json_is_object(v)) {
			const char *key;
			json_t *val;
			if (type_is_article(json_object_get(v, "@type"))) {
				json_t *h = json_object_get(v, "headline");
				json_t *b = json_object_get(v, "articleBody");
				json_t *d = json_object_get(v, "datePublished");
				json_t *l = json_object_get(v, "inLanguage");
				if (!d)
					d = json_object_get(v, "dateCreated");
				if (json_is_string(h))
					set_once(&m->ld_headline, json_string_value(h));
				if (json_is_string(b) && !m->ld_body)
					m->ld_body = strdup(json_string_value(b));
				if (json_is_string(d))
					set_once(&m->ld_date, json_string_value(d));
				if (!m->ld_author) {
					json_t *a = json_object_get(v, "author");
					const char *an = json_name_of(a);
					if (!an)
						an = json_name_of(
						    json_object_get(v, "creator"));
					if (an)
						set_once(&m->ld_author, an);
				}
				if (json_is_string(l))
					set_once(&m->ld_lang, json_string_value(l));
			}
			json_object_foreach(v, key, val)
			{
				if ((json_is_object(val) || json_is_array(val)) &&
				    sp < 256)
					stack[sp++] = val;
			}
		} else if (json_is_array(v)) {
			size_t i;
			json_t *val;
			json_array_foreach(v, i, val)
			{
				if ((json_is_object(val) || json_is_array(val)) &&
				    sp < 256)
					stack[sp++] = val;
			}
		}
	}
	json_decref(root);
}

static void meta_tag(const xmlNode *x, struct meta *m)
{
	const char *name = attr_get(x, "property");
	const char *content = attr_get(x, "content");
	char low[64];

	if (!name)
		name = attr_get(x, "name");
	if (!name)
		name = attr_get(x, "itemprop");
	if (!name) {
		name = attr_get(x, "http-equiv");
		if (name && content) {
			lower_copy(name, low, sizeof(low));
			if (!strcmp(low, "content-language"))
				set_once(&m->meta_lang, content);
		}
		return;
	}
	if (!content || !*content)
		return;
	lower_copy(name, low, sizeof(low));
	if (!strcmp(low, "og:title") || !strcmp(low, "twitter:title"))
		set_once(&m->og_title, content);
	else if (!strcmp(low, "og:url"))
		set_once(&m->og_url, content);
	else if (!strcmp(low, "article:published_time") ||
	         !strcmp(low, "datepublished") || !strcmp(low, "og:published_time") ||
	         !strcmp(low, "pubdate") || !strcmp(low, "publishdate") ||
	         !strcmp(low, "publish-date") || !strcmp(low, "date") ||
	         !strcmp(low, "dc.date") || !strcmp(low, "dc.date.issued") ||
	         !strcmp(low, "dcterms.date") || !strcmp(low, "dcterms.created") ||
	         !strcmp(low, "sailthru.date") || !strcmp(low, "parsely-pub-date") ||
	         !strcmp(low, "article.published") || !strcmp(low, "publication_date") ||
	         !strcmp(low, "citation_publication_date") ||
	         !strcmp(low, "release_date"))
		set_once(&m->meta_date, content);
	else if (!strcmp(low, "author") || !strcmp(low, "dc.creator") ||
	         !strcmp(low, "parsely-author") || !strcmp(low, "sailthru.author") ||
	         !strcmp(low, "article:author") || !strcmp(low, "citation_author") ||
	         !strcmp(low, "byl")) {
		if (strncmp(content, "http", 4))
			set_once(&m->meta_author, content);
	} else if (!strcmp(low, "og:locale") || !strcmp(low, "dc.language") ||
	           !strcmp(low, "language") || !strcmp(low, "content-language"))
		set_once(&m->meta_lang, content);
}

/* Metadata from one element (called for every element, kept or not). */
static void meta_element(const xmlNode *x, unsigned tf, struct meta *m)
{
	const char *name = (const char *)x->name;

	if (!strcmp(name, "meta")) {
		meta_tag(x, m);
	} else if (!strcmp(name, "title")) {
		if (!m->title_tag)
			m->title_tag = small_text(x);
	} else if (!strcmp(name, "link")) {
		const char *rel = attr_get(x, "rel"), *href = attr_get(x, "href");
		if (rel && href && !strcmp(rel, "canonical"))
			set_once(&m->canonical, href);
	} else if (!strcmp(name, "script")) {
		const char *type = attr_get(x, "type");
		if (type && strstr(type, "ld+json") && x->children &&
		    x->children->content)
			jsonld_collect((const char *)x->children->content,
			               strlen((const char *)x->children->content), m);
	} else if (!strcmp(name, "html")) {
		set_once(&m->html_lang, attr_get(x, "lang"));
		if (!m->html_lang)
			set_once(&m->html_lang, attr_get(x, "xml:lang"));
	} else if (!strcmp(name, "time")) {
		const char *dt = attr_get(x, "datetime");
		if (dt)
			set_once(&m->time_date, dt);
	} else if (tf & T_H1) {
		if (!m->h1)
			m->h1 = small_text(x);
	} else {
		const char *ip = attr_get(x, "itemprop");
		if (ip && !strcmp(ip, "datePublished")) {
			const char *v = attr_get(x, "content");
			if (!v)
				v = attr_get(x, "datetime");
			set_once(&m->meta_date, v);
		}
	}
}

struct walk {
	struct node *v;
	size_t n, cap;
};

static int push_node(struct walk *w, const struct node *nd)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 1024;
		struct node *p;
		if (cap > (size_t)INT32_MAX / 2)
			return -1;
		p = realloc(w->v, cap * sizeof(*p));
		if (!p)
			return -1;
		w->v = p;
		w->cap = cap;
	}
	w->v[w->n++] = *nd;
	return 0;
}

static int element_hidden(const xmlNode *x)
{
	const char *st = attr_get(x, "style");
	const char *ah;

	if (attr_get(x, "hidden"))
		return 1;
	ah = attr_get(x, "aria-hidden");
	if (ah && !strcmp(ah, "true"))
		return 1;
	if (st) {
		char low[256];
		lower_copy(st, low, sizeof(low));
		if (strstr(low, "display:none") || strstr(low, "display: none") ||
		    strstr(low, "visibility:hidden") || strstr(low, "visibility: hidden"))
			return 1;
	}
	return 0;
}

/* Characters (code points that are not whitespace) and commas of a text. */
static void count_text(const char *s, size_t len, int *chars, int *commas)
{
	int c = 0, k = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		if ((b & 0xC0) == 0x80 || b == ' ' || b == '\n' || b == '\t' ||
		    b == '\r' || b == '\f')
			continue;
		c++;
		if (b == ',')
			k++;
		else if (b == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC &&
		         (unsigned char)s[i + 2] == 0x8C) /* U+FF0C fullwidth comma */
			k++;
		else if (b == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		         (unsigned char)s[i + 2] == 0x81) /* U+3001 ideographic comma */
			k++;
	}
	*chars = c;
	*commas = k;
}

/* Pass 1: flatten the tree into w (iteratively) and collect metadata. */
static int walk_tree(xmlDoc *doc, struct walk *w, struct meta *m, int keep_noscript)
{
	xmlNode *x = doc->children;
	int cur = -1; /* index of the node whose children we are in */

	while (x) {
		int descend = 0;

		if (x->type == XML_ELEMENT_NODE && x->name) {
			unsigned tf = tag_flags((const char *)x->name);
			if (keep_noscript && !strcmp((const char *)x->name, "noscript"))
				tf = T_BLOCK | T_CONT;
			struct node nd;

			meta_element(x, tf, m);
			if (!(tf & T_DROP)) {
				memset(&nd, 0, sizeof(nd));
				nd.x = x;
				nd.parent = cur;
				nd.tf = tf;
				nd.cf = classify_name(attr_get(x, "class")) |
				        classify_name(attr_get(x, "id"));
				{
					const char *role = attr_get(x, "role");
					if (role && (!strcmp(role, "navigation") ||
					             !strcmp(role, "banner") ||
					             !strcmp(role, "contentinfo") ||
					             !strcmp(role, "complementary")))
						nd.cf |= C_WEAK;
				}
				if (element_hidden(x))
					nd.cf |= C_HIDDEN;
				nd.in_link =
				    (cur >= 0 && w->v[cur].in_link) || (tf & T_LINK);
				nd.removed = (cur >= 0 && w->v[cur].removed) ||
				             (tf & T_HEADTAG) || (nd.cf & C_HIDDEN);
				nd.removed0 = nd.removed;
				nd.block = (tf & T_BLOCK) || cur < 0 ? (int)w->n
				                                     : w->v[cur].block;
				if (push_node(w, &nd))
					return -1;
				if (x->children) {
					cur = (int)w->n - 1;
					descend = 1;
				} else {
					w->v[w->n - 1].end = (int)w->n;
				}
			}
		} else if ((x->type == XML_TEXT_NODE ||
		            x->type == XML_CDATA_SECTION_NODE) &&
		           x->content && cur >= 0) {
			struct node nd;
			memset(&nd, 0, sizeof(nd));
			nd.x = x;
			nd.parent = cur;
			nd.is_text = 1;
			nd.in_link = w->v[cur].in_link;
			nd.removed = w->v[cur].removed;
			nd.removed0 = nd.removed;
			nd.block = w->v[cur].block;
			nd.end = (int)w->n + 1;
			if (push_node(w, &nd))
				return -1;
		}
		if (descend) {
			x = x->children;
			continue;
		}
		/* Go to the next sibling, closing finished elements. */
		while (x && !x->next) {
			x = x->parent;
			if (!x || x->type == XML_DOCUMENT_NODE ||
			    x->type == XML_HTML_DOCUMENT_NODE) {
				x = NULL;
				break;
			}
			if (cur >= 0 && w->v[cur].x == x) {
				w->v[cur].end = (int)w->n;
				cur = w->v[cur].parent;
			}
		}
		if (x)
			x = x->next;
	}
	while (cur >= 0) {
		w->v[cur].end = (int)w->n;
		cur = w->v[cur].parent;
	}
	return 0;
}

/* Pass 2/3: subtree counts over nodes not removed (children come after
 * their parent, so one backward loop adds every node into its parent). */
static void count_nodes(struct node *v, int n)
{
	for (int i = 0; i < n; i++) {
		struct node *d = &v[i];
		d->text = d->link = d->commas = 0;
		d->paras = d->imgs = d->lis = d->inputs = 0;
		d->prose = 0;
		d->direct = d->direct_link = d->direct_commas = 0;
		d->score = 0;
		d->scored = 0;
	}
	for (int i = n - 1; i >= 0; i--) {
		struct node *d = &v[i];
		if (d->removed)
			continue;
		if (d->is_text) {
			int c, k;
			count_text((const char *)d->x->content,
			           strlen((const char *)d->x->content), &c, &k);
			d->text = c;
			d->commas = k;
			d->link = d->in_link ? c : 0;
			if (d->block >= 0) {
				v[d->block].direct += c;
				v[d->block].direct_commas += k;
				if (d->in_link)
					v[d->block].direct_link += c;
			}
		} else {
			if ((d->tf & T_PARA) && d->text >= 25)
				d->paras++;
			if (d->tf & T_IMG)
				d->imgs++;
			if (d->tf & T_LI)
				d->lis++;
			if ((d->tf & T_BLOCK) && d->direct >= 25 &&
			    d->direct_link * 10 < d->direct * ((d->tf & T_LI) ? 1 : 3))
				d->prose += d->direct;
		}
		if (d->parent >= 0) {
			struct node *p = &v[d->parent];
			p->text += d->text;
			p->link += d->link;
			p->commas += d->commas;
			p->paras += d->paras;
			p->imgs += d->imgs;
			p->lis += d->lis;
			p->inputs += d->inputs;
			p->prose += d->prose;
		}
	}
}

/* level 2: structural tags, strong and weak class names; 1: no weak
 * names; 0: structural tags only. */
static void remove_furniture(struct node *v, int n, int level)
{
	int total = 0;

	for (int i = 0; i < n; i++)
		if (!v[i].removed && v[i].parent < 0)
			total += v[i].prose;
	for (int i = 0; i < n; i++) {
		struct node *d = &v[i];
		double share;
		if (d->removed || d->is_text)
			continue;
		if (d->parent >= 0 && v[d->parent].removed) {
			d->removed = 1;
			continue;
		}
		if (d->tf & T_KEEP)
			continue;
		share = total > 0 ? (double)d->prose / total : 0;
		if ((d->cf & C_STRONG) && (share < 0.5 || !(d->cf & C_POS)) && level >= 1)
			d->removed = 1;
		else if ((d->cf & C_WEAK) && !(d->cf & C_POS) && share < 0.4 &&
		         level >= 2)
			d->removed = 1;
		else if ((d->cf & C_WEAK) && share < 0.15 && level >= 2)
			d->removed = 1;
		else if ((d->tf & T_FURN) && share < 0.4)
			d->removed = 1;
		else if ((d->tf & T_FORM) && d->text < 200)
			d->removed = 1;
	}
	/* Text nodes follow their element. */
	for (int i = 0; i < n; i++)
		if (v[i].is_text && !v[i].removed && v[i].parent >= 0 &&
		    v[v[i].parent].removed)
			v[i].removed = 1;
}

static int parent_block(const struct node *v, int i)
{
	int p = v[i].parent;
	return p >= 0 ? v[p].block : -1;
}

static double link_density(const struct node *d)
{
	return d->text > 0 ? (double)d->link / d->text : 0;
}

static double class_weight(const struct node *d)
{
	double w = 0;
	if (d->cf & C_POS)
		w += 25;
	if (d->cf & (C_STRONG | C_WEAK))
		w -= 25;
	return w;
}

static double tag_weight(const struct node *d)
{
	const char *name = (const char *)d->x->name;
	if (!strcmp(name, "div") || !strcmp(name, "article") || !strcmp(name, "main"))
		return 5;
	if (!strcmp(name, "section"))
		return 3;
	if (d->tf & (T_LIST | T_LI | T_FORM))
		return -3;
	if (d->tf & T_HEAD)
		return -5;
	return 0;
}

static void credit(struct node *v, int i, double s)
{
	if (i < 0)
		return;
	if (!v[i].scored) {
		v[i].scored = 1;
		v[i].score = (float)(class_weight(&v[i]) + tag_weight(&v[i]));
	}
	v[i].score += (float)s;
}

/* Score blocks of running text and credit their containers; return the
 * index of the best container or -1. */
static int score_nodes(struct node *v, int n)
{
	int best = -1;
	double best_score = 0;

	for (int i = 0; i < n; i++) {
		struct node *d = &v[i];
		double base, ld;
		int target;
		if (d->removed || d->is_text || d->direct < 25 || (d->tf & T_HEAD))
			continue;
		ld = (double)d->direct_link / d->direct;
		if (ld > 0.5)
			continue;
		base = 1 + d->direct_commas + (d->direct / 100 < 3 ? d->direct / 100 : 3);
		base *= 1 - ld;
		target = (d->tf & T_PARA) ? parent_block(v, i) : i;
		for (int level = 0; level < 3 && target >= 0; level++) {
			credit(v, target,
			       level == 0   ? base
			       : level == 1 ? base / 2
			                    : base / 6);
			target = parent_block(v, target);
		}
	}
	for (int i = 0; i < n; i++) {
		double s;
		if (!v[i].scored || v[i].removed)
			continue;
		s = v[i].score * (1 - link_density(&v[i]));
		v[i].score = (float)s;
		if (best < 0 || s > best_score) {
			best = i;
			best_score = s;
		}
	}
	return best;
}

/* Prose minus everything else (short lines, link text): adding a
 * paragraph to the article raises it, adding a menu lowers it. */
static double prose_balance(const struct node *d)
{
	return d->prose - (d->text - d->prose + d->link);
}

/* An article split over several containers (one per section) makes the
 * best-scored container only a part of it: widen to the ancestor with the
 * best prose balance, if that beats the container's own. */
static int widen(const struct node *v, int top)
{
	int best = top;
	double base = prose_balance(&v[top]), best_bal = base;

	int level = 0;

	for (int p = v[top].parent; p >= 0 && level < 100; p = v[p].parent, level++) {
		double b;
		if (v[p].removed ||
		    (v[p].tf & T_KEEP && (!strcmp((const char *)v[p].x->name, "body") ||
		                          !strcmp((const char *)v[p].x->name, "html"))))
			break;
		b = prose_balance(&v[p]);
		if (b > best_bal && b > base * 1.25 + 50) {
			best = p;
			best_bal = b;
		}
		/* <article> and <main> mark where the article ends. */
		if (!strcmp((const char *)v[p].x->name, "article") ||
		    !strcmp((const char *)v[p].x->name, "main"))
			break;
	}
	return best;
}

/* Which children of the best container's parent belong to the article. */
static int select_siblings(struct node *v, int n, int top, unsigned char *sel)
{
	int p = v[top].parent;
	double threshold = v[top].score * 0.2;
	const char *top_class = attr_get(v[top].x, "class");

	(void)n;
	if (threshold < 10)
		threshold = 10;
	sel[top] = 1;
	if (p < 0 || (v[p].tf & T_KEEP && !strcmp((const char *)v[p].x->name, "html")))
		return 0;
	for (int j = p + 1; j < v[p].end; j = v[j].end) {
		struct node *d = &v[j];
		double bonus = 0;
		const char *cls;
		if (j == top || d->removed || d->text == 0)
			continue;
		if (d->is_text) {
			if (d->text >= 80)
				sel[j] = 1;
			continue;
		}
		cls = attr_get(d->x, "class");
		if (top_class && cls && *cls && !strcmp(cls, top_class))
			bonus = v[top].score * 0.2;
		if (d->scored && d->score + bonus >= threshold) {
			sel[j] = 1;
		} else if ((d->tf & T_PARA) && !(d->tf & (T_LI | T_HEAD))) {
			if (d->text > 80 && link_density(d) < 0.25)
				sel[j] = 1;
		}
	}
	return 0;
}

/* Conditional cleaning inside the article: is element i junk? */
static int is_junk(const struct node *v, int i, int root)
{
	const struct node *d = &v[i];
	double ld;

	if (i == root)
		return 0;
	if (d->tf & T_H1)
		return 1;
	if (d->tf & T_CAPTION || (d->cf & C_CAPTION))
		return 1;
	if (d->text == 0)
		return 0;
	ld = link_density(d);
	if (d->tf & T_PARA) {
		if (ld > 0.8 && d->text < 300)
			return 1;
		return 0;
	}
	if (!(d->tf & T_CONT))
		return 0;
	if (ld > 0.5)
		return 1;
	if (d->commas < 10) {
		if (d->inputs > d->paras / 3 + 1)
			return 1;
		if ((d->tf & T_LIST) && d->lis > 0 && d->text / d->lis < 40 && ld > 0.3)
			return 1;
		if (d->paras == 0 && d->text < 120 && ld > 0.25)
			return 1;
		if ((d->cf & (C_STRONG | C_WEAK)) && ld > 0.2)
			return 1;
		if (d->imgs > 1 && d->paras == 0 && d->text < 100)
			return 1;
	}
	return 0;
}

/* Short paragraphs that are page furniture in any article. */
static int boilerplate_line(const char *s, size_t len)
{
	static const char *const lines[] = {
	    "advertisement",
	    "advertisement:",
	    "ad",
	    "continue reading",
	    "read more",
	    "read more:",
	    "related",
	    "related:",
	    "share",
	    "share this",
	    "share this article",
	    "share on facebook",
	    "share on twitter",
	    "tweet",
	    "print",
	    "email",
	    "comments",
	    "subscribe",
	    "sign up",
	    "loading...",
	    "loading",
	    "skip to main content",
	    "skip to content",
	    "Реклама",
	    "Поделиться",
	    "Читайте также",
	    "Читайте также:",
	    "Жарнама",
	    "жарнама",
	    "Бөлісу",
	    "реклама",
	    "поделиться",
	    "читайте также",
	    "читайте также:",
	    "werbung",
	    "anzeige",
	    "reklama",
	    "story continues below advertisement",
	    "scroll to continue with content",
	    "please wait",
	    "image",
	    "photo",
	    "video",
	};
	char low[64];
	size_t k = 0;

	if (len >= sizeof(low))
		return 0;
	for (size_t i = 0; i < len; i++)
		low[k++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	low[k] = '\0';
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (!strcmp(low, lines[i]))
			return 1;
	return 0;
}

struct render {
	cw_buf *out;
	cw_buf para;
	int pending_space;
	int pending_break; /* <br>s seen: 1 line break, 2 new paragraph */
};

static int flush_para(struct render *r)
{
	cw_buf_trim(&r->para);
	if (r->para.len > 0 && !boilerplate_line(r->para.data, r->para.len)) {
		if (r->out->len > 0 && cw_buf_adds(r->out, "\n\n"))
			return -1;
		if (cw_buf_add(r->out, r->para.data, r->para.len))
			return -1;
	}
	cw_buf_reset(&r->para);
	r->pending_space = 0;
	r->pending_break = 0;
	return 0;
}

static int render_subtree(struct node *v, int root, struct render *r, int *last_block)
{
	for (int i = root; i < v[root].end;) {
		struct node *d = &v[i];
		if (d->removed || (!d->is_text && is_junk(v, i, root))) {
			i = d->end > i ? d->end : i + 1;
			continue;
		}
		if (d->is_text) {
			const char *s = (const char *)d->x->content;
			if (d->block != *last_block) {
				if (flush_para(r))
					return -1;
				*last_block = d->block;
			}
			if (r->pending_break && r->para.len > 0) {
				/* a <br>: keep a line break inside the paragraph */
				int only_space = 1;
				for (const char *p = s; *p; p++)
					if (*p != ' ' && *p != '\n' && *p != '\t' &&
					    *p != '\r') {
						only_space = 0;
						break;
					}
				if (!only_space && r->pending_break >= 2) {
					/* <br><br>: a new paragraph */
					if (flush_para(r))
						return -1;
				} else if (!only_space) {
					cw_buf_trim(&r->para);
					if (cw_buf_addch(&r->para, '\n'))
						return -1;
					r->pending_break = 0;
					r->pending_space = 0;
				}
			}
			if (extract_add_collapsed(&r->para, s, strlen(s),
			                          &r->pending_space))
				return -1;
		} else if (d->tf & T_BR) {
			if (r->para.len > 0 && r->pending_break < 2)
				r->pending_break++;
		} else if ((d->tf & T_BLOCK) && d->block != *last_block) {
			if (flush_para(r))
				return -1;
			*last_block = d->block;
		}
		i++;
	}
	return 0;
}

static int render_article(struct node *v, int n, const unsigned char *sel, cw_buf *out)
{
	struct render r;
	int last_block = -2, rc = 0;

	r.out = out;
	cw_buf_init(&r.para, CW_MAX_DOCUMENT);
	r.pending_space = 0;
	r.pending_break = 0;
	for (int i = 0; i < n && rc == 0;) {
		if (sel[i]) {
			rc = render_subtree(v, i, &r, &last_block);
			i = v[i].end > i ? v[i].end : i + 1;
		} else {
			i++;
		}
	}
	if (rc == 0)
		rc = flush_para(&r);
	cw_buf_release(&r.para);
	return rc;
}

/* A byline or time stamp line: "By Jane Doe", "Updated at 1:23 p.m.". */
static int byline_like(const char *s, size_t len)
{
	static const char *const starts[] = {
	    "By ",       "BY ",          "Von ",           "Par ",         "Por ",
	    "Door ",     "Autor: ",      "Автор: ",        "Автор:",       "Текст: ",
	    "Updated ",  "Published ",   "Posted ",        "Last updated", "Опубликовано",
	    "Обновлено", "Aktualisiert", "Veröffentlicht", "Жарияланды",
	};
	if (len == 0 || len > 80)
		return 0;
	for (size_t k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
		size_t n = strlen(starts[k]);
		if (len > n && !memcmp(s, starts[k], n))
			return memchr(s, '\n', len) == NULL;
	}
	return 0;
}

/* Drop short boilerplate paragraphs (subscribe, follow us, copyright)
 * among the last three and the first paragraph of the article. */
static int drop_edge_boilerplate(cw_buf *text)
{
	size_t starts[4096];
	size_t np = 0, p = 0;
	cw_buf out = CW_BUF_INIT;
	int changed = 0;

	while (p < text->len && np < sizeof(starts) / sizeof(starts[0])) {
		const char *q;
		starts[np++] = p;
		q = strstr(text->data + p, "\n\n");
		p = q ? (size_t)(q - text->data) + 2 : text->len;
	}
	if (np < 3 || p < text->len)
		return 0;
	cw_buf_init(&out, 0);
	for (size_t k = 0; k < np; k++) {
		size_t end = k + 1 < np ? starts[k + 1] - 2 : text->len;
		size_t len = end - starts[k];
		int edge = k == 0 || k + 3 >= np;
		if ((k < 2 || k + 1 == np) && byline_like(text->data + starts[k], len)) {
			changed = 1;
			continue;
		}
		if (edge && len < 400 &&
		    extract_boilerplate_para(text->data + starts[k], len, 1)) {
			changed = 1;
			continue;
		}
		if ((out.len && cw_buf_adds(&out, "\n\n")) ||
		    cw_buf_add(&out, text->data + starts[k], len)) {
			cw_buf_release(&out);
			return -1;
		}
	}
	if (changed) {
		cw_buf_reset(text);
		if (cw_buf_add(text, out.data, out.len)) {
			cw_buf_release(&out);
			return -1;
		}
	}
	cw_buf_release(&out);
	return 0;
}

/* Language tag "en-US" / "en_us" -> "en". */
static char *lang_primary(const char *s)
{
	char out[9];
	size_t k = 0;

	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	while (k < 8 && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
		out[k++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
		s++;
	}
	if (k < 2 || k > 3 || (*s && *s != '-' && *s != '_' && *s != ' ' && *s != ','))
		return NULL;
	out[k] = '\0';
	return strdup(out);
}

static char *pick_title(const struct meta *m)
{
	const char *t = m->og_title ? m->og_title : m->ld_headline;
	if (!t)
		t = m->h1;
	if (!t && m->title_tag) {
		/* "Headline | Site" -> "Headline" */
		static const char *const seps[] = {" | ", " - ", " — ", " – ", " :: "};
		const char *best = NULL;
		for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
			const char *p = strstr(m->title_tag, seps[k]);
			if (p && p - m->title_tag >= 15 && (!best || p < best))
				best = p;
		}
		if (best)
			return strndup(m->title_tag, (size_t)(best - m->title_tag));
		t = m->title_tag;
	}
	return t ? strdup(t) : NULL;
}

static char *pick_author(const struct meta *m)
{
	const char *a = m->ld_author ? m->ld_author : m->meta_author;
	if (!a)
		return NULL;
	if (!strncmp(a, "By ", 3) || !strncmp(a, "by ", 3))
		a += 3;
	return *a ? strdup(a) : NULL;
}

/* Collapse and trim a JSON-LD articleBody into paragraphs. */
static int body_from_ld(const char *s, cw_buf *out)
{
	int sp = 0;
	const char *p = s;

	cw_buf_reset(out);
	while (*p) {
		const char *nl = strstr(p, "\n");
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		size_t before = out->len;
		if (out->len > 0 && cw_buf_adds(out, "\n\n"))
			return -1;
		sp = 0;
		if (extract_add_collapsed(out, p, len, &sp))
			return -1;
		if (out->len == before + 2 || (before == 0 && out->len == 0))
			cw_buf_setlen(out, before);
		p += len;
		if (*p)
			p++;
	}
	cw_buf_trim(out);
	return 0;
}

#ifdef CW_EXTRACT_DEBUG
#include <stdio.h>
/* Development aid only (never built by default): why was it chosen? */
static void debug_dump(const struct node *v, int n, int top)
{
	fprintf(stderr, "nodes=%d top=%d\n", n, top);
	for (int i = 0; i < n; i++) {
		const struct node *d = &v[i];
		const char *c = d->is_text ? NULL : attr_get(d->x, "class");
		const char *id = d->is_text ? NULL : attr_get(d->x, "id");
		int depth = 0;
		if (d->is_text || (d->text < 200 && !d->scored))
			continue;
		for (int p = d->parent; p >= 0; p = v[p].parent)
			depth++;
		fprintf(
		    stderr,
		    "%*s%s%s #%d %s.%s.%s text=%d link=%d prose=%d score=%.1f%s cf=%u\n",
		    depth > 40 ? 40 : depth, "", i == top ? "**" : "",
		    d->removed ? "X" : "", i, (const char *)d->x->name, id ? id : "",
		    c ? c : "", d->text, d->link, d->prose, d->score,
		    d->scored ? "" : "-", d->cf);
	}
}
#endif

int extract_html(const char *s, size_t len, struct cw_article *out, cw_err *e)
{
	htmlParserCtxtPtr ctxt = NULL;
	xmlDoc *doc = NULL;
	struct walk w = {NULL, 0, 0};
	struct meta m;
	unsigned char *sel = NULL;
	cw_buf text = CW_BUF_INIT;
	int rc = -1, top;

	memset(&m, 0, sizeof(m));
	cw_buf_init(&text, CW_MAX_DOCUMENT);
	if (len > (size_t)INT32_MAX) {
		cw_err_set(e, CW_ELIMIT, "document too large");
		goto out;
	}
	ctxt = htmlNewParserCtxt();
	if (!ctxt) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	doc = htmlCtxtReadMemory(ctxt, s, (int)len, NULL, "UTF-8",
	                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	                             HTML_PARSE_NOBLANKS | XML_PARSE_HUGE |
	                             HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
	if (!doc) {
		/* Nothing parseable: an empty article, not an error. */
		out->text = strdup("");
		rc = out->text ? 0 : cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	/* Pages that render their article with scripts often carry it in
	 * <noscript>: a second pass reads those when the first finds little. */
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && text.len >= 250)
			break;
		w.n = 0;
		free(sel);
		sel = NULL;
		cw_buf_reset(&text);
		if (walk_tree(doc, &w, &m, pass)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		count_nodes(w.v, (int)w.n);
		/* Class names that remove most of the page's prose were not
		 * furniture (site builders put "widget" on every block): retry
		 * with fewer of them. */
		for (int level = 2; level >= 0; level--) {
			int before = 0, after = 0;
			for (size_t i = 0; i < w.n; i++) {
				w.v[i].removed = w.v[i].removed0;
				if (w.v[i].parent < 0)
					before += w.v[i].prose;
			}
			remove_furniture(w.v, (int)w.n, level);
			count_nodes(w.v, (int)w.n);
			for (size_t i = 0; i < w.n; i++)
				if (w.v[i].parent < 0 && !w.v[i].removed)
					after += w.v[i].prose;
			if (after * 10 >= before || level == 0)
				break;
			for (size_t i = 0; i < w.n; i++)
				w.v[i].removed = w.v[i].removed0;
			count_nodes(w.v, (int)w.n);
		}
		top = score_nodes(w.v, (int)w.n);
#ifdef CW_EXTRACT_DEBUG
		debug_dump(w.v, (int)w.n, top);
#endif
		sel = calloc(w.n + 1, 1);
		if (!sel) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
		if (top >= 0) {
			int wide = widen(w.v, top);
			if (wide == top)
				select_siblings(w.v, (int)w.n, top, sel);
			else
				sel[wide] = 1;
		} else {
			/* No block of running text: take the body as it is. */
			for (size_t i = 0; i < w.n; i++)
				if (!w.v[i].is_text &&
				    !strcmp((const char *)w.v[i].x->name, "body")) {
					sel[i] = 1;
					break;
				}
		}
		if (render_article(w.v, (int)w.n, sel, &text)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (drop_edge_boilerplate(&text)) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	/* A publisher's own articleBody wins over a much shorter guess. */
	if (m.ld_body && strlen(m.ld_body) > 2 * text.len + 200 &&
	    !strchr(m.ld_body, '<')) {
		if (body_from_ld(m.ld_body, &text)) {
			cw_err_set(e, CW_ENOMEM, "out of memory");
			goto out;
		}
	}
	out->text = cw_buf_detach(&text, NULL);
	if (!out->text) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	out->title = pick_title(&m);
	out->author = pick_author(&m);
	{
		const char *d[] = {m.ld_date, m.meta_date, m.time_date};
		for (size_t k = 0; k < 3 && !out->published; k++)
			if (d[k])
				out->published = extract_norm_date(d[k]);
	}
	{
		const char *l[] = {m.html_lang, m.meta_lang, m.ld_lang};
		for (size_t k = 0; k < 3 && !out->language; k++)
			out->language = lang_primary(l[k]);
	}
	if (!out->url) {
		const char *u = m.canonical ? m.canonical : m.og_url;
		if (u)
			out->url = strdup(u);
	}
	rc = 0;
out:
	free(sel);
	free(w.v);
	meta_release(&m);
	cw_buf_release(&text);
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		htmlFreeParserCtxt(ctxt);
	return rc;
}
