/*
 * Native memory-read yardstick for ops/bench.sh: one thread sums a 128 MB buffer (the size of
 * OneToNBenchmark's N = 1M gallery of 128-byte templates), the loop gcc -O3 -march=native turns
 * into wide vector loads with independent accumulators. Prints the read rate in 128-byte templates
 * per second over PASSES timed passes after WARMUP untimed ones: per wall-clock second (like JMH's
 * throughput mode) and per CPU-second of this thread (what a loaded machine does not distort).
 * Build: gcc -O3 -march=native -o memread memread.c
 * Output (Java properties): templatesPerSecond, cpuTemplatesPerSecond, bestPassTemplatesPerSecond, passes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BYTES (128u * 1000000u)
#define WARMUP 3
#define PASSES 20

static double now(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Eight independent accumulators over 64-bit words; gcc vectorises each into vector lanes. */
static uint64_t sum(const uint64_t *x, size_t n) {
    uint64_t a[8] = {0};
    for (size_t i = 0; i < n; i += 8) {
        for (int j = 0; j < 8; j++) {
            a[j] += x[i + j];
        }
    }
    uint64_t s = 0;
    for (int j = 0; j < 8; j++) {
        s += a[j];
    }
    return s;
}

int main(void) {
    size_t n = BYTES / sizeof(uint64_t);
    uint64_t *x = aligned_alloc(64, BYTES);
    if (x == NULL) {
        fprintf(stderr, "memread: cannot allocate %u bytes\n", BYTES);
        return 2;
    }
    uint64_t seed = 7;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        x[i] = seed;
    }
    volatile uint64_t sink = 0;
    for (int p = 0; p < WARMUP; p++) {
        sink += sum(x, n);
    }
    double total = 0, cpu = 0, best = 1e30;
    for (int p = 0; p < PASSES; p++) {
        double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_THREAD_CPUTIME_ID);
        sink += sum(x, n);
        double t = now(CLOCK_MONOTONIC) - t0;
        cpu += now(CLOCK_THREAD_CPUTIME_ID) - c0;
        total += t;
        if (t < best) {
            best = t;
        }
    }
    double templates = BYTES / 128.0;
    printf("templatesPerSecond=%.0f\ncpuTemplatesPerSecond=%.0f\nbestPassTemplatesPerSecond=%.0f\npasses=%d\n",
           templates * PASSES / total, templates * PASSES / cpu, templates / best, PASSES);
    free(x);
    return sink == 42 ? 1 : 0;
}
