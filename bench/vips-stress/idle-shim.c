/*
 * LD_PRELOAD shim for bench/vips-stress.sh: shortens the one long timed wait in libvips 8.14,
 * the 15 s a worker thread of its threadset waits for work before it exits, to
 * SIS_STRESS_IDLE_US microseconds (default 2000). Threads then exit and are recreated thousands
 * of times a second instead of once per quiet spell, which makes a race between a thread's
 * idle exit and a new task for it (libvips < 8.15.4) show up in minutes instead of months.
 * Every other wait is passed through unchanged. A fault injector for the stress, never for sis.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

typedef int (*wait_until_fn)(void *cond, void *mutex, long end_time);

static long now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t); /* GLib's monotonic clock, in microseconds */
    return t.tv_sec * 1000000L + t.tv_nsec / 1000;
}

int g_cond_wait_until(void *cond, void *mutex, long end_time) {
    static wait_until_fn real;
    static long idle_us;
    if (!real) {
        /* libvips and GLib are loaded by the JVM with RTLD_LOCAL: ask GLib itself. */
        void *glib = dlopen("libglib-2.0.so.0", RTLD_NOW | RTLD_NOLOAD);
        real = (wait_until_fn) dlsym(glib ? glib : RTLD_NEXT, "g_cond_wait_until");
        const char *us = getenv("SIS_STRESS_IDLE_US");
        idle_us = us ? atol(us) : 2000;
    }
    long now = now_us();
    if (end_time - now > 10 * 1000000L) { /* only the threadset's 15 s idle wait is that long */
        end_time = now + idle_us;
    }
    return real(cond, mutex, end_time);
}
