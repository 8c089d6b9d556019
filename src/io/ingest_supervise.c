/* io/ingest_supervise.c: the worker processes of an ingest. See
 * ingest_supervise.h; the limits are in ingest.h. */
#include "io/ingest_supervise.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/ingest.h"
#include "io/ingest_worker.h"

#if defined(__SANITIZE_ADDRESS__)
#define CW_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CW_ASAN 1
#endif
#endif

static const char *const worker_env[] = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", NULL};

const char *const *io_ingest_worker_env(void)
{
	return worker_env;
}

struct worker {
	pid_t pid;
	int to, from;
	bool busy;
	struct ingest_doc doc;
	char hdr[INGEST_HEADER_MAX];
	size_t hdrlen;
	size_t sent; /* of hdrlen + doc.bytes.len */
	cw_buf recv;
	long long deadline;
};

struct pool {
	const struct ingest_supervise_opts *o;
	const struct ingest_supervise_ops *ops;
	void *arg;
	size_t nfiles;
	struct worker *wk;
	int nwk;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int wall_seconds(const struct pool *p)
{
	return p->o->wall_seconds > 0 ? p->o->wall_seconds : INGEST_WORKER_WALL_SECONDS;
}

/* ---- starting and stopping a worker ---- */

static void set_limit(int res, rlim_t soft, rlim_t hard)
{
	struct rlimit r = {soft, hard};
	setrlimit(res, &r);
}

static int spawn(const struct pool *p, struct worker *w, cw_err *e)
{
	const char *exe = p->o->worker_exe ? p->o->worker_exe : "/proc/self/exe";
	char *const argv[] = {(char *)"casewatch", (char *)"extract-worker", NULL};
	int in[2] = {-1, -1}, out[2] = {-1, -1};
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC)) {
		cw_err_set(e, CW_EIO, "cannot start a worker: %s", strerror(errno));
		goto fail;
	}
	pid = fork();
	if (pid < 0) {
		cw_err_set(e, CW_EIO, "cannot start a worker: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		/* The child: only async-signal-safe calls until exec. */
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || null < 0 ||
		    dup2(null, 2) < 0)
			_exit(127);
		close_range(3, ~0U, 0); /* nothing else inherited: no database, no key */
		signal(SIGPIPE, SIG_DFL);
		set_limit(RLIMIT_CPU,
		          INGEST_WORKER_RECYCLE_CPU + INGEST_WORKER_CPU_SECONDS,
		          INGEST_WORKER_RECYCLE_CPU + INGEST_WORKER_CPU_SECONDS + 1);
#ifndef CW_ASAN
		/* ASan reserves terabytes of shadow address space: under the
		 * sanitizer the address-space limit is left off. */
		set_limit(RLIMIT_AS, INGEST_WORKER_AS_BYTES, INGEST_WORKER_AS_BYTES);
#endif
		set_limit(RLIMIT_FSIZE, 0, 0);
		set_limit(RLIMIT_CORE, 0, 0);
		set_limit(RLIMIT_NOFILE, INGEST_WORKER_NOFILE, INGEST_WORKER_NOFILE);
		execve(exe, argv, (char *const *)worker_env);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	w->pid = pid;
	w->to = in[1];
	w->from = out[0];
	fcntl(w->to, F_SETFL, fcntl(w->to, F_GETFL) | O_NONBLOCK);
	fcntl(w->from, F_SETFL, fcntl(w->from, F_GETFL) | O_NONBLOCK);
	return 0;
fail:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
	}
	return -1;
}

/* Stop worker w (killed unless it ends by itself) and describe how it
 * ended into why. */
static void reap(struct worker *w, bool kill_it, char *why, size_t cap)
{
	int st = 0;

	if (w->to >= 0)
		close(w->to);
	if (w->from >= 0)
		close(w->from);
	w->to = w->from = -1;
	if (w->pid > 0) {
		if (kill_it)
			kill(w->pid, SIGKILL);
		while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	w->pid = 0;
	if (!why)
		return;
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU)
		snprintf(why, cap, "extraction used more than %d s of CPU",
		         INGEST_WORKER_CPU_SECONDS);
	else if (WIFSIGNALED(st))
		snprintf(why, cap, "extraction crashed (%s)", strsignal(WTERMSIG(st)));
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		snprintf(why, cap, "extraction worker could not start");
	else
		snprintf(why, cap, "extraction worker ended unexpectedly (status %d)",
		         WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* w's document got no answer: stop w (unless already stopped), say why. */
static void give_up(const struct pool *p, struct worker *w, const char *why)
{
	w->busy = false;
	p->ops->failed(p->arg, &w->doc, why);
	p->ops->done(p->arg);
}

/* ---- the loop ---- */

/* Service one worker after poll: -1 fatal, 0 otherwise. */
static int service(const struct pool *p, struct worker *w, short rev, cw_err *e)
{
	size_t total = w->hdrlen + w->doc.bytes.len;
	char why[256];

	if (w->sent < total && (rev & (POLLOUT | POLLERR))) {
		while (w->sent < total) {
			const char *s = w->sent < w->hdrlen
			                    ? w->hdr + w->sent
			                    : w->doc.bytes.data + (w->sent - w->hdrlen);
			size_t n =
			    w->sent < w->hdrlen ? w->hdrlen - w->sent : total - w->sent;
			ssize_t k = write(w->to, s, n);
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0 && errno == EAGAIN)
				break;
			if (k <= 0) { /* the worker is gone */
				reap(w, true, why, sizeof(why));
				give_up(p, w, why);
				return 0;
			}
			w->sent += (size_t)k;
		}
	}
	if (rev & (POLLIN | POLLHUP | POLLERR)) {
		for (;;) {
			char chunk[65536];
			ssize_t k = read(w->from, chunk, sizeof(chunk));
			struct ingest_answer a;
			int s;
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0 && errno == EAGAIN)
				break;
			if (k <= 0) {
				reap(w, true, why, sizeof(why));
				give_up(p, w, why);
				return 0;
			}
			if (w->recv.len + (size_t)k >
			        INGEST_ANSWER_MAX + 2 * INGEST_HEADER_MAX ||
			    cw_buf_add(&w->recv, chunk, (size_t)k)) {
				reap(w, true, NULL, 0);
				give_up(p, w, "extraction failed: answer too large");
				return 0;
			}
			a.recycle = 0;
			s = ingest_answer_parse(w->recv.data, w->recv.len, &a);
			if (s < 0) {
				reap(w, true, NULL, 0);
				give_up(
				    p, w,
				    "extraction failed: garbled answer from the worker");
				return 0;
			}
			if (s == 0)
				continue;
			if (w->recv.len != a.header_len + a.json_len + a.raw_len ||
			    w->sent < total) {
				reap(w, true, NULL, 0);
				give_up(
				    p, w,
				    "extraction failed: garbled answer from the worker");
				return 0;
			}
			w->busy = false;
			if (a.recycle)
				reap(w, false, NULL, 0);
			s = p->ops->answer(
			    p->arg, &w->doc, w->recv.data + a.header_len, a.json_len,
			    w->recv.data + a.header_len + a.json_len, a.raw_len, e);
			p->ops->done(p->arg);
			return s;
		}
	}
	return 0;
}

static int run(struct pool *p, cw_err *e)
{
	struct pollfd *pf = calloc((size_t)p->nwk * 2, sizeof(*pf));
	int *who = calloc((size_t)p->nwk * 2, sizeof(*who));
	size_t next = 0;
	int rc = -1;

	if (!pf || !who) {
		cw_err_set(e, CW_ENOMEM, "out of memory");
		goto out;
	}
	for (;;) {
		int np = 0, busy = 0, timeout = -1;
		long long now;

		for (int i = 0; i < p->nwk; i++) {
			struct worker *w = &p->wk[i];
			while (!w->busy && next < p->nfiles) {
				int s;
				w->doc.file = next++;
				cw_buf_reset(&w->doc.bytes);
				s = p->ops->load(p->arg, w->doc.file, &w->doc, e);
				if (s < 0)
					goto out;
				if (s == 0) {
					p->ops->done(p->arg);
					continue;
				}
				w->hdrlen = ingest_request_header(
				    w->hdr, w->doc.bytes.len, p->o->published);
				w->sent = 0;
				cw_buf_reset(&w->recv);
				if (!w->pid && spawn(p, w, e))
					goto out;
				w->busy = true;
				w->deadline = now_ms() + wall_seconds(p) * 1000LL;
			}
		}
		now = now_ms();
		for (int i = 0; i < p->nwk; i++) {
			struct worker *w = &p->wk[i];
			long long left;
			if (!w->busy)
				continue;
			busy++;
			if (w->sent < w->hdrlen + w->doc.bytes.len) {
				pf[np].fd = w->to;
				pf[np].events = POLLOUT;
				who[np++] = i;
			}
			pf[np].fd = w->from;
			pf[np].events = POLLIN;
			who[np++] = i;
			left = w->deadline - now;
			if (left < 0)
				left = 0;
			if (timeout < 0 || left < timeout)
				timeout = (int)left;
		}
		if (!busy)
			break;
		if (poll(pf, (nfds_t)np, timeout) < 0 && errno != EINTR) {
			cw_err_set(e, CW_EIO, "poll: %s", strerror(errno));
			goto out;
		}
		for (int k = 0; k < np; k++) {
			struct worker *w = &p->wk[who[k]];
			if (!pf[k].revents || !w->busy)
				continue;
			if (service(p, w, pf[k].revents, e))
				goto out;
		}
		now = now_ms();
		for (int i = 0; i < p->nwk; i++) {
			struct worker *w = &p->wk[i];
			if (w->busy && now >= w->deadline) {
				char why[64];
				reap(w, true, NULL, 0);
				snprintf(why, sizeof(why),
				         "extraction took more than %d s",
				         wall_seconds(p));
				give_up(p, w, why);
			}
		}
	}
	rc = 0;
out:
	free(pf);
	free(who);
	return rc;
}

int ingest_supervise(size_t nfiles, const struct ingest_supervise_opts *o,
                     const struct ingest_supervise_ops *ops, void *arg, cw_err *e)
{
	struct pool p = {o, ops, arg, nfiles, NULL, 0};
	struct sigaction ign, old;
	int rc = -1;

	p.nwk = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (p.nwk < 1)
		p.nwk = 1;
	if ((size_t)p.nwk > nfiles)
		p.nwk = nfiles ? (int)nfiles : 1;
	if (!(p.wk = calloc((size_t)p.nwk, sizeof(*p.wk))))
		return cw_err_set(e, CW_ENOMEM, "out of memory");
	for (int i = 0; i < p.nwk; i++) {
		p.wk[i].to = p.wk[i].from = -1;
		cw_buf_init(&p.wk[i].doc.bytes, 0);
		cw_buf_init(&p.wk[i].recv, 0);
	}
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old); /* a dead worker is an EPIPE, not our death */
	rc = run(&p, e);
	for (int i = 0; i < p.nwk; i++) {
		/* An idle worker exits at the end of its input; a busy one
		 * (after a failure) is stopped. */
		reap(&p.wk[i], p.wk[i].busy, NULL, 0);
		cw_buf_release(&p.wk[i].doc.bytes);
		cw_buf_release(&p.wk[i].recv);
	}
	sigaction(SIGPIPE, &old, NULL);
	free(p.wk);
	return rc;
}
