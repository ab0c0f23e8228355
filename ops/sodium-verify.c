/*
 * libsodium yardstick for ops/bench.sh: crypto_sign_verify_detached over a file of signed messages
 * (LimitsReport writes the audited export's own signing inputs), on one thread, counted per
 * CPU-second of that thread so that other load on the machine does not change the figure.
 *
 * Input records: 32-byte public key, 64-byte signature, 4-byte little-endian message length,
 * message. Usage: sodium-verify FILE [MIN_CPU_SECONDS]. Prints one line:
 *   verifies=N cpu_seconds=T per_cpu_second=R sodium=VERSION
 * Exit 2 on bad input, 1 if any signature does not verify.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct record {
    unsigned char pk[32];
    unsigned char sig[64];
    unsigned char *msg;
    uint32_t len;
};

static double thread_cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: sodium-verify FILE [MIN_CPU_SECONDS]\n");
        return 2;
    }
    double min_seconds = argc == 3 ? atof(argv[2]) : 3.0;
    if (sodium_init() < 0) {
        fprintf(stderr, "sodium-verify: sodium_init failed\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL) {
        fprintf(stderr, "sodium-verify: cannot open %s\n", argv[1]);
        return 2;
    }
    size_t count = 0, capacity = 1024;
    struct record *records = malloc(capacity * sizeof *records);
    for (;;) {
        struct record r;
        unsigned char len[4];
        if (fread(r.pk, 1, 32, in) != 32) {
            break;
        }
        if (fread(r.sig, 1, 64, in) != 64 || fread(len, 1, 4, in) != 4) {
            fprintf(stderr, "sodium-verify: truncated record %zu\n", count);
            return 2;
        }
        r.len = len[0] | len[1] << 8 | len[2] << 16 | (uint32_t) len[3] << 24;
        r.msg = malloc(r.len ? r.len : 1);
        if (fread(r.msg, 1, r.len, in) != r.len) {
            fprintf(stderr, "sodium-verify: truncated message in record %zu\n", count);
            return 2;
        }
        if (count == capacity) {
            capacity *= 2;
            records = realloc(records, capacity * sizeof *records);
        }
        records[count++] = r;
    }
    fclose(in);
    if (count == 0) {
        fprintf(stderr, "sodium-verify: no records in %s\n", argv[1]);
        return 2;
    }
    for (size_t i = 0; i < count; i++) {
        if (crypto_sign_verify_detached(records[i].sig, records[i].msg, records[i].len, records[i].pk) != 0) {
            fprintf(stderr, "sodium-verify: record %zu does not verify\n", i);
            return 1;
        }
    }
    long verifies = 0;
    int failures = 0;
    double start = thread_cpu_seconds(), elapsed = 0;
    while (elapsed < min_seconds) {
        for (size_t i = 0; i < count; i++) {
            failures += crypto_sign_verify_detached(records[i].sig, records[i].msg, records[i].len, records[i].pk) != 0;
        }
        verifies += count;
        elapsed = thread_cpu_seconds() - start;
    }
    if (failures != 0) {
        fprintf(stderr, "sodium-verify: %d verifications failed\n", failures);
        return 1;
    }
    printf("verifies=%ld cpu_seconds=%.3f per_cpu_second=%.1f sodium=%s\n", verifies, elapsed, verifies / elapsed,
            sodium_version_string());
    return 0;
}
