/* tests/fault/faultshim.c: an LD_PRELOAD shim that fails or records the
 * file I/O of one casewatch process, for the fault and power-loss tests.
 *
 * It wraps the calls that change what is on disk: write, pwrite,
 * pwrite64, writev, fsync, fdatasync, ftruncate, ftruncate64, rename,
 * link and unlink (the ones `nm -D casewatch` and strace show SQLite and
 * casewatch use), and open/open64 to see files being created. Only calls
 * on paths under CW_FAULT_DIR count; with it unset the shim does nothing.
 *
 *   CW_FAULT_DIR=DIR       count and record calls on paths under DIR only
 *   CW_FAULT_OPS=a,b       which calls count (default: every wrapped one)
 *   CW_FAULT_AT=N          the Nth counted call (1-based) fails ...
 *   CW_FAULT_MODE=M        ... with eio or enospc (the call is not made),
 *                          or kill: the call is made, then SIGKILL
 *   CW_FAULT_COUNT=FILE    at exit, write the number of counted calls
 *   CW_FAULT_NOTE=FILE     when faulting, write "N op path" there
 *   CW_FAULT_LOG=FILE      append every counted call (and its bytes) for
 *                          tests/fault/powerloss.py to replay:
 *                          "W path offset length\n" + bytes, "S path",
 *                          "T path length", "R old new", "L old new",
 *                          "U path", "C path" (a file created)
 *
 * Test code, not shipped: it is built only as a test helper. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum op {
	OP_WRITE,
	OP_PWRITE,
	OP_WRITEV,
	OP_FSYNC,
	OP_FDATASYNC,
	OP_FTRUNCATE,
	OP_RENAME,
	OP_LINK,
	OP_UNLINK,
	OP_COUNT
};
static const char *const op_name[OP_COUNT] = {"write",  "pwrite",    "writev",
                                              "fsync",  "fdatasync", "ftruncate",
                                              "rename", "link",      "unlink"};

static struct {
	int ready;
	const char *dir;
	size_t dirlen;
	unsigned ops; /* bit per enum op */
	long at;
	int mode; /* 0 none, else errno to return, or -1 for kill */
	const char *count_path, *note_path;
	int log_fd;
	long seen;
	pthread_mutex_t mu;
} S = {.log_fd = -1, .mu = PTHREAD_MUTEX_INITIALIZER};

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off_t);
static int (*real_rename)(const char *, const char *);
static int (*real_link)(const char *, const char *);
static int (*real_unlink)(const char *);
static int (*real_open)(const char *, int, ...);
static int (*real_open64)(const char *, int, ...);

static void write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = real_write(fd, c, n);
		if (w <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return;
		}
		c += w;
		n -= (size_t)w;
	}
}

static void save_count(void)
{
	char buf[32];
	int fd, n;

	if (!S.count_path)
		return;
	fd = real_open(S.count_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	n = snprintf(buf, sizeof(buf), "%ld\n", S.seen);
	write_all(fd, buf, (size_t)n);
	close(fd);
}

__attribute__((constructor)) static void shim_init(void)
{
	const char *v;

	real_write = dlsym(RTLD_NEXT, "write");
	real_pwrite = dlsym(RTLD_NEXT, "pwrite");
	real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
	real_writev = dlsym(RTLD_NEXT, "writev");
	real_fsync = dlsym(RTLD_NEXT, "fsync");
	real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
	real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
	real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
	real_rename = dlsym(RTLD_NEXT, "rename");
	real_link = dlsym(RTLD_NEXT, "link");
	real_unlink = dlsym(RTLD_NEXT, "unlink");
	real_open = dlsym(RTLD_NEXT, "open");
	real_open64 = dlsym(RTLD_NEXT, "open64");

	v = getenv("CW_FAULT_DIR");
	if (!v || !*v)
		return;
	S.dir = v;
	S.dirlen = strlen(v);
	S.ops = (1u << OP_COUNT) - 1;
	if ((v = getenv("CW_FAULT_OPS")) && *v) {
		S.ops = 0;
		for (int i = 0; i < OP_COUNT; i++) {
			const char *p = v;
			size_t n = strlen(op_name[i]);
			while ((p = strstr(p, op_name[i]))) {
				if ((p == v || p[-1] == ',') && (p[n] == ',' || !p[n]))
					S.ops |= 1u << i;
				p += n;
			}
		}
	}
	if ((v = getenv("CW_FAULT_AT")))
		S.at = strtol(v, NULL, 10);
	if ((v = getenv("CW_FAULT_MODE"))) {
		if (!strcmp(v, "eio"))
			S.mode = EIO;
		else if (!strcmp(v, "enospc"))
			S.mode = ENOSPC;
		else if (!strcmp(v, "kill"))
			S.mode = -1;
	}
	S.count_path = getenv("CW_FAULT_COUNT");
	S.note_path = getenv("CW_FAULT_NOTE");
	if ((v = getenv("CW_FAULT_LOG")) && *v)
		S.log_fd = real_open(v, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	S.ready = 1;
	atexit(save_count);
}

/* The absolute, normalized path of p (its folder resolved, as
 * /proc/self/fd shows a descriptor's file), for a file that may not
 * exist. */
static void abspath(const char *p, char out[PATH_MAX])
{
	char d[PATH_MAX], r[PATH_MAX];
	const char *slash = strrchr(p, '/');
	const char *base = slash ? slash + 1 : p;

	if (!slash)
		snprintf(d, sizeof(d), ".");
	else if (slash == p)
		snprintf(d, sizeof(d), "/");
	else
		snprintf(d, sizeof(d), "%.*s", (int)(slash - p), p);
	if (!realpath(d, r)) {
		snprintf(out, PATH_MAX, "%s", p);
		return;
	}
	if (snprintf(out, PATH_MAX, "%s/%s", strcmp(r, "/") ? r : "", base) >= PATH_MAX)
		snprintf(out, PATH_MAX, "%s", p); /* too long to resolve */
}

static int fd_path(int fd, char out[PATH_MAX])
{
	char l[64];
	ssize_t n;

	snprintf(l, sizeof(l), "/proc/self/fd/%d", fd);
	n = readlink(l, out, PATH_MAX - 1);
	if (n < 0)
		return -1;
	out[n] = 0;
	return 0;
}

static int under(const char *path)
{
	return S.ready && !strncmp(path, S.dir, S.dirlen) &&
	       (path[S.dirlen] == '/' || path[S.dirlen] == 0);
}

/* Count one call. Returns 0 to go ahead, -1 to fail it (errno set), 1 to
 * make the call and then die. */
static int count(enum op o, const char *path)
{
	long n;

	if (!(S.ops & (1u << o)))
		return 0;
	n = __atomic_add_fetch(&S.seen, 1, __ATOMIC_SEQ_CST);
	if (n != S.at || !S.mode)
		return 0;
	if (S.note_path) {
		int fd = real_open(S.note_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		                   0600);
		if (fd >= 0) {
			char buf[PATH_MAX + 64];
			int k = snprintf(buf, sizeof(buf), "%ld %s %s\n", n, op_name[o],
			                 path);
			write_all(fd, buf, (size_t)k);
			close(fd);
		}
	}
	if (S.mode < 0)
		return 1;
	errno = S.mode;
	return -1;
}

__attribute__((format(printf, 1, 2))) static void logf_(const char *fmt, ...)
{
	char buf[2 * PATH_MAX + 64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		write_all(S.log_fd, buf,
		          (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static void log_write(const char *path, off_t off, const void *p, size_t n)
{
	pthread_mutex_lock(&S.mu);
	logf_("W %s %lld %zu\n", path, (long long)off, n);
	write_all(S.log_fd, p, n);
	pthread_mutex_unlock(&S.mu);
}

#define LOG(...)                                                                         \
	do {                                                                             \
		pthread_mutex_lock(&S.mu);                                               \
		logf_(__VA_ARGS__);                                                      \
		pthread_mutex_unlock(&S.mu);                                             \
	} while (0)

static void die(void)
{
	raise(SIGKILL);
}

/* write-like calls on a descriptor: f makes the call. */
#define FD_CALL(o, fd, call, logoff, logbuf, logn)                                       \
	do {                                                                             \
		char path_[PATH_MAX];                                                    \
		int how_;                                                                \
		ssize_t r_;                                                              \
		if (!S.ready || fd_path(fd, path_) || !under(path_))                     \
			return call;                                                     \
		how_ = count(o, path_);                                                  \
		if (how_ < 0)                                                            \
			return -1;                                                       \
		off_t off_ = (logoff);                                                   \
		r_ = call;                                                               \
		if (r_ > 0 && S.log_fd >= 0)                                             \
			log_write(path_, off_, logbuf,                                   \
			          (size_t)r_ < (logn) ? (size_t)r_ : (logn));            \
		if (how_ > 0)                                                            \
			die();                                                           \
		return r_;                                                               \
	} while (0)

ssize_t write(int fd, const void *p, size_t n)
{
	FD_CALL(OP_WRITE, fd, real_write(fd, p, n), lseek(fd, 0, SEEK_CUR), p, n);
}

ssize_t pwrite(int fd, const void *p, size_t n, off_t off)
{
	FD_CALL(OP_PWRITE, fd, real_pwrite(fd, p, n, off), off, p, n);
}

ssize_t pwrite64(int fd, const void *p, size_t n, off_t off)
{
	FD_CALL(OP_PWRITE, fd, real_pwrite64(fd, p, n, off), off, p, n);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	char path[PATH_MAX];
	off_t off;
	ssize_t r;
	int how;

	if (!S.ready || fd_path(fd, path) || !under(path))
		return real_writev(fd, iov, cnt);
	how = count(OP_WRITEV, path);
	if (how < 0)
		return -1;
	off = lseek(fd, 0, SEEK_CUR);
	r = real_writev(fd, iov, cnt);
	if (r > 0 && S.log_fd >= 0) {
		size_t left = (size_t)r;
		for (int i = 0; i < cnt && left; i++) {
			size_t k = iov[i].iov_len < left ? iov[i].iov_len : left;
			log_write(path, off, iov[i].iov_base, k);
			off += (off_t)k;
			left -= k;
		}
	}
	if (how > 0)
		die();
	return r;
}

static int sync_call(enum op o, int fd, int (*f)(int))
{
	char path[PATH_MAX];
	int how, r;

	if (!S.ready || fd_path(fd, path) || !under(path))
		return f(fd);
	how = count(o, path);
	if (how < 0)
		return -1;
	r = f(fd);
	if (r == 0 && S.log_fd >= 0)
		LOG("S %s\n", path);
	if (how > 0)
		die();
	return r;
}

int fsync(int fd)
{
	return sync_call(OP_FSYNC, fd, real_fsync);
}

int fdatasync(int fd)
{
	return sync_call(OP_FDATASYNC, fd, real_fdatasync);
}

static int trunc_call(int fd, off_t len, int (*f)(int, off_t))
{
	char path[PATH_MAX];
	int how, r;

	if (!S.ready || fd_path(fd, path) || !under(path))
		return f(fd, len);
	how = count(OP_FTRUNCATE, path);
	if (how < 0)
		return -1;
	r = f(fd, len);
	if (r == 0 && S.log_fd >= 0)
		LOG("T %s %lld\n", path, (long long)len);
	if (how > 0)
		die();
	return r;
}

int ftruncate(int fd, off_t len)
{
	return trunc_call(fd, len, real_ftruncate);
}

int ftruncate64(int fd, off_t len)
{
	return trunc_call(fd, len, real_ftruncate64);
}

static int two_paths(enum op o, const char *a, const char *b,
                     int (*f)(const char *, const char *), char tag)
{
	char pa[PATH_MAX], pb[PATH_MAX];
	int how, r;

	if (!S.ready)
		return f(a, b);
	abspath(a, pa);
	abspath(b, pb);
	if (!under(pa) && !under(pb))
		return f(a, b);
	how = count(o, pb);
	if (how < 0)
		return -1;
	r = f(a, b);
	if (r == 0 && S.log_fd >= 0)
		LOG("%c %s %s\n", tag, pa, pb);
	if (how > 0)
		die();
	return r;
}

int rename(const char *a, const char *b)
{
	return two_paths(OP_RENAME, a, b, real_rename, 'R');
}

int link(const char *a, const char *b)
{
	return two_paths(OP_LINK, a, b, real_link, 'L');
}

int unlink(const char *p)
{
	char pa[PATH_MAX];
	int how, r;

	if (!S.ready)
		return real_unlink(p);
	abspath(p, pa);
	if (!under(pa))
		return real_unlink(p);
	how = count(OP_UNLINK, pa);
	if (how < 0)
		return -1;
	r = real_unlink(p);
	if (r == 0 && S.log_fd >= 0)
		LOG("U %s\n", pa);
	if (how > 0)
		die();
	return r;
}

/* open: not faulted, only recorded when it creates a file. */
static int open_call(int (*f)(const char *, int, ...), const char *p, int flags,
                     mode_t mode)
{
	char pa[PATH_MAX];
	struct stat st;
	int existed, fd;

	if (!S.ready || S.log_fd < 0 || !(flags & O_CREAT))
		return f(p, flags, mode);
	abspath(p, pa);
	if (!under(pa))
		return f(p, flags, mode);
	existed = stat(p, &st) == 0;
	fd = f(p, flags, mode);
	if (fd >= 0 && !existed)
		LOG("C %s\n", pa);
	return fd;
}

int open(const char *p, int flags, ...)
{
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return open_call(real_open, p, flags, mode);
}

int open64(const char *p, int flags, ...)
{
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return open_call(real_open64, p, flags, mode);
}
