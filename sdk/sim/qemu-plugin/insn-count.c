/*
 * insn-count.c — a QEMU TCG plugin that counts executed guest instructions for mote's
 * simulator layer (sdk/sim/qemu.ts compiles it on demand with the host `cc`).
 *
 * Debian's qemu-system-arm 7.2 is built with plugin support but ships no plugins, and no
 * plugin headers either; so the few declarations of the plugin API version 1 used here
 * are written out below (they match include/qemu/qemu-plugin.h of QEMU 7.x).
 *
 * How it counts: when QEMU translates a block of guest code, every instruction in it gets
 * an inline "add 1 to a 64-bit counter" operation that runs just before the instruction.
 * An instruction is therefore counted each time it starts executing — including the final
 * semihosting BKPT and every WFI; time asleep in WFI executes nothing and counts nothing.
 * The count does not depend on translation-block boundaries, so it is exact and repeatable.
 * mote's machines have one vCPU, so a plain (non-atomic) counter is enough.
 *
 * Arguments: out=PATH — at exit, write the decimal count and a newline to PATH.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define PLUGIN_EXPORT __attribute__((visibility("default")))

/* --- plugin API v1 (QEMU 7.x include/qemu/qemu-plugin.h), only what is used --------- */
typedef uint64_t qemu_plugin_id_t;

typedef struct qemu_info_t {
    const char *target_name;
    struct { int min; int cur; } version;
    bool system_emulation;
    union { struct { int smp_vcpus; int max_vcpus; } system; };
} qemu_info_t;

struct qemu_plugin_tb;
struct qemu_plugin_insn;

enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 = 0 };

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
                                                enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);

/* --- the plugin ---------------------------------------------------------------------- */
PLUGIN_EXPORT int qemu_plugin_version = 1;

static uint64_t executed;
static char out_path[4096];

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t count = qemu_plugin_tb_n_insns(tb);
    for (size_t i = 0; i < count; i++) {
        qemu_plugin_register_vcpu_insn_exec_inline(qemu_plugin_tb_get_insn(tb, i),
                                                   QEMU_PLUGIN_INLINE_ADD_U64, &executed, 1);
    }
}

static void on_qemu_exit(qemu_plugin_id_t id, void *userdata)
{
    (void)id;
    (void)userdata;
    if (out_path[0] == '\0') return;
    FILE *file = fopen(out_path, "w");
    if (file == NULL) return;
    fprintf(file, "%llu\n", (unsigned long long)executed);
    fclose(file);
}

PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                                      int argc, char **argv)
{
    (void)info;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "out=", 4) == 0) {
            snprintf(out_path, sizeof out_path, "%s", argv[i] + 4);
        } else {
            fprintf(stderr, "insn-count: unknown argument '%s' (expected out=PATH)\n", argv[i]);
            return -1;
        }
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
    return 0;
}
